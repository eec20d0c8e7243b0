import { open } from 'node:fs/promises';
import { GeoTIFF } from 'geotiff';
import { DomainError, isDomainError } from '../errors/domain-error.js';

/**
 * Byte-range access to a GeoTIFF for geotiff.js, from a file path (ranges read on demand — a multi-GB scene is never
 * loaded whole), from a `RangeReader` (object storage) or from an in-memory ArrayBuffer.
 *
 * Why not geotiff.js `fromFile`: its FileSource ignores `bytesRead` and hands back zero-filled buffers past the end
 * of the file, so a truncated TIFF decodes as black tiles instead of failing. This source clamps reads that run
 * over the end (geotiff.js speculatively reads 1 KiB for headers and IFDs, more than a tiny file holds) and
 * rejects reads that start outside the file, which is what a damaged offset looks like.
 */
type GeoTiffSource = Parameters<typeof GeoTIFF.fromSource>[0];
type Slice = { offset: number; length: number };

/** Largest single read we allow: more than any sane IFD, tile or strip, less than what would exhaust the heap. */
const MAX_READ_BYTES = 512 * 1024 * 1024;

/** A structural defect found while reading; becomes INGEST_TIFF_CORRUPT with `reason` in the details. */
export class TiffStructureError extends Error {
  constructor(
    readonly zh: string,
    readonly info: Record<string, unknown> = {},
  ) {
    super(zh);
    this.name = 'TiffStructureError';
  }
}

class BoundedSource implements GeoTiffSource {
  constructor(
    readonly size: number,
    private readonly readAt: (position: number, length: number) => Promise<ArrayBuffer>,
    private readonly release: () => Promise<void>,
  ) {}

  get fileSize(): number {
    return this.size;
  }

  async fetch(slices: Slice[], _signal?: AbortSignal): Promise<ArrayBufferLike[]> {
    return Promise.all(slices.map(async (s) => (await this.fetchSlice(s)).data));
  }

  async fetchSlice(slice: Slice, _signal?: AbortSignal): Promise<Slice & { data: ArrayBufferLike }> {
    const { offset } = slice;
    if (!Number.isSafeInteger(offset) || offset < 0 || offset >= this.size) {
      throw new TiffStructureError('读取位置超出文件末尾（文件被截断或偏移量损坏）', { offset, fileSize: this.size });
    }
    const length = Math.min(slice.length, this.size - offset);
    if (!Number.isSafeInteger(length) || length < 0 || length > MAX_READ_BYTES) {
      throw new TiffStructureError('单次读取长度异常', { offset, length: slice.length });
    }
    return { offset, length, data: await this.readAt(offset, length) };
  }

  close(): Promise<void> {
    return this.release();
  }
}

/** A file read by byte ranges from elsewhere (object storage): its size and positional reads. */
export interface RangeReader {
  size: number;
  read(position: number, length: number): Promise<ArrayBuffer>;
}

async function openSource(input: string | ArrayBuffer | RangeReader): Promise<BoundedSource> {
  if (!(input instanceof ArrayBuffer) && typeof input !== 'string') {
    return new BoundedSource(input.size, input.read, async () => {});
  }
  if (typeof input !== 'string') {
    const buf = input;
    return new BoundedSource(
      buf.byteLength,
      async (pos, len) => buf.slice(pos, pos + len),
      async () => {},
    );
  }
  // fs errors (ENOENT, EACCES) propagate unchanged: a missing file is the caller's bug, not a bad upload.
  const fh = await open(input, 'r');
  try {
    const { size } = await fh.stat();
    return new BoundedSource(
      size,
      async (pos, len) => {
        const bytes = new Uint8Array(len);
        const { bytesRead } = await fh.read(bytes, 0, len, pos);
        if (bytesRead !== len) throw new TiffStructureError('文件读取不完整（文件在读取过程中被截断？）', { pos, len });
        return bytes.buffer;
      },
      () => fh.close(),
    );
  } catch (e) {
    await fh.close();
    throw e;
  }
}

/** Maps anything thrown while parsing to INGEST_TIFF_CORRUPT; DomainErrors pass through. */
export function asIngestError(e: unknown): DomainError {
  if (isDomainError(e)) return e;
  if (e instanceof TiffStructureError) {
    return new DomainError(
      'INGEST_TIFF_CORRUPT',
      { reason: e.zh, ...e.info },
      `文件不是有效的 GeoTIFF 或已损坏：${e.zh}`,
    );
  }
  const reason = e instanceof Error ? e.message : String(e);
  return new DomainError('INGEST_TIFF_CORRUPT', { reason }, '文件不是有效的 GeoTIFF 或已损坏：无法解析 TIFF 结构');
}

/**
 * Opens `input`, runs `fn` with the parsed GeoTIFF and the file size in bytes, and always closes the file. Every
 * failure other than a DomainError or an fs error on open becomes INGEST_TIFF_CORRUPT.
 */
export async function withGeoTiff<T>(
  input: string | ArrayBuffer | RangeReader,
  fn: (tiff: GeoTIFF, fileSize: number) => Promise<T>,
): Promise<T> {
  const source = await openSource(input);
  try {
    if (source.size < 8) throw new TiffStructureError('文件过短，不是 TIFF', { fileSize: source.size });
    const tiff = await GeoTIFF.fromSource(source);
    return await fn(tiff, source.size);
  } catch (e) {
    throw asIngestError(e);
  } finally {
    await source.close();
  }
}
