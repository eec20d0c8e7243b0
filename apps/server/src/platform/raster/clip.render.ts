import type { GeoTIFFImage, Pool } from 'geotiff';
import { DomainError, isDomainError } from '../errors/domain-error.js';
import type { Storage } from '../storage/storage.port.js';
import {
  type ClipPlan,
  chooseSourceLevel,
  type Polygons,
  planClip,
  polygonMask,
  type Rect,
  sourcePixels,
} from './clip.plan.js';
import { cogLevels } from './cog-layout.rules.js';
import { writeCog } from './cog-writer.js';
import { crsFromGeoKeys } from './crs.rules.js';
import { withDecoderPool } from './decoder-pool.js';
import { type RangeReader, withGeoTiff } from './tiff-source.js';

/**
 * Area clips as Cloud-Optimised GeoTIFFs: source pixels read with geotiff.js (blocks decoded in its worker pool),
 * placed by clip.plan.ts, written by cog-writer.ts (deflate + predictor, lossless; an alpha band marks the pixels
 * outside the polygon or the image). Work is done one 512 px output tile at a time, so memory stays a few tiles and
 * the event loop is held for a few milliseconds per tile at most. Overviews are drawn from the source's own
 * overviews at the matching scale.
 */

const TILE_SIZE = 512;
/** Output tiles in flight: enough to keep the decoder workers busy. */
const CONCURRENCY = 4;
const PHOTOMETRIC_PALETTE = 3;
const PHOTOMETRIC_YCBCR = 6;
/** NewSubfileType bit 2: a transparency mask, not an image level. */
const SUBFILE_MASK = 4;

export interface ClipRequest {
  /** lon/lat (EPSG:4490) polygons, already cut to the item's footprint */
  polygons: Polygons;
  targetEpsg: number;
  maxPixels: number;
}

export interface ClipResult {
  width: number;
  height: number;
  epsg: number;
  origin: [number, number];
  pixelSize: [number, number];
  bytes: number;
}

/** How the source's samples become output bands. */
interface PixelLayout {
  bands: number;
  dataType: 'uint8' | 'uint16';
  /** YCbCr (JPEG) and palette images are read as RGB */
  asRgb: boolean;
}

function pixelLayout(image: GeoTIFFImage): PixelLayout {
  const photometric = image.getFileDirectory().getValue('PhotometricInterpretation');
  const spp = image.getSamplesPerPixel();
  if (photometric === PHOTOMETRIC_YCBCR || photometric === PHOTOMETRIC_PALETTE) {
    return { bands: 3, dataType: 'uint8', asRgb: true };
  }
  const bits = new Set(Array.from({ length: spp }, (_, i) => image.getBitsPerSample(i)));
  const formats = new Set(Array.from({ length: spp }, (_, i) => image.getSampleFormat(i)));
  const [b] = [...bits];
  if (bits.size !== 1 || (formats.size === 1 && !formats.has(1)) || formats.size > 1 || (b !== 8 && b !== 16)) {
    throw new DomainError('DOWNLOAD_SOURCE_UNSUPPORTED', {
      reason: '仅支持 8 位或 16 位无符号整数影像的裁切',
      bitsPerSample: [...bits],
      sampleFormat: [...formats],
    });
  }
  return { bands: spp, dataType: b === 8 ? 'uint8' : 'uint16', asRgb: false };
}

/** The source as geotiff.js reads it: a local path when the store has one, else byte ranges through the port. */
export async function clipSourceInput(storage: Storage, key: string): Promise<string | RangeReader> {
  const path = storage.localPath(key);
  if (path) return path;
  const size = await storage.size(key);
  if (size === null) throw new DomainError('ASSET_NOT_FOUND', { key });
  return {
    size,
    async read(position, length) {
      const chunks: Buffer[] = [];
      for await (const c of await storage.read(key, { start: position, end: position + length - 1 })) {
        chunks.push(c as Buffer);
      }
      const all = Buffer.concat(chunks);
      return all.buffer.slice(all.byteOffset, all.byteOffset + all.length) as ArrayBuffer;
    },
  };
}

