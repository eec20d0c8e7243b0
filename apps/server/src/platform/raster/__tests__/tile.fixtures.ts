import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type Source, Tiff } from '@cogeotiff/core';
import sharp from 'sharp';
import { expect } from 'vitest';
import type { Storage } from '../../storage/storage.port.js';
import { type CogFormat, type CogGeoreference, writeCog } from '../cog-writer.js';
import { type SourceFactory, storageSource, TileRenderer } from '../tile.render.js';

export type Colour = (x: number, y: number) => readonly [number, number, number];

/** Four flat quadrants (JPEG keeps flat colours): NW red, NE green, SW blue, SE yellow. */
export const QUADRANT_COLOURS = {
  nw: [200, 40, 40],
  ne: [40, 180, 60],
  sw: [40, 60, 200],
  se: [230, 210, 50],
} as const;

export const quadrants =
  (width: number, height: number): Colour =>
  (x, y) =>
    QUADRANT_COLOURS[`${y < height / 2 ? 'n' : 's'}${x < width / 2 ? 'w' : 'e'}` as keyof typeof QUADRANT_COLOURS];

/** A deterministic texture: 32 px cells of varied colour with a diagonal gradient (shows any misplaced pixel). */
export const cells: Colour = (x, y) => {
  const cx = Math.floor(x / 32);
  const cy = Math.floor(y / 32);
  return [(cx * 53 + cy * 17) % 256, (cy * 61 + 40) % 256, Math.floor((x + y) / 8) % 256];
};

/**
 * Writes a COG into `storage` under `key`; every level is drawn from `colour` at its pixel centres in level-0
 * coordinates (the texture rendered at each scale, as the demo catalogue does).
 */
export async function writeTestCog(
  storage: Storage,
  key: string,
  format: CogFormat,
  geo: CogGeoreference,
  colour: Colour,
): Promise<void> {
  const path = storage.localPath(key)!;
  mkdirSync(dirname(path), { recursive: true });
  const tileSize = format.tileSize ?? 512;
  await writeCog(path, format, geo, (level, col, row) => {
    const raw = Buffer.alloc(tileSize * tileSize * 3);
    const scale = 2 ** level;
    for (let y = 0; y < tileSize; y++) {
      for (let x = 0; x < tileSize; x++) {
        const px = Math.min(col * tileSize + x, Math.ceil(format.width / scale) - 1);
        const py = Math.min(row * tileSize + y, Math.ceil(format.height / scale) - 1);
        raw.set(colour((px + 0.5) * scale, (py + 0.5) * scale), (y * tileSize + x) * 3);
      }
    }
    return raw;
  });
}

/** The XYZ tile containing (lon, lat) at zoom z. */
export const tileAt = (lon: number, lat: number, z: number) => ({
  z,
  x: Math.floor(((lon + 180) / 360) * 2 ** z),
  y: Math.floor(((1 - Math.asinh(Math.tan((lat * Math.PI) / 180)) / Math.PI) / 2) * 2 ** z),
});

/** Sample value of `band` at level-0 pixel (x, y) (pixel centres), for multi-band and 16-bit test rasters. */
export type Sampler = (x: number, y: number, band: number) => number;

const SAMPLE_WRITERS = {
  uint8: (b: Buffer, v: number, o: number) => b.writeUInt8(v, o),
  uint16: (b: Buffer, v: number, o: number) => b.writeUInt16LE(v, o * 2),
  int16: (b: Buffer, v: number, o: number) => b.writeInt16LE(v, o * 2),
  float32: (b: Buffer, v: number, o: number) => b.writeFloatLE(v, o * 4),
} as const;
const SAMPLE_BYTES = { uint8: 1, uint16: 2, int16: 2, float32: 4 } as const;

/**
 * Writes a COG of any band count and sample type, each level drawn from `sample` (and `mask`, a GDAL internal mask:
 * true where there is data) at its pixel centres in level-0 coordinates.
 */
