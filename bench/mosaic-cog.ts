/**
 * The large JPEG COGs of bench/tiles-vs-mapserver.ts, written with our own writer (cog-writer.ts `writeCog`).
 *
 * Content matters: JPEG decode and PNG/JPEG/WebP encode costs depend on it, so the raster is a mosaic of real aerial
 * patches (DSIFN Google-Earth tiles of Chinese cities in ../shared/data/change/dsifn, 256 × 256 RGB), each placed in
 * one of its 8 rotations/mirrorings chosen by a fixed hash; without the shared data, 24 synthetic patches of
 * fractal value noise over colour gradients. The overviews come from a 2 × 2 box pyramid of each patch, so every
 * level is drawn directly at its own scale. The writer streams: only a window of tiles is in memory at once.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { cogLevels } from '../apps/server/src/platform/raster/cog-layout.rules.js';
import { type CogGeoreference, type RawTileSource, writeCog } from '../apps/server/src/platform/raster/cog-writer.js';

/** Side of a texture patch at full resolution, in pixels. */
const PATCH = 256;
/** The patch grid is shifted by half a patch so that patch seams fall inside COG tiles, not on their edges. */
const PATCH_OFFSET = 128;
export const TILE = 256;
export const JPEG_QUALITY = 85;

/** Patches as raw RGB (PATCH² × 3 bytes); `source` says where they came from. */
export async function loadPatches(dataDir: string): Promise<{ patches: Buffer[]; source: string }> {
  const dsifn = join(dataDir, 'change/dsifn');
  if (existsSync(dsifn)) {
    const files = ['A', 'B'].flatMap((d) =>
      readdirSync(join(dsifn, d))
        .filter((f) => f.endsWith('.png'))
        .sort()
        .map((f) => join(dsifn, d, f)),
    );
    const patches = await Promise.all(
      files.map((f) => sharp(f).removeAlpha().resize(PATCH, PATCH, { fit: 'fill' }).raw().toBuffer()),
    );
    return { patches, source: `${files.length} DSIFN aerial tiles (${dsifn})` };
  }
  return { patches: Array.from({ length: 24 }, (_, i) => noisePatch(i)), source: '24 synthetic noise patches' };
}

/** Fractal value noise (4 octaves) modulating a colour gradient: field/roof-like texture with edges of all sizes. */
function noisePatch(seed: number): Buffer {
  const out = Buffer.alloc(PATCH * PATCH * 3);
  const lattice = (x: number, y: number, o: number) => hash(x, y, seed * 8 + o) / 0xffffffff;
  const noise = (x: number, y: number, cell: number, o: number) => {
    const gx = x / cell;
    const gy = y / cell;
    const x0 = Math.floor(gx);
    const y0 = Math.floor(gy);
    const fx = gx - x0;
    const fy = gy - y0;
    const top = lattice(x0, y0, o) * (1 - fx) + lattice(x0 + 1, y0, o) * fx;
    const bottom = lattice(x0, y0 + 1, o) * (1 - fx) + lattice(x0 + 1, y0 + 1, o) * fx;
    return top * (1 - fy) + bottom * fy;
  };
  const base = [60 + ((seed * 37) % 80), 70 + ((seed * 53) % 70), 40 + ((seed * 29) % 60)];
  for (let y = 0; y < PATCH; y++) {
    for (let x = 0; x < PATCH; x++) {
      const n =
        noise(x, y, 64, 0) * 0.5 + noise(x, y, 16, 1) * 0.25 + noise(x, y, 4, 2) * 0.15 + noise(x, y, 1, 3) * 0.1;
      const g = (x + y) / (2 * PATCH);
      for (let b = 0; b < 3; b++) out[(y * PATCH + x) * 3 + b] = Math.min(255, base[b]! * (0.6 + n) + 40 * g);
    }
  }
  return out;
}

