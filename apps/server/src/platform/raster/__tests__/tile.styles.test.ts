import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testStorage } from '../../../../test/harness.js';
import type { CogFormat, CogGeoreference } from '../cog-writer.js';
import { inProcessPixels } from '../pixel-pool.js';
import { storageSource, type TileSourceRef } from '../tile.render.js';
import { CGCS2000Quad, tileAt } from '../tile-matrix-set.js';
import { cells, expectGolden, recordingSource, rendererPool, writeSampledCog } from './tile.fixtures.js';

const renderers = rendererPool();
afterAll(renderers.close);

/**
 * Band selection, stretches, colour maps, masks and nodata on 16-bit, signed, multi-band and LZW sources written by
 * our COG writer: 1024² px over 114.2–114.3°E, 27.45–27.55°N (EPSG:4490), 256 px tiles, overviews 512² and 256².
 */

const storage = testStorage();
const GEO: CogGeoreference = {
  crs: { kind: 'geographic', epsg: 4490 },
  origin: [114.2, 27.55],
  pixelSize: [0.1 / 1024, 0.1 / 1024],
};
const BBOX: TileSourceRef['bbox'] = [114.2, 27.45, 114.3, 27.55];
const ref = (name: string): TileSourceRef => ({ storageKey: `raster-styles/${name}.tif`, version: '1', bbox: BBOX });
const base = { width: 1024, height: 1024, tileSize: 256 } as const;

/** GF-2 PMS-like 16-bit B, G, R, NIR: the `cells` texture spread over 200–3260, NIR a west → east ramp from 3000. */
const rgbn = (x: number, y: number, b: number) => {
  const [r, g, bl] = cells(x, y);
  return b === 3 ? 3000 + Math.floor(x / 4) : 200 + 12 * [bl, g, r][b]!;
};
const RGBN: CogFormat = { ...base, compression: 'deflate', bands: 4, dataType: 'uint16', predictor: true };
/** Statistics as `gdalinfo -stats` would store them (made up: only their use is tested). */
const STATS = [0, 1, 2].map(() => ({ minimum: 200, maximum: 3260, mean: 1700, stdDev: 500 }));
const NIR_STATS = { minimum: 3000, maximum: 3255, mean: 3128, stdDev: 74 };
/** A signed elevation-like field, −1000 … 1000. */
const relief = (x: number, y: number) => Math.round(1000 * Math.sin(x / 100) * Math.cos(y / 80));

const T15 = tileAt(CGCS2000Quad, 114.23, 27.53, 15);
const renderer = () => renderers.make(storageSource(storage), inProcessPixels());
const rgba = async (png: Buffer) => sharp(png).ensureAlpha().raw().toBuffer();
const pixel = (data: Buffer, u: number, v: number) => [...data.subarray((v * 256 + u) * 4, (v * 256 + u) * 4 + 4)];

beforeAll(async () => {
  await writeSampledCog(storage, ref('rgbn').storageKey, RGBN, GEO, rgbn);
  await writeSampledCog(
    storage,
    ref('rgbn-stats').storageKey,
    { ...RGBN, statistics: [...STATS, NIR_STATS] },
    GEO,
    rgbn,
  );
  await writeSampledCog(
    storage,
    ref('relief').storageKey,
    { ...base, compression: 'lzw', bands: 1, dataType: 'int16', predictor: 2 },
    GEO,
    relief,
  );
  // GDAL internal mask: data in the west half only
  await writeSampledCog(
    storage,
    ref('masked').storageKey,
    { ...base, compression: 'deflate', bands: 3 },
    GEO,
    (x, y, b) => cells(x, y)[b]!,
    (x) => x < 512,
  );
});