export async function writeSampledCog(
  storage: Storage,
  key: string,
  format: CogFormat,
  geo: CogGeoreference,
  sample: Sampler,
  mask?: (x: number, y: number) => boolean,
): Promise<void> {
  const path = storage.localPath(key)!;
  mkdirSync(dirname(path), { recursive: true });
  const tileSize = format.tileSize ?? 512;
  const bands = format.bands ?? 3;
  const type = format.dataType ?? 'uint8';
  const at = (level: number, col: number, row: number, x: number, y: number) => {
    const scale = 2 ** level;
    const px = Math.min(col * tileSize + x, Math.ceil(format.width / scale) - 1);
    const py = Math.min(row * tileSize + y, Math.ceil(format.height / scale) - 1);
    return [(px + 0.5) * scale, (py + 0.5) * scale] as const;
  };
  await writeCog(
    path,
    format,
    geo,
    (level, col, row) => {
      const raw = Buffer.alloc(tileSize * tileSize * bands * SAMPLE_BYTES[type]);
      for (let y = 0; y < tileSize; y++) {
        for (let x = 0; x < tileSize; x++) {
          const [sx, sy] = at(level, col, row, x, y);
          for (let b = 0; b < bands; b++) SAMPLE_WRITERS[type](raw, sample(sx, sy, b), (y * tileSize + x) * bands + b);
        }
      }
      return raw;
    },
    mask
      ? {
          mask: (level, col, row) => {
            const m = new Uint8Array(tileSize * tileSize);
            for (let y = 0; y < tileSize; y++)
              for (let x = 0; x < tileSize; x++) m[y * tileSize + x] = mask(...at(level, col, row, x, y)) ? 1 : 0;
            return m;
          },
        }
      : {},
  );
}

const GOLDEN = join(import.meta.dirname, 'golden');

/**
 * Golden tiles pin the rendering (linz/basemaps `expected_tile_*.png`): the tile matches golden/<name>.png to ±2 per
 * channel; GOLDEN_UPDATE=1 rewrites the file instead.
 */
export async function expectGolden(name: string, png: Buffer): Promise<void> {
  const file = join(GOLDEN, `${name}.png`);
  if (process.env.GOLDEN_UPDATE === '1') {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, png);
  }
  const raw = (b: Buffer) => sharp(b).ensureAlpha().raw().toBuffer();
  const [got, want] = await Promise.all([raw(png), raw(readFileSync(file))]);
  let worst = 0;
  for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i]! - want[i]!));
  expect(got.length).toBe(want.length);
  expect(worst).toBeLessThanOrEqual(2);
}

/** A source factory over `storage` that records every byte-range read (the cogeotiff test pattern). */
export function recordingSource(storage: Storage): {
  factory: SourceFactory;
  reads: { key: string; offset: number; length?: number }[];
} {
  const reads: { key: string; offset: number; length?: number }[] = [];
  const inner = storageSource(storage);
  const factory: SourceFactory = async (key) => {
    const s = await inner(key);
    return {
      ...s,
      fetch: (offset: number, length?: number) => {
        reads.push({ key, offset, length });
        return s.fetch(offset, length);
      },
    } satisfies Source;
  };
  return { factory, reads };
}

/**
 * Renderers and COG headers opened by one test file, to close in its afterAll: each keeps the file handles of the COGs
 * it opened, which Node would otherwise close on garbage collection (with a warning).
 */
export function rendererPool() {
  const all = new Set<TileRenderer>();
  const sources = new Set<Source>();
  return {
    make: (...args: ConstructorParameters<typeof TileRenderer>) => {
      const r = new TileRenderer(...args);
      all.add(r);
      return r;
    },
    /** A COG's header opened on its own (to compare with what a renderer read), closed with the pool. */
    tiff: async (storage: Storage, key: string) => {
      const source = await storageSource(storage)(key);
      sources.add(source);
      return Tiff.create(source);
    },
    close: async () => {
      await Promise.all([...[...all].map((r) => r.close()), ...[...sources].map((s) => s.close?.())]);
      all.clear();
      sources.clear();
    },
  };
}
