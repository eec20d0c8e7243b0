import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { TiffTag } from '@cogeotiff/core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testStorage } from '../../../../test/harness.js';
import { writeCog } from '../cog-writer.js';
import { transverseMercator } from '../gauss-kruger.js';
import { inProcessPixels } from '../pixel-pool.js';
import { decodeMask, decodeSamples, type StoredLayout } from '../tiff-decode.js';
import { withGeoTiff } from '../tiff-source.js';
import { storageSource, type TileSourceRef } from '../tile.render.js';
import { CGCS2000Quad, tileAt, WebMercatorQuad } from '../tile-matrix-set.js';
import { recordingSource, rendererPool } from './tile.fixtures.js';

const renderers = rendererPool();
afterAll(renderers.close);

/**
 * Tile sources written by GDAL 3.6 (not by our writer), so decoding is checked against an independent implementation.
 * fixtures/ (made from procedural rasters, see the formulas below):
 *   gdal-lzw-u16-mask-utm.tif  256² UInt16 × 2, LZW + PREDICTOR=2, 128 px tiles, internal mask (a disc), EPSG:32650,
 *                              origin (500000, 3050000), 10 m pixels
 *   gdal-f32-pred3.tif         128² Float32, DEFLATE + PREDICTOR=3, NaN nodata (top-left 16² block), EPSG:4490
 *   gdal-webp-rgba.tif         256² RGBA, lossless WebP, ALPHA=YES (unassociated), EPSG:4490
 *   gdal-jpeg-4490.tif         512² RGB COG, YCbCr JPEG with JPEGTables, 256 px tiles, EPSG:4490 on the CGCS2000Quad
 *                              grid: its tiles are level-15 tiles x 26778–26779, y 5684–5685; its overview is 14/13389/2842
 */

const FIXTURES = join(import.meta.dirname, 'fixtures');
const storage = testStorage();

const band1 = (x: number, y: number) => 1000 + x * 37 + y * 3;
const band2 = (x: number, y: number) => Math.max(0, 60000 - x * 100 - y * 50);
const inDisc = (x: number, y: number) => (x - 128) ** 2 + (y - 128) ** 2 <= 110 ** 2;
const f32 = (x: number, y: number) => (x < 16 && y < 16 ? Number.NaN : (x - 64) * 0.5 + y * 0.25 - 3.75);

async function put(name: string, bbox: TileSourceRef['bbox']): Promise<TileSourceRef> {
  const storageKey = `gdal-fixtures/${name}`;
  await storage.put(storageKey, readFileSync(join(FIXTURES, name)));
  return { storageKey, version: '1', bbox };
}

/** The first image's tile 0 (and its mask) as stored, with the layout the renderer derives. */
async function firstTile(name: string) {
  const tiff = await renderers.tiff(storage, `gdal-fixtures/${name}`);
  const [image, maskImage] = tiff.images;
  const read = async (im: typeof image) => {
    const { offset, imageSize } = await im!.getTileSize(0);
    return new Uint8Array(await tiff.source.fetch(offset, imageSize));
  };
  return { tiff, image: image!, maskImage, read };
}

let UTM: TileSourceRef;
let F32: TileSourceRef;
let WEBP: TileSourceRef;
let JPEG: TileSourceRef;

beforeAll(async () => {
  const utm = transverseMercator({
    ellipsoid: { a: 6378137, f: 1 / 298.257223563 },
    lon0: 117,
    k0: 0.9996,
    falseEasting: 500000,
    falseNorthing: 0,
  });
  const [w, n] = utm.inverse(500000, 3050000);
  const [e, s] = utm.inverse(502560, 3047440);
  UTM = await put('gdal-lzw-u16-mask-utm.tif', [w, s, e, n]);
  F32 = await put('gdal-f32-pred3.tif', [114.2, 27.45, 114.3, 27.55]);
  WEBP = await put('gdal-webp-rgba.tif', [114.2, 27.45, 114.3, 27.55]);
  JPEG = await put('gdal-jpeg-4490.tif', [114.19189453125, 27.53173828125, 114.2138671875, 27.5537109375]);
});

