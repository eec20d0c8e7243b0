import { describe, expect, test } from 'vitest';
import { testDb } from '../../../../test/harness.js';
import {
  type CogGeoref,
  chooseLevel,
  forwardProjection,
  isValidTile,
  planTile,
  tileBounds,
  zoomRange,
} from '../tile.plan.js';

const HALF_WORLD = Math.PI * 6378137;
/** Web Mercator metres per pixel at zoom z. */
const resAt = (z: number) => (2 * HALF_WORLD) / 256 / 2 ** z;

/** A COG in EPSG:3857 aligned with the XYZ grid: 1024 px of zoom-14 pixels, its top-left at tile 14/x/y. */
function alignedCog(x: number, y: number, tileSize = 256): CogGeoref {
  const [mx, , , my] = tileBounds({ z: 14, x, y });
  const levels = [1024, 512, 256].map((s) => ({ width: s, height: s }));
  const r = resAt(14);
  const lon = (m: number) => (m / 6378137) * (180 / Math.PI);
  const lat = (m: number) => Math.atan(Math.sinh(m / 6378137)) * (180 / Math.PI);
  return {
    epsg: 3857,
    transform: [r, 0, mx, 0, -r, my],
    levels,
    tileWidth: tileSize,
    tileHeight: tileSize,
    bbox: [lon(mx), lat(my - 1024 * r), lon(mx + 1024 * r), lat(my)],
  };
}

describe('tile plan (BX-16 online browsing)', () => {
  test.each([
    { z: 0, x: 0, y: 0, ok: true },
    { z: 3, x: 7, y: 7, ok: true },
    { z: 3, x: 8, y: 0, ok: false },
    { z: 25, x: 0, y: 0, ok: false },
    { z: 2, x: -1, y: 0, ok: false },
  ])('tile $z/$x/$y valid: $ok', ({ ok, ...t }) => expect(isValidTile(t)).toBe(ok));

  test('tile bounds: zoom 0 is the whole Web Mercator square', () => {
    const b = tileBounds({ z: 0, x: 0, y: 0 });
    [-HALF_WORLD, -HALF_WORLD, HALF_WORLD, HALF_WORLD].forEach((v, i) => {
      expect(b[i]).toBeCloseTo(v, 6);
    });
  });

  test.each([
    { s: 0.3, level: 0 },
    { s: 1, level: 0 },
    { s: 1.9, level: 0 },
    { s: 2, level: 1 },
    { s: 3.9, level: 1 },
    { s: 4, level: 2 },
    { s: 1000, level: 3 },
  ])(
    'the coarsest overview still at least as fine as the output: $s source px per output px → level $level',
    ({ s, level }) => {
      const levels = [4096, 2048, 1024, 512].map((w) => ({ width: w, height: w }));
      expect(chooseLevel(levels, s)).toBe(level);
    },
  );

  test('a full-resolution tile aligned with the COG grid reads exactly one source tile, whole', () => {
    const plan = planTile({ z: 14, x: 13001, y: 6801 }, alignedCog(13000, 6800));
    expect(plan.type).toBe('read');
    if (plan.type !== 'read') return;
    expect(plan.level).toBe(0);
    expect(plan.region).toEqual({ x: 256, y: 256, width: 256, height: 256 });
    expect(plan.tiles).toEqual([
      {
        col: 1,
        row: 1,
        window: { x: 0, y: 0, width: 256, height: 256 },
        at: { x: 0, y: 0 },
        target: { x: 0, y: 0, width: 256, height: 256 },
      },
    ]);
    expect(plan.affine[0]).toBeCloseTo(1, 9);
    expect(plan.affine[4]).toBeCloseTo(1, 9);
  });

  test('with 512 px COG tiles a zoom-14 tile is a quarter of one source tile', () => {
    const plan = planTile({ z: 14, x: 13001, y: 6800 }, alignedCog(13000, 6800, 512));
    if (plan.type !== 'read') throw new Error('expected a read');
    expect(plan.tiles.map((t) => [t.col, t.row, t.window])).toEqual([
      [0, 0, { x: 256, y: 0, width: 256, height: 256 }],
    ]);
  });

  test('a zoom-12 tile reads the 4× overview (level 2), not full resolution', () => {
    const plan = planTile({ z: 12, x: 3250, y: 1700 }, alignedCog(13000, 6800));
    if (plan.type !== 'read') throw new Error('expected a read');
    expect(plan.level).toBe(2);
    expect(plan.tiles.map((t) => [t.col, t.row])).toEqual([[0, 0]]);
    expect(plan.target).toEqual({ x: 0, y: 0, width: 256, height: 256 });
  });

  test('a zoom-13 tile across the 2× overview’s tile corner reads four level-1 tiles, one per quarter', () => {
    const plan = planTile({ z: 13, x: 6501, y: 3401 }, alignedCog(13001, 6801));
    if (plan.type !== 'read') throw new Error('expected a read');
    expect(plan.level).toBe(1);
    expect(plan.tiles.map((t) => [t.col, t.row, t.target])).toEqual([
      [0, 0, { x: 0, y: 0, width: 128, height: 128 }],
      [1, 0, { x: 128, y: 0, width: 128, height: 128 }],
      [0, 1, { x: 0, y: 128, width: 128, height: 128 }],
      [1, 1, { x: 128, y: 128, width: 128, height: 128 }],
    ]);
  });

  test.each([
    { name: 'a tile beside the image', t: { z: 14, x: 13010, y: 6801 } },
    { name: 'a tile on the other side of the world', t: { z: 14, x: 100, y: 100 } },
  ])('$name is empty', ({ t }) => expect(planTile(t, alignedCog(13000, 6800))).toEqual({ type: 'empty' }));

  test('an EPSG:4490 image of 2.5 m pixels: zoom 17 reads level 0, zoom 13 (≈ 6 source px per output px) level 2', () => {
    const deg = 0.1 / 4096; // 2.4 m × 2.7 m pixels
    const cog: CogGeoref = {
      epsg: 4490,
      transform: [deg, 0, 114.2, 0, -deg, 27.55],
      levels: [4096, 2048, 1024, 512, 256].map((s) => ({ width: s, height: s })),
      tileWidth: 512,
      tileHeight: 512,
      bbox: [114.2, 27.45, 114.3, 27.55],
    };
    const lonToX = (lon: number, z: number) => Math.floor(((lon + 180) / 360) * 2 ** z);
    const latToY = (lat: number, z: number) =>
      Math.floor(((1 - Math.asinh(Math.tan((lat * Math.PI) / 180)) / Math.PI) / 2) * 2 ** z);
    const at = (z: number) => ({ z, x: lonToX(114.25, z), y: latToY(27.5, z) });
    const fine = planTile(at(17), cog);
    const coarse = planTile(at(13), cog);
    expect(fine.type === 'read' && fine.level).toBe(0);
    expect(coarse.type === 'read' && coarse.level).toBe(2);
  });

  test.each([
    { gsd: 0.5, lat: 27.5, shape: { width: 20000, height: 20000 }, zooms: { minzoom: 11, maxzoom: 18 } },
    { gsd: 2, lat: 40, shape: { width: 5000, height: 4000 }, zooms: { minzoom: 11, maxzoom: 16 } },
    { gsd: 16, lat: 30, shape: null, zooms: { minzoom: 13, maxzoom: 13 } },
  ])('TileJSON zooms for GSD $gsd m at $lat°: $zooms', ({ gsd, lat, shape, zooms }) =>
    expect(zoomRange(gsd, lat, shape)).toEqual(zooms),
  );
});

