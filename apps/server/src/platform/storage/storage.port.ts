import type { Readable } from 'node:stream';

/**
 * Where asset files (COGs, thumbnails, sidecars) live. Keys are relative paths like
 * `items/<collection>/<item>/data.tif`. The local folder is the default; an S3-compatible store is another adapter.
 */
export interface Storage {
  readonly kind: 'local' | 's3';
  put(key: string, data: Buffer | Readable): Promise<{ size: number }>;
  /** copies a local file in (ingest) without reading it into memory */
  putFile(key: string, path: string): Promise<{ size: number }>;
  read(key: string, range?: { start: number; end: number }): Promise<Readable>;
  size(key: string): Promise<number | null>;
  /** a local filesystem path when the store has one (lets readers use ranged file I/O directly) */
  localPath(key: string): string | null;
  remove(key: string): Promise<void>;
}
