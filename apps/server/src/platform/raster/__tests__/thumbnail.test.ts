import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeArrayBuffer } from 'geotiff';
import sharp from 'sharp';
import { afterAll, describe, expect, test } from 'vitest';
import { isDomainError } from '../../errors/domain-error.js';
import { closeDecoderPool } from '../decoder-pool.js';
import { probeRaster, readRasterHeader } from '../raster-header.js';
import {
  chooseLevel,
  groupByBlock,
  percentile,
  renderThumbnail,
  type ThumbnailSource,
  thumbnailSize,
  toDisplay,
} from '../thumbnail.js';

const REPO_ROOT = fileURLToPath(new URL('../../../../../../', import.meta.url));
const IMAGERY = path.resolve(REPO_ROOT, '../shared/data/imagery');

afterAll(() => closeDecoderPool());

/** Decoded PNG: size, the PNG's own channel count, and its pixels widened to RGBA (alpha last). */
async function decodePng(png: Buffer) {
  const meta = await sharp(png).metadata();
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const alpha = Array.from({ length: info.width * info.height }, (_, p) => data[p * 4 + 3]!);
  return { format: meta.format, width: info.width, height: info.height, channels: meta.channels, data, alpha };
}

describe('thumbnailSize and chooseLevel', () => {
  test.each([
    [1024, 1024, 256, 256, 256],
    [791, 718, 256, 256, 232],
    [392, 400, 256, 251, 256],
    [3, 2, 256, 3, 2], // never upscaled
    [100000, 10, 256, 256, 1], // a 1-pixel-high sliver stays at least one pixel
    [30000, 27000, 512, 512, 461],
  ])('%i×%i at max %i → %i×%i', (w, h, max, ow, oh) => {
    expect(thumbnailSize(w, h, max)).toEqual({ width: ow, height: oh });
  });

  const cogLike = {
    width: 1024,
    height: 1024,
    overviews: [
      { ifd: 2, width: 512, height: 512 },
      { ifd: 3, width: 256, height: 256 },
      { ifd: 4, width: 128, height: 128 },
    ],
  };
  test.each([
    [256, 256, 3],
    [200, 200, 3],
    [257, 257, 2],
    [600, 600, 0],
    [100, 100, 4],
  ])('output %i×%i reads IFD %i (smallest level still ≥ the output)', (w, h, ifd) => {
    expect(chooseLevel(cogLike, w, h).ifd).toBe(ifd);
  });
});

describe('groupByBlock: which windows are read', () => {
  const sample = (size: number, out: number) =>
    Array.from({ length: out }, (_, i) => Math.min(size - 1, Math.floor(((i + 0.5) * size) / out)));

  test.each([
    // [what, source size, output size, block size, max span, expected windows]
    // 232 of 240 strips hold a sampled row; the 8 skipped ones split the reads (they are never decoded)
    ['RGB.byte.tif rows: 3-row strips', 718, 232, 3, 331, 8],
    ['one tile covers everything', 256, 256, 512, 1024, 1],
    ['GF-2 scene, 1-row strips, 256 of 30 000 rows sampled → one strip per window', 30000, 256, 1, 331, 256],
    ['512-px tiles, 256 of 30 000 columns: every tile sampled → ≤ 1024-px windows', 30000, 256, 512, 1024, 29],
  ])('%s', (_what, size, out, block, maxSpan, windows) => {
    const coords = sample(size, out);
    const groups = groupByBlock(coords, block, maxSpan);
    expect(groups).toHaveLength(windows);
    // every output index is in exactly one window, in order
    expect(groups.flatMap((g) => Array.from({ length: g.last - g.first + 1 }, (_, k) => g.first + k))).toEqual(
      coords.map((_, k) => k),
    );
    for (const g of groups) {
      const first = coords[g.first]!;
      const last = coords[g.last]!;
      expect(last - first).toBeLessThan(Math.max(maxSpan, block));
      // no block without a sampled pixel lies inside the window
      for (let b = Math.floor(first / block); b <= Math.floor(last / block); b++) {
        expect(coords.some((c) => Math.floor(c / block) === b)).toBe(true);
      }
    }
  });
});