/** Cuts `request.polygons` out of the GeoTIFF `input` into a COG at `outPath`. */
export function renderClip(input: string | RangeReader, request: ClipRequest, outPath: string): Promise<ClipResult> {
  return withDecoderPool((pool) =>
    withGeoTiff(input, async (tiff) => {
      const images: GeoTIFFImage[] = [];
      for (let i = 0; i < (await tiff.getImageCount()); i++) {
        const image = await tiff.getImage(i);
        if (((image.getFileDirectory().getValue('NewSubfileType') ?? 0) & SUBFILE_MASK) === 0) images.push(image);
      }
      const first = images[0]!;
      let epsg: number;
      try {
        epsg = crsFromGeoKeys(first.getGeoKeys()).epsg;
      } catch (e) {
        if (isDomainError(e)) throw new DomainError('DOWNLOAD_SOURCE_UNSUPPORTED', { reason: e.message });
        throw e;
      }
      const [ox, oy] = first.getOrigin();
      const [rx, ry] = first.getResolution();
      const layout = pixelLayout(first);
      const plan = planClip(
        { epsg, transform: [rx!, 0, ox!, 0, ry!, oy!], width: first.getWidth(), height: first.getHeight() },
        request.targetEpsg,
        request.polygons,
        request.maxPixels,
      );
      const { grid } = plan;
      const levels = cogLevels(grid.width, grid.height, TILE_SIZE);
      const written = await writeCog(
        outPath,
        {
          width: grid.width,
          height: grid.height,
          tileSize: TILE_SIZE,
          compression: 'deflate',
          bands: layout.bands + 1,
          dataType: layout.dataType,
          predictor: true,
          alpha: true,
        },
        {
          crs: { kind: grid.geographic ? 'geographic' : 'projected', epsg: grid.epsg },
          origin: grid.origin,
          pixelSize: grid.pixelSize,
          nodata: first.getGDALNoData(),
        },
        (level, col, row) => {
          const l = levels[level]!;
          const rect: Rect = {
            x: col * TILE_SIZE,
            y: row * TILE_SIZE,
            width: Math.min(TILE_SIZE, l.width - col * TILE_SIZE),
            height: Math.min(TILE_SIZE, l.height - row * TILE_SIZE),
          };
          return clipTile(plan, images, layout, pool, [grid.width / l.width, grid.height / l.height], rect);
        },
        { concurrency: CONCURRENCY },
      );
      return {
        width: grid.width,
        height: grid.height,
        epsg: grid.epsg,
        origin: grid.origin,
        pixelSize: grid.pixelSize,
        bytes: written.bytes,
      };
    }),
  );
}

/** One output tile (TILE_SIZE², bands + alpha, interleaved; uint16 little-endian as cog-writer expects). */
async function clipTile(
  plan: ClipPlan,
  images: GeoTIFFImage[],
  layout: PixelLayout,
  pool: Pool,
  scale: [number, number],
  rect: Rect,
): Promise<Buffer> {
  const outBands = layout.bands + 1;
  const out =
    layout.dataType === 'uint8'
      ? new Uint8Array(TILE_SIZE ** 2 * outBands)
      : new Uint16Array(TILE_SIZE ** 2 * outBands);
  const opaque = layout.dataType === 'uint8' ? 0xff : 0xffff;
  const bytes = () => Buffer.from(out.buffer, out.byteOffset, out.byteLength);
  const mask = polygonMask(plan.rings, scale, rect);
  if (!mask.includes(1)) return bytes();

  // The source level whose pixels match this output level; output pixels map to its pixel grid by nearest neighbour.
  const levelIndex = chooseSourceLevel(
    images.map((im) => ({ width: im.getWidth() })),
    Math.min(...scale),
  );
  const image = images[levelIndex]!;
  const w = image.getWidth();
  const h = image.getHeight();
  const fx = w / plan.source.width;
  const fy = h / plan.source.height;
  const at = sourcePixels(plan, scale, rect);
  const n = rect.width * rect.height;
  const sx = new Int32Array(n).fill(-1);
  const sy = new Int32Array(n);
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = -1;
  let y1 = -1;
  for (let p = 0; p < n; p++) {
    if (!mask[p]) continue;
    const x = Math.floor(at.x[p]! * fx);
    const y = Math.floor(at.y[p]! * fy);
    if (x < 0 || y < 0 || x >= w || y >= h) continue;
    sx[p] = x;
    sy[p] = y;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  if (x1 < 0) return bytes();

  const window = [x0, y0, x1 + 1, y1 + 1];
  const data = (layout.asRgb
    ? await image.readRGB({ window, interleave: true, pool })
    : await image.readRasters({ window, interleave: true, pool })) as unknown as ArrayLike<number>;
  const ww = x1 + 1 - x0;
  const B = layout.bands;
  for (let j = 0; j < rect.height; j++) {
    for (let i = 0; i < rect.width; i++) {
      const p = j * rect.width + i;
      if (sx[p]! < 0) continue;
      const from = ((sy[p]! - y0) * ww + (sx[p]! - x0)) * B;
      const to = (j * TILE_SIZE + i) * outBands;
      for (let b = 0; b < B; b++) out[to + b] = data[from + b]!;
      out[to + B] = opaque;
    }
  }
  return bytes();
}