describe('decoding GDAL-written tiles (pixel worker code)', () => {
  test('LZW + horizontal predictor on 16-bit samples, and the 1-bit internal mask', async () => {
    const { image, maskImage, read } = await firstTile('gdal-lzw-u16-mask-utm.tif');
    expect(await image.fetch(TiffTag.Compression)).toBe(5);
    const layout: StoredLayout = {
      width: 128,
      height: 128,
      samplesPerPixel: 2,
      sampleType: 'uint16',
      compression: 5,
      predictor: 2,
      littleEndian: true,
    };
    const samples = decodeSamples(await read(image), layout);
    for (const [x, y] of [
      [0, 0],
      [127, 0],
      [5, 99],
      [127, 127],
    ] as const) {
      expect([samples[(y * 128 + x) * 2], samples[(y * 128 + x) * 2 + 1]]).toEqual([band1(x, y), band2(x, y)]);
    }
    const mask = decodeMask(await read(maskImage), {
      width: 128,
      height: 128,
      compression: (await maskImage!.fetch(TiffTag.Compression)) as number,
    });
    let wrong = 0;
    for (let y = 0; y < 128; y++)
      for (let x = 0; x < 128; x++) if (mask[y * 128 + x] !== (inDisc(x, y) ? 1 : 0)) wrong++;
    expect(wrong).toBe(0);
  });

  test('Deflate + floating-point predictor (3) on float32 samples, NaN kept', async () => {
    const { read, image } = await firstTile('gdal-f32-pred3.tif');
    const samples = decodeSamples(await read(image), {
      width: 128,
      height: 128,
      samplesPerPixel: 1,
      sampleType: 'float32',
      compression: 8,
      predictor: 3,
      littleEndian: true,
    });
    for (const [x, y] of [
      [3, 3],
      [16, 0],
      [64, 15],
      [127, 127],
    ] as const) {
      const v = samples[y * 128 + x]!;
      if (Number.isNaN(f32(x, y))) expect(v).toBeNaN();
      else expect(v).toBe(f32(x, y));
    }
  });
});

const pixels = inProcessPixels();
const renderer = () => renderers.make(storageSource(storage), pixels);
const rgba = async (png: Buffer) => (await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true })).data;