/** Integer hash of a 2-D cell and a seed (lowbias32-style mixing), uint32. */
function hash(x: number, y: number, seed: number): number {
  let h = (Math.imul(x, 0x27d4eb2d) ^ Math.imul(y, 0x165667b1) ^ Math.imul(seed, 0x9e3779b1)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

/** One of the 8 symmetries of the square: bit 0 transposes, bit 1 mirrors x, bit 2 mirrors y. */
function dihedral(p: Buffer, v: number): Buffer {
  const out = Buffer.alloc(p.length);
  for (let y = 0; y < PATCH; y++) {
    for (let x = 0; x < PATCH; x++) {
      let sx = v & 1 ? y : x;
      let sy = v & 1 ? x : y;
      if (v & 2) sx = PATCH - 1 - sx;
      if (v & 4) sy = PATCH - 1 - sy;
      p.copy(out, (y * PATCH + x) * 3, (sy * PATCH + sx) * 3, (sy * PATCH + sx) * 3 + 3);
    }
  }
  return out;
}

/** 2 × 2 box average of a side × side RGB image. */
function halve(p: Buffer, side: number): Buffer {
  const h = side / 2;
  const out = Buffer.alloc(h * h * 3);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < h; x++) {
      for (let b = 0; b < 3; b++) {
        const at = (i: number, j: number) => p[((2 * y + j) * side + 2 * x + i) * 3 + b]!;
        out[(y * h + x) * 3 + b] = (at(0, 0) + at(1, 0) + at(0, 1) + at(1, 1) + 2) >> 2;
      }
    }
  }
  return out;
}

/**
 * Tiles of a width × height mosaic for `writeCog`: level k is drawn from the patches' pyramid level k (side
 * PATCH >> k), so each level is an honest 2^k reduction; padding beyond the right/bottom edge repeats the last pixel.
 */
export function mosaicTiles(patches: Buffer[], width: number, height: number, seed: number): RawTileSource {
  const levels = cogLevels(width, height, TILE);
  if (PATCH >> (levels.length - 1) < 1) throw new RangeError('raster too large for the patch pyramid');
  const variants = patches.flatMap((p) =>
    Array.from({ length: 8 }, (_, v) => {
      const pyramid = [dihedral(p, v)];
      for (let side = PATCH; side > 1; side /= 2) pyramid.push(halve(pyramid.at(-1)!, side));
      return pyramid;
    }),
  );
  return (level, col, row) => {
    const { width: lw, height: lh } = levels[level]!;
    const side = PATCH >> level;
    const off = PATCH_OFFSET >> level;
    const out = Buffer.alloc(TILE * TILE * 3);
    const x0 = col * TILE;
    const xEnd = Math.min(x0 + TILE, lw);
    for (let y = 0; y < TILE; y++) {
      const gy = Math.min(row * TILE + y, lh - 1) + off;
      const py = Math.floor(gy / side);
      const ly = gy % side;
      const rowAt = y * TILE * 3;
      for (let gx = x0; gx < xEnd; ) {
        const px = Math.floor((gx + off) / side);
        const lx = (gx + off) % side;
        const n = Math.min(side - lx, xEnd - gx);
        const patch = variants[hash(px, py, seed) % variants.length]![level]!;
        const from = (ly * side + lx) * 3;
        patch.copy(out, rowAt + (gx - x0) * 3, from, from + n * 3);
        gx += n;
      }
      const last = rowAt + (xEnd - x0 - 1) * 3;
      for (let x = xEnd - x0; x < TILE; x++) out.copy(out, rowAt + x * 3, last, last + 3);
    }
    return out;
  };
}

/** Writes one mosaic COG (256 px JPEG tiles, quality 85, overviews down to one tile); returns seconds and bytes. */
export async function writeMosaicCog(
  path: string,
  patches: Buffer[],
  size: number,
  geo: CogGeoreference,
  seed: number,
): Promise<{ seconds: number; bytes: number; levels: number }> {
  const t = performance.now();
  const r = await writeCog(
    path,
    { width: size, height: size, tileSize: TILE, compression: 'jpeg', quality: JPEG_QUALITY },
    geo,
    mosaicTiles(patches, size, size, seed),
  );
  return { seconds: (performance.now() - t) / 1000, bytes: r.bytes, levels: r.levels.length };
}