describe('toDisplay', () => {
  const f64 = (...v: number[]) => Float64Array.from(v);

  test('uint8 RGB passes through; a pixel is transparent only when every band is nodata', () => {
    const d = toDisplay(
      [f64(0, 0, 10), f64(0, 5, 20), f64(0, 0, 30)],
      { dataType: 'uint8', nodata: 0, photometric: 'rgb' },
      3,
    );
    expect(d.channels).toBe(4);
    expect([...d.data]).toEqual([0, 0, 0, 0, 0, 5, 0, 255, 10, 20, 30, 255]);
  });

  test('NaN in any band is transparent; NaN nodata marks NaN pixels only', () => {
    const d = toDisplay(
      [f64(1, Number.NaN, 3, 2)],
      { dataType: 'float32', nodata: Number.NaN, photometric: 'min-is-black' },
      4,
    );
    expect(d.channels).toBe(2);
    expect([d.data[1], d.data[3], d.data[5], d.data[7]]).toEqual([255, 0, 255, 255]);
  });

  test('non-uint8 is stretched from P2 to P98 of the valid pixels (nodata excluded) to 0–255', () => {
    const values = Array.from({ length: 101 }, (_, i) => 1000 + i * 10); // 1000 … 2000, P2 = 1020, P98 = 1980
    const band = f64(...values, -9999);
    const d = toDisplay([band], { dataType: 'int16', nodata: -9999, photometric: 'min-is-black' }, 102);
    const grey = (p: number) => d.data[p * 2];
    expect(grey(0)).toBe(0); // below P2 clamps
    expect(grey(2)).toBe(0); // = P2
    expect(grey(50)).toBe(128); // 1500 → (1500 − 1020) / 960 · 255 = 127.5
    expect(grey(98)).toBe(255); // = P98
    expect(grey(100)).toBe(255);
    expect(d.data[101 * 2 + 1]).toBe(0); // the nodata pixel is transparent
  });

  test('a constant band becomes mid-grey; min-is-white is inverted', () => {
    expect(toDisplay([f64(7, 7)], { dataType: 'uint16', nodata: null, photometric: 'min-is-black' }, 2).data[0]).toBe(
      128,
    );
    expect(toDisplay([f64(0, 255)], { dataType: 'uint8', nodata: null, photometric: 'min-is-white' }, 2).data[0]).toBe(
      255,
    );
  });

  test('YCbCr (JPEG-in-TIFF) is converted to RGB; palette indices use the 16-bit ColorMap', () => {
    const ycc = toDisplay(
      [f64(128, 76), f64(128, 85), f64(128, 255)],
      { dataType: 'uint8', nodata: null, photometric: 'ycbcr' },
      2,
    );
    expect([...ycc.data.subarray(0, 4)]).toEqual([128, 128, 128, 255]);
    expect([...ycc.data.subarray(4, 7)].map((v) => Math.round(v / 10))).toEqual([25, 0, 0]); // pure red
    const colorMap = [0, 65535, 0, 0, 0, 0]; // 2 entries (red block, green block, blue block): black, red
    const pal = toDisplay([f64(1, 0)], { dataType: 'uint8', nodata: 0, photometric: 'palette' }, 2, colorMap);
    expect([...pal.data]).toEqual([255, 0, 0, 255, 0, 0, 0, 0]);
  });

  test('percentile interpolates between ranks', () => {
    expect(percentile([0, 10, 20, 30, 40], 0.5)).toBe(20);
    expect(percentile([0, 10], 0.25)).toBe(2.5);
    expect(percentile([5], 0.98)).toBe(5);
  });
});

describe('renderThumbnail on GeoTIFFs written in the test', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'geoshare-thumb-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const geo = {
    ModelPixelScale: [0.8, 0.8, 0],
    ModelTiepoint: [0, 0, 0, 39500000, 4500000, 0],
    ProjectedCSTypeGeoKey: 4527,
  };

  test('4-band uint16 (GF-2 order B, G, R, NIR) with nodata 0: stretched, bands chosen, collar transparent', async () => {
    const w = 600;
    const h = 400;
    const n = w * h;
    const values = new Uint16Array(n * 4);
    for (let p = 0; p < n; p++) {
      const col = p % w;
      if (col < 50) continue; // nodata collar on the left: all four bands 0
      values[p * 4] = 200; // blue: constant
      values[p * 4 + 1] = 300 + col; // green: ramp
      values[p * 4 + 2] = 4000 + 4 * col; // red: steeper ramp
      values[p * 4 + 3] = 9000; // NIR
    }
    const file = path.join(dir, 'gf2.tif');
    writeFileSync(
      file,
      Buffer.from(writeArrayBuffer(values, { width: w, height: h, GDAL_NODATA: '0', ...geo } as never)),
    );
    const header = await readRasterHeader(file);
    expect(header).toMatchObject({ bandCount: 4, dataType: 'uint16', nodata: 0 });

    for (const engine of ['auto', 'geotiff'] as const) {
      const png = await decodePng(await renderThumbnail(file, header, 256, { bands: [2, 1, 0], engine }));
      expect(png).toMatchObject({ format: 'png', width: 256, height: 171, channels: 4 });
      const px = (x: number, y: number) => [...png.data.subarray((y * 256 + x) * 4, (y * 256 + x) * 4 + 4)];
      expect(px(5, 80)[3]).toBe(0); // collar (source column ≈ 12)
      expect(px(255, 80)).toEqual([255, 255, 128, 255]); // red, green at P98+; blue constant → mid-grey
      const left = px(30, 80); // source column ≈ 71: low in both ramps
      expect(left[0]).toBeLessThan(20);
      expect(left[3]).toBe(255);
    }
  });

  test('one band → grey + alpha PNG; maxSize bounds the longest side', async () => {
    const file = path.join(dir, 'grey.tif');
    const values = Uint8Array.from({ length: 300 * 100 }, (_, p) => p % 300);
    writeFileSync(file, Buffer.from(writeArrayBuffer(values, { width: 300, height: 100, ...geo } as never)));
    const header = await readRasterHeader(file);
    for (const engine of ['auto', 'geotiff'] as const) {
      const png = await decodePng(await renderThumbnail(file, header, 64, { engine }));
      expect(png).toMatchObject({ width: 64, height: 21, channels: 2 });
      expect(png.data[0]).toBe(2); // uint8 is not stretched: source column ⌊0.5 · 300 / 64⌋ = 2
    }
  });

  test('argument checks', async () => {
    const header = { width: 1, height: 1, bandCount: 1, dataType: 'uint8', nodata: null, photometric: 'rgb' };
    const src = { ...header, compression: 'none', interleave: 'pixel', tiled: false, overviews: [] } as ThumbnailSource;
    await expect(renderThumbnail('x.tif', src, 0)).rejects.toThrow(RangeError);
    await expect(renderThumbnail('x.tif', src, 256, { bands: [0, 1] })).rejects.toThrow(RangeError);
    const jp2 = await renderThumbnail('x.tif', { ...src, compression: 'jpeg2000' }).catch((e: unknown) => e);
    expect(isDomainError(jp2) && jp2.code).toBe('INGEST_UNSUPPORTED');
    const band = await renderThumbnail('x.tif', src, 256, { bands: [3] }).catch((e: unknown) => e);
    expect(isDomainError(band) && band.code).toBe('INGEST_UNSUPPORTED');
  });
});

