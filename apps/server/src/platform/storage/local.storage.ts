import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, normalize, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Storage } from './storage.port.js';

/** Assets in a folder on this machine (default `<data dir>/assets`). */
export function localStorage(root: string): Storage {
  const path = (key: string) => {
    const p = normalize(join(root, key));
    // Keys come from our own database, but never let one escape the root.
    if (!p.startsWith(normalize(root) + sep)) throw new Error(`storage key escapes root: ${key}`);
    return p;
  };
  return {
    kind: 'local',
    async put(key, data) {
      const p = path(key);
      await mkdir(dirname(p), { recursive: true });
      if (Buffer.isBuffer(data)) await writeFile(p, data);
      else await pipeline(data, createWriteStream(p));
      return { size: (await stat(p)).size };
    },
    async putFile(key, src) {
      const p = path(key);
      await mkdir(dirname(p), { recursive: true });
      await copyFile(src, p);
      return { size: (await stat(p)).size };
    },
    async read(key, range) {
      return createReadStream(path(key), range ? { start: range.start, end: range.end } : {});
    },
    async size(key) {
      try {
        return (await stat(path(key))).size;
      } catch {
        return null;
      }
    },
    localPath: (key) => path(key),
    async remove(key) {
      await rm(path(key), { force: true });
    },
  };
}