describe('16-bit multi-band sources (GF-2 PMS-like)', () => {
  test('default: bands 3,2,1, stretched 2–98 % from the smallest overview — read once, kept with the header', async () => {
    const { factory, reads } = recordingSource(storage);
    const r = renderers.make(factory, inProcessPixels());
    const png = (await r.render(ref('rgbn'), CGCS2000Quad, T15, 'png'))!;
    await expectGolden('rgbn-uint16-default-stretch', png);
    const tiff = await renderers.tiff(storage, ref('rgbn').storageKey);
    const overview = (await tiff.images[2]!.getTileSize(0)).offset;
    expect(reads[0]!.offset).toBe(0);
    expect(reads.filter((x) => x.offset === overview)).toHaveLength(1);
    const before = reads.length;
    await r.render(ref('rgbn'), CGCS2000Quad, { ...T15, x: T15.x + 1 }, 'png');
    expect(reads.slice(before).map((x) => x.offset)).not.toContain(overview);
  });

  test('GDAL statistics in the file give the stretch (mean ± 2.054 σ): no overview is read', async () => {
    const { factory, reads } = recordingSource(storage);
    const withStats = (await renderers
      .make(factory, inProcessPixels())
      .render(ref('rgbn-stats'), CGCS2000Quad, T15, 'png'))!;
    const tiff = await renderers.tiff(storage, ref('rgbn-stats').storageKey);
    const overview = (await tiff.images[2]!.getTileSize(0)).offset;
    expect(reads.map((x) => x.offset)).not.toContain(overview);
    const range: [number, number] = [1700 - 2.054 * 500, 1700 + 2.054 * 500];
    const explicit = (await renderer().render(ref('rgbn'), CGCS2000Quad, T15, 'png', { rescale: [range] }))!;
    expect((await rgba(withStats)).equals(await rgba(explicit))).toBe(true);
  });

  test('bands=4 with rescale: the NIR band alone, in grey, values mapped linearly', async () => {
    const t = tileAt(CGCS2000Quad, 114.2, 27.5, 14);
    const png = (await renderer().render(ref('rgbn'), CGCS2000Quad, t, 'png', {
      bands: [4],
      rescale: [[3000, 3255]],
    }))!;
    const data = await rgba(png);
    const res = CGCS2000Quad.resolution(14);
    const west = -180 + t.x * 256 * res;
    const u0 = Math.ceil((114.2 - west) / res);
    const [r0, g0, b0, a0] = pixel(data, u0 + 2, 128);
    const [r1, , , a1] = pixel(data, u0 + 100, 128);
    expect([r0, a0]).toEqual([g0, 255]);
    expect(b0).toBe(r0);
    expect(a1).toBe(255);
    // NIR grows eastwards by 1 per 4 source pixels; 98 level-14 pixels span ≈ 86 source pixels: ≈ +21.5
    expect(r1! - r0!).toBeGreaterThanOrEqual(20);
    expect(r1! - r0!).toBeLessThanOrEqual(23);
  });

  test('nodata override: source pixels equal to it become transparent', async () => {
    const t = tileAt(CGCS2000Quad, 114.2, 27.5, 16);
    const res = CGCS2000Quad.resolution(16);
    const u0 = Math.ceil((114.2 - (-180 + t.x * 256 * res)) / res);
    const style = { bands: [4], rescale: [[3000, 3255]] as [number, number][] };
    const plain = await rgba((await renderer().render(ref('rgbn'), CGCS2000Quad, t, 'png', style))!);
    const masked = await rgba(
      (await renderer().render(ref('rgbn'), CGCS2000Quad, t, 'png', { ...style, nodata: 3000 }))!,
    );
    // NIR is 3000 in the image's first 4 source columns (≈ 18 level-16 pixels), then 3001 …
    expect(pixel(plain, u0, 100)).toEqual([0, 0, 0, 255]);
    expect(pixel(masked, u0, 100)[3]).toBe(0);
    expect(pixel(masked, u0 + 40, 100)).toEqual(pixel(plain, u0 + 40, 100));
    expect(pixel(masked, u0 + 40, 100)[3]).toBe(255);
  });

  test('a band the source does not have is TILE_PARAM_INVALID', async () => {
    await expect(renderer().render(ref('rgbn'), CGCS2000Quad, T15, 'png', { bands: [5] })).rejects.toMatchObject({
      code: 'TILE_PARAM_INVALID',
    });
  });
});

describe('single-band colour maps and masks', () => {
  test('int16, LZW + predictor 2: terrain colour map over rescale −1000,1000', async () => {
    const png = (await renderer().render(ref('relief'), CGCS2000Quad, T15, 'png', {
      bands: [1],
      rescale: [[-1000, 1000]],
      colormap: 'terrain',
    }))!;
    await expectGolden('int16-lzw-terrain', png);
  });

  test('viridis on the same band differs from terrain only in colour, not in coverage', async () => {
    const style = { rescale: [[-1000, 1000]] as [number, number][] };
    const a = await rgba(
      (await renderer().render(ref('relief'), CGCS2000Quad, T15, 'png', { ...style, colormap: 'viridis' }))!,
    );
    const b = await rgba(
      (await renderer().render(ref('relief'), CGCS2000Quad, T15, 'png', { ...style, colormap: 'terrain' }))!,
    );
    for (let i = 3; i < a.length; i += 4) expect(a[i]).toBe(b[i]);
    expect(a.equals(b)).toBe(false);
  });

  test('a GDAL internal mask (from our writer): masked pixels are transparent', async () => {
    const t = tileAt(CGCS2000Quad, 114.25, 27.5, 12);
    const data = await rgba((await renderer().render(ref('masked'), CGCS2000Quad, t, 'png'))!);
    const res = CGCS2000Quad.resolution(12);
    const u = (lon: number) => Math.floor((lon - (-180 + t.x * 256 * res)) / res);
    const v = Math.floor((90 - t.y * 256 * res - 27.5) / res);
    expect(pixel(data, u(114.22), v)[3]).toBe(255);
    expect(pixel(data, u(114.28), v)[3]).toBe(0);
  });
});