describe('rendering GDAL-written sources', () => {
  const at = (data: Buffer, u: number, v: number) => [...data.subarray((v * 256 + u) * 4, (v * 256 + u) * 4 + 4)];

  test('UTM (EPSG:32650) 16-bit source with a mask: the disc is drawn, the corners outside it are transparent', async () => {
    const [w, s, e, n] = UTM.bbox;
    const t = tileAt(CGCS2000Quad, (w + e) / 2, (s + n) / 2, 12);
    const png = await renderer().render(UTM, CGCS2000Quad, t, 'png', { bands: [1], rescale: [[1000, 11000]] });
    const data = await rgba(png!);
    let opaque = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] === 255) opaque++;
    // The 2.56 km disc is a few dozen level-12 pixels (≈ 34 m): drawn, but not the whole tile.
    expect(opaque).toBeGreaterThan(10);
    expect(opaque).toBeLessThan(256 * 256);
  });

  test('float32 with NaN nodata: rescaled to grey, NaN transparent', async () => {
    const t = tileAt(CGCS2000Quad, 114.2, 27.55, 11);
    const png = await renderer().render(F32, CGCS2000Quad, t, 'png', { rescale: [[-40, 60]] });
    const data = await rgba(png!);
    // The image's top-left corner (114.2°E, 27.55°N) is inside this tile; its pixels are NaN.
    const u = Math.floor((114.2 - (-180 + t.x * 256 * CGCS2000Quad.resolution(11))) / CGCS2000Quad.resolution(11));
    const v = Math.floor((90 - t.y * 256 * CGCS2000Quad.resolution(11) - 27.55) / CGCS2000Quad.resolution(11));
    expect(at(data, u + 1, v + 1)[3]).toBe(0);
    const inside = at(data, u + 40, v + 40);
    expect(inside[3]).toBe(255);
    expect(inside[0]).toBe(inside[1]);
  });

  test('lossless WebP with an alpha band: alpha 0 is transparent, colours exact', async () => {
    const t = tileAt(CGCS2000Quad, 114.25, 27.5, 10);
    const png = await renderer().render(WEBP, CGCS2000Quad, t, 'png');
    const data = await rgba(png!);
    let transparentLeft = 0;
    let opaqueRight = 0;
    const res = CGCS2000Quad.resolution(10);
    const lon0 = -180 + t.x * 256 * res;
    const lat0 = 90 - t.y * 256 * res;
    for (let v = 0; v < 256; v++) {
      for (let u = 0; u < 256; u++) {
        const lon = lon0 + (u + 0.5) * res;
        const lat = lat0 - (v + 0.5) * res;
        if (lat < 27.46 || lat > 27.54) continue;
        if (lon > 114.202 && lon < 114.222) transparentLeft += at(data, u, v)[3] === 0 ? 1 : 0;
        if (lon > 114.23 && lon < 114.298) opaqueRight += at(data, u, v)[3] === 255 ? 0 : 1;
      }
    }
    expect(transparentLeft).toBeGreaterThan(0);
    expect(opaqueRight).toBe(0);
  });

  test('CGCS2000Quad: a 4490 COG on the grid reads exactly its source tiles (one per output tile, the overview one level up)', async () => {
    const { factory, reads } = recordingSource(storage);
    const offsets = (from: number) => reads.slice(from).map((x) => x.offset);
    const r = renderers.make(factory, pixels);
    const png = await r.render(JPEG, CGCS2000Quad, { z: 15, x: 26779, y: 5685 }, 'png');
    expect(png).not.toBeNull();
    const tiff = await renderers.tiff(storage, JPEG.storageKey);
    const offset = async (level: number, i: number) => (await tiff.images[level]!.getTileSize(i)).offset;
    expect(offsets(-1)).toEqual([await offset(0, 3)]);
    const before = reads.length;
    await r.render(JPEG, CGCS2000Quad, { z: 14, x: 13389, y: 2842 }, 'png');
    expect(offsets(before)).toEqual([await offset(1, 0)]);
    // Off the grid (Web Mercator), the same image needs several source tiles and real resampling.
    const merc = await r.render(JPEG, WebMercatorQuad, tileAt(WebMercatorQuad, 114.2, 27.54, 16), 'png');
    expect(merc).not.toBeNull();
  });

  test('a cached header keeps its file open: closed when it leaves the cache or the renderer closes', async () => {
    const closed: string[] = [];
    const sources = storageSource(storage);
    const factory = async (key: string) => {
      const s = await sources(key);
      const close = () => {
        closed.push(key);
        return s.close!();
      };
      return { ...s, close };
    };
    const r = renderers.make(factory, pixels, 1);
    const tile = { z: 15, x: 26779, y: 5685 };
    expect(await r.render(JPEG, CGCS2000Quad, tile, 'png')).not.toBeNull();
    expect(await r.render(JPEG, CGCS2000Quad, tile, 'png')).not.toBeNull();
    expect(closed).toEqual([]);
    // another version of the file: the header cache holds one, the first one's handle is let go
    expect(await r.render({ ...JPEG, version: '2' }, CGCS2000Quad, tile, 'png')).not.toBeNull();
    await new Promise((ok) => setImmediate(ok));
    expect(closed).toEqual([JPEG.storageKey]);
    await r.close();
    expect(closed).toEqual([JPEG.storageKey, JPEG.storageKey]);
    // a source read after close (a render still holding it) opens the file for that read
    const s = await sources(JPEG.storageKey);
    const head = await s.fetch(0, 4);
    await s.close!();
    expect(Buffer.from(await s.fetch(0, 4)).equals(Buffer.from(head))).toBe(true);
  });

  test('pass-through: a JPEG tile on the grid is the stored tile with its JPEGTables merged, never decoded', async () => {
    const { factory, reads } = recordingSource(storage);
    const r = renderers.make(factory, pixels);
    const jpg = (await r.render(JPEG, CGCS2000Quad, { z: 15, x: 26778, y: 5684 }, 'jpg'))!;
    expect(r.counters).toEqual({ decodedTiles: 0, passThrough: 1 });
    expect(reads).toHaveLength(2); // header, then the tile
    // A complete JPEG: GDAL's shared tables (without their EOI) + the tile (without its SOI).
    const tiff = await renderers.tiff(storage, JPEG.storageKey);
    const tables = Buffer.from((await tiff.images[0]!.fetch(TiffTag.JpegTables)) as ArrayLike<number>);
    const { offset, imageSize } = await tiff.images[0]!.getTileSize(0);
    const stored = Buffer.from(await tiff.source.fetch(offset, imageSize));
    expect(jpg.equals(Buffer.concat([tables.subarray(0, -2), stored.subarray(2)]))).toBe(true);
    expect(await sharp(jpg).metadata()).toMatchObject({ format: 'jpeg', width: 256, height: 256 });
    // Rendering the same tile as PNG decodes it and resamples 1:1: the very same pixels.
    const png = (await r.render(JPEG, CGCS2000Quad, { z: 15, x: 26778, y: 5684 }, 'png'))!;
    expect(r.counters.decodedTiles).toBe(1);
    const viaPng = await rgba(png);
    const viaJpeg = (await sharp(jpg).ensureAlpha().raw().toBuffer()) as Buffer;
    expect(viaPng.equals(viaJpeg)).toBe(true);
    // Any style, or a tile off the grid, is rendered instead — from the decoded-tile cache: no read, no decode.
    const before = reads.length;
    await r.render(JPEG, CGCS2000Quad, { z: 15, x: 26778, y: 5684 }, 'jpg', { bands: [1] });
    expect(r.counters.passThrough).toBe(1);
    expect(r.counters.decodedTiles).toBe(1);
    expect(reads).toHaveLength(before);
    expect(r.decoded.counters.hits).toBe(1);
  });
});

