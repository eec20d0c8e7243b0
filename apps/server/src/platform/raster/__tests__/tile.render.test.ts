import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testDb, testStorage } from '../../../../test/harness.js';
import { inProcessPixels } from '../pixel-pool.js';
import { storageSource, type TileFormat, type TileSourceRef } from '../tile.render.js';
import {
  CGCS2000Quad,
  tileAt as quadTileAt,
  type TileAddress,
  type TileMatrixSet,
  tileBounds,
  WebMercatorQuad,
} from '../tile-matrix-set.js';
import { cells, expectGolden, recordingSource, rendererPool, tileAt, writeTestCog } from './tile.fixtures.js';

const renderers = rendererPool();
afterAll(renderers.close);

const storage = testStorage();
const R = 6378137;
const toLon = (m: number) => (m / R) * (180 / Math.PI);
const toLat = (m: number) => Math.atan(Math.sinh(m / R)) * (180 / Math.PI);

/** 1024 px of zoom-14 Web Mercator pixels whose top-left is the corner of tile 14/13000/6800; 256 px COG tiles. */
const [MX, , , MY] = tileBounds(WebMercatorQuad, { z: 14, x: 13000, y: 6800 });
const RES14 = (2 * Math.PI * R) / 256 / 2 ** 14;
const MERC: TileSourceRef = {
  storageKey: 'raster-test/merc.tif',
  version: '1',
  bbox: [toLon(MX), toLat(MY - 1024 * RES14), toLon(MX + 1024 * RES14), toLat(MY)],
};
const GEO: TileSourceRef = { storageKey: 'raster-test/geo.tif', version: '1', bbox: [114.2, 27.45, 114.3, 27.55] };
let GK: TileSourceRef;

const deflate = { width: 1024, height: 1024, tileSize: 256, compression: 'deflate', predictor: true } as const;

beforeAll(async () => {
  await writeTestCog(
    storage,
    MERC.storageKey,
    deflate,
    { crs: { kind: 'projected', epsg: 3857 }, origin: [MX, MY], pixelSize: [RES14, RES14] },
    cells,
  );
  await writeTestCog(
    storage,
    GEO.storageKey,
    deflate,
    { crs: { kind: 'geographic', epsg: 4490 }, origin: [114.2, 27.55], pixelSize: [0.1 / 1024, 0.1 / 1024] },
    cells,
  );
  // CGCS2000 / 3-degree Gauss-Kruger CM 114E, 10 m pixels; its lon/lat bbox as ingest stores it (PostGIS).
  await writeTestCog(
    storage,
    'raster-test/gk.tif',
    deflate,
    { crs: { kind: 'projected', epsg: 4547 }, origin: [520000, 3050000], pixelSize: [10, 10] },
    cells,
  );
  const { rows } = await (await testDb()).query<{ b: number[] }>(
    `SELECT ARRAY[ST_XMin(g), ST_YMin(g), ST_XMax(g), ST_YMax(g)] AS b
       FROM ST_Transform(ST_MakeEnvelope(520000, 3039760, 530240, 3050000, 4547), 4490) AS g`,
  );
  GK = { storageKey: 'raster-test/gk.tif', version: '1', bbox: rows[0]!.b as unknown as TileSourceRef['bbox'] };
});

/** The byte offset of each tile of each level (from a separately opened header). */
async function tileOffsets(key: string): Promise<number[][]> {
  const tiff = await renderers.tiff(storage, key);
  return Promise.all(
    tiff.images.map(async (im) => {
      const n = im.tileCount.x * im.tileCount.y;
      return Promise.all(Array.from({ length: n }, async (_, i) => (await im.getTileSize(i)).offset));
    }),
  );
}

const rgba = async (png: Buffer) => sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });

describe('tile rendering reads COG tiles by byte range (BX-16, linz/basemaps design)', () => {
  test('BX-16 a full-resolution tile: one header read, then one read per COG tile; the header is cached', async () => {
    const { factory, reads } = recordingSource(storage);
    const r = renderers.make(factory, inProcessPixels());
    expect(await r.render(MERC, WebMercatorQuad, { z: 14, x: 13001, y: 6801 }, 'png')).not.toBeNull();
    expect(reads).toHaveLength(2);
    expect(reads[0]!.offset).toBe(0);
    const offsets = await tileOffsets(MERC.storageKey);
    expect(reads[1]!.offset).toBe(offsets[0]![1 * 4 + 1]);
    await r.render(MERC, WebMercatorQuad, { z: 14, x: 13002, y: 6801 }, 'png');
    expect(reads).toHaveLength(3);
    expect(reads[2]!.offset).toBe(offsets[0]![1 * 4 + 2]);
  });

  test('BX-16 a low zoom reads one overview tile, never full resolution', async () => {
    const { factory, reads } = recordingSource(storage);
    const r = renderers.make(factory, inProcessPixels());
    expect(await r.render(MERC, WebMercatorQuad, { z: 12, x: 3250, y: 1700 }, 'png')).not.toBeNull();
    const offsets = await tileOffsets(MERC.storageKey);
    expect(reads.slice(1).map((x) => x.offset)).toEqual([offsets[2]![0]]);
  });

  test('BX-16 a tile outside the image reads no COG tile and renders nothing', async () => {
    const { factory, reads } = recordingSource(storage);
    expect(
      await renderers
        .make(factory, inProcessPixels())
        .render(MERC, WebMercatorQuad, { z: 14, x: 13010, y: 6801 }, 'png'),
    ).toBeNull();
    expect(reads).toHaveLength(1);
  });

  test('BX-16 an aligned full-resolution tile reproduces the source pixels exactly (lossless source, PNG)', async () => {
    const png = await renderers
      .make(storageSource(storage), inProcessPixels())
      .render(MERC, WebMercatorQuad, { z: 14, x: 13001, y: 6801 }, 'png');
    const { data, info } = await rgba(png!);
    expect(info).toMatchObject({ width: 256, height: 256, channels: 4 });
    for (const [u, v] of [
      [0, 0],
      [17, 200],
      [255, 255],
      [128, 3],
    ] as const) {
      const o = (v * 256 + u) * 4;
      expect([...data.subarray(o, o + 4)]).toEqual([...cells(256 + u + 0.5, 256 + v + 0.5), 255]);
    }
  });

  test.each(['png', 'jpg', 'webp'] as const)('BX-16 %s tiles decode to 256 × 256', async (format: TileFormat) => {
    const out = await renderers
      .make(storageSource(storage), inProcessPixels())
      .render(GEO, WebMercatorQuad, tileAt(114.25, 27.5, 16), format);
    expect(await sharp(out!).metadata()).toMatchObject({
      width: 256,
      height: 256,
      format: format === 'jpg' ? 'jpeg' : format,
    });
  });
});

describe('golden tiles (BX-16)', () => {
  const M = WebMercatorQuad;
  const cases: { name: string; ref: () => TileSourceRef; tms: TileMatrixSet; tile: TileAddress }[] = [
    { name: 'merc-14-13001-6801', ref: () => MERC, tms: M, tile: { z: 14, x: 13001, y: 6801 } },
    { name: 'merc-13-6500-3400-overview', ref: () => MERC, tms: M, tile: { z: 13, x: 6500, y: 3400 } },
    { name: 'cgcs2000-4490-z15', ref: () => GEO, tms: M, tile: tileAt(114.26, 27.52, 15) },
    { name: 'cgcs2000-4490-z12-edge', ref: () => GEO, tms: M, tile: tileAt(114.3, 27.5, 12) },
    { name: 'gk-4547-z14', ref: () => GK, tms: M, tile: tileAt(114.25, 27.53, 14) },
    // CGCS2000Quad output: the 4490 source resampled on the 天地图 c grid; the GK source reprojected onto it
    {
      name: 'cgcs2000quad-4490-z15',
      ref: () => GEO,
      tms: CGCS2000Quad,
      tile: quadTileAt(CGCS2000Quad, 114.26, 27.52, 15),
    },
    {
      name: 'cgcs2000quad-gk-4547-z14',
      ref: () => GK,
      tms: CGCS2000Quad,
      tile: quadTileAt(CGCS2000Quad, 114.25, 27.53, 14),
    },
  ];
  test.each(cases)('$name', async ({ name, ref, tms, tile }) => {
    const png = (await renderers.make(storageSource(storage), inProcessPixels()).render(ref(), tms, tile, 'png'))!;
    await expectGolden(name, png);
  });
});