describe('Gauss-Krüger (CGCS2000, GRS80) against PostGIS ST_Transform', () => {
  test.each([
    { epsg: 4547, lon: 114.3, lat: 27.5 },
    { epsg: 4547, lon: 115.45, lat: 31.2 },
    { epsg: 4534, lon: 73.6, lat: 39.5 },
    { epsg: 4554, lon: 134.2, lat: 47.9 },
    { epsg: 4549, lon: 121.4, lat: 31.2 },
    { epsg: 4513, lon: 75.3, lat: 38.9 },
    { epsg: 4528, lon: 120.7, lat: 30.1 },
    { epsg: 4491, lon: 76.0, lat: 40.0 },
    { epsg: 4502, lon: 77.5, lat: 42.0 },
    { epsg: 3857, lon: 114.3, lat: 27.5 },
  ])('EPSG:$epsg at ($lon, $lat) matches to 1 mm', async ({ epsg, lon, lat }) => {
    const db = await testDb();
    const { rows } = await db.query<{ x: number; y: number }>(
      'SELECT ST_X(p) AS x, ST_Y(p) AS y FROM ST_Transform(ST_SetSRID(ST_MakePoint($1, $2), 4490), $3::int) AS p',
      [lon, lat, epsg],
    );
    const [x, y] = forwardProjection(epsg)!(lon, lat);
    expect(Math.abs(x - rows[0]!.x)).toBeLessThan(1e-3);
    expect(Math.abs(y - rows[0]!.y)).toBeLessThan(1e-3);
  });

  test('unsupported CRSs are refused by name', () => expect(forwardProjection(32650)).toBeNull());
});