const SHARED = new URL('../../../../../../../shared/data/', import.meta.url).pathname;
const COGEO = join(SHARED, 'imagery/cogeo.tif');
const OSCD = join(SHARED, 'change/oscd/beihai/imgs_1');

describe.skipIf(!existsSync(COGEO))('real data: rasterio’s cogeo.tif (needs ../shared/data)', () => {
  test('YCbCr JPEG with JPEGTables and an internal mask (EPSG:3857): decoded with both; a masked source is never passed through', async () => {
    const storageKey = 'shared/cogeo.tif';
    await storage.put(storageKey, readFileSync(COGEO));
    // 128°39′19″–39″E, 37°39′59″–40′15″N (gdalinfo)
    const ref: TileSourceRef = { storageKey, version: '1', bbox: [128.6554, 37.6664, 128.661, 37.6708] };
    const r = renderers.make(storageSource(storage), inProcessPixels());
    const t = tileAt(WebMercatorQuad, 128.658, 37.6686, 18);
    const data = await rgba((await r.render(ref, WebMercatorQuad, t, 'png'))!);
    let opaque = 0;
    let sum = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] === 255) {
        opaque++;
        sum += data[i]! + data[i + 1]! + data[i + 2]!;
      }
    }
    expect(opaque).toBeGreaterThan(1000);
    // an aerial photograph: neither black nor white on average
    expect(sum / opaque / 3).toBeGreaterThan(30);
    expect(sum / opaque / 3).toBeLessThan(225);
    expect(await r.render(ref, WebMercatorQuad, t, 'jpg')).not.toBeNull();
    expect(r.counters.passThrough).toBe(0);
  });
});

describe.skipIf(!existsSync(OSCD))('real data: Sentinel-2 bands (OSCD Beihai, uint16; needs ../shared/data)', () => {
  test('B02, B03, B04, B08 stacked into a 16-bit COG: default rendering is natural colour, stretched 2–98 %', async () => {
    const bands = await Promise.all(
      ['B02', 'B03', 'B04', 'B08'].map((b) =>
        withGeoTiff(join(OSCD, `T49QCD_20161209T031122_${b}.tif`), async (tiff) => {
          const image = await tiff.getImage();
          const [w, h] = [image.getWidth(), image.getHeight()];
          const [sx, sy] = image.getResolution();
          const [ox, oy] = image.getOrigin();
          return {
            w,
            h,
            ox: ox!,
            oy: oy!,
            sx: sx!,
            sy: -sy!,
            data: ((await image.readRasters()) as unknown as Uint16Array[])[0]!,
          };
        }),
      ),
    );
    const { w, h, ox, oy, sx, sy } = bands[0]!;
    const storageKey = 'shared/oscd-beihai-rgbn.tif';
    const path = storage.localPath(storageKey)!;
    mkdirSync(dirname(path), { recursive: true });
    const ts = 256;
    await writeCog(
      path,
      { width: w, height: h, tileSize: ts, compression: 'deflate', bands: 4, dataType: 'uint16', predictor: true },
      { crs: { kind: 'geographic', epsg: 4326 }, origin: [ox, oy], pixelSize: [sx, sy] },
      (level, col, row) => {
        const buf = Buffer.alloc(ts * ts * 8);
        const f = 2 ** level;
        for (let j = 0; j < ts; j++) {
          for (let i = 0; i < ts; i++) {
            const x = Math.min((col * ts + i) * f, w - 1);
            const y = Math.min((row * ts + j) * f, h - 1);
            for (let b = 0; b < 4; b++) buf.writeUInt16LE(bands[b]!.data[y * w + x]!, ((j * ts + i) * 4 + b) * 2);
          }
        }
        return buf;
      },
    );
    const ref: TileSourceRef = { storageKey, version: '1', bbox: [ox, oy - h * sy, ox + w * sx, oy] };
    const t = tileAt(CGCS2000Quad, ox + (w * sx) / 2, oy - (h * sy) / 2, 13);
    const data = await rgba((await renderer().render(ref, CGCS2000Quad, t, 'png'))!);
    const clipped = [0, 0, 0];
    let opaque = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] !== 255) continue;
      opaque++;
      for (let c = 0; c < 3; c++) if (data[i + c] === 0 || data[i + c] === 255) clipped[c]!++;
    }
    expect(opaque).toBeGreaterThan(10_000);
    // a 2–98 % stretch clips about 4 % of the pixels of each band (more where this tile is brighter or darker)
    for (const c of clipped) {
      expect(c / opaque).toBeGreaterThan(0.005);
      expect(c / opaque).toBeLessThan(0.3);
    }
  });
});