describe.skipIf(!existsSync(IMAGERY))(
  'renderThumbnail on the shared real GeoTIFFs (skipped: ../shared/data/imagery absent)',
  () => {
    const GOOD = [
      'cogeo.tif',
      'RGB.byte.tif',
      'rgb1.tif',
      'rgb2.tif',
      'rgb3.tif',
      'rgb4.tif',
      'shade.tif',
      'float_nan.tif',
      'rotated.tif',
    ];

    test.each(GOOD.flatMap((name) => [[name, 'auto'] as const, [name, 'geotiff'] as const]))(
      '%s (%s reader) yields a PNG of the right size',
      async (name, engine) => {
        // probeRaster: rgb1–4, rotated and float_nan have no EPSG CRS, but their pixels are fine.
        const header = await probeRaster(path.join(IMAGERY, name));
        const png = await decodePng(await renderThumbnail(path.join(IMAGERY, name), header, 256, { engine }));
        const expected = thumbnailSize(header.width, header.height, 256);
        expect(png).toMatchObject({ format: 'png', width: expected.width, height: expected.height });
        expect(png.channels).toBe(header.bandCount === 1 ? 2 : 4);
        expect(Math.max(png.width, png.height)).toBeLessThanOrEqual(256);
      },
    );

    test('RGB.byte.tif: the nodata-0 collar is transparent, the scene is not', async () => {
      const header = await readRasterHeader(path.join(IMAGERY, 'RGB.byte.tif'));
      const { alpha } = await decodePng(await renderThumbnail(path.join(IMAGERY, 'RGB.byte.tif'), header));
      const transparent = alpha.filter((a) => a === 0).length / alpha.length;
      expect(transparent).toBeGreaterThan(0.2);
      expect(transparent).toBeLessThan(0.5);
      expect(alpha[0]).toBe(0); // the top-left corner is outside the rotated Landsat scene
    });

    test('float_nan.tif: the NaN pixel is transparent, the others are not', async () => {
      const header = await probeRaster(path.join(IMAGERY, 'float_nan.tif'));
      const png = await decodePng(await renderThumbnail(path.join(IMAGERY, 'float_nan.tif'), header));
      expect(png).toMatchObject({ width: 3, height: 2, channels: 2 });
      expect(png.alpha).toEqual([255, 255, 0, 255, 255, 255]); // row 0: 1.41, 1.23, NaN
    });

    test('cogeo.tif: both readers agree (libvips and the JS JPEG decoder differ by rounding only)', async () => {
      const file = path.join(IMAGERY, 'cogeo.tif');
      const header = await readRasterHeader(file);
      const a = await decodePng(await renderThumbnail(file, header, 128));
      const b = await decodePng(await renderThumbnail(file, header, 128, { engine: 'geotiff' }));
      let diff = 0;
      for (let k = 0; k < a.data.length; k++) diff += Math.abs(a.data[k]! - b.data[k]!);
      expect(diff / a.data.length).toBeLessThan(3);
    });

    test('corrupt.tif: the full-resolution tile that runs past the end → INGEST_TIFF_CORRUPT, no hang', async () => {
      // corrupt.tif has no header of its own (readRasterHeader refuses it); borrow cogeo.tif's, same layout.
      const header = await readRasterHeader(path.join(IMAGERY, 'cogeo.tif'));
      for (const engine of ['auto', 'geotiff'] as const) {
        const e = await renderThumbnail(path.join(IMAGERY, 'corrupt.tif'), header, 1024, { engine }).catch(
          (x: unknown) => x,
        );
        expect(isDomainError(e) && e.code).toBe('INGEST_TIFF_CORRUPT');
      }
    });
  },
);
