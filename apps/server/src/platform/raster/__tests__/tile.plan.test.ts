import { describe, expect, test } from 'vitest';
import { testDb } from '../../../../test/harness.js';
import { forwardProjection } from '../projection.js';
import {
  alignedSourceTile,
  type CogGeoref,
  chooseLevel,
  exceedsReadLimit,
  MAX_REGION_SIDE,
  planTile,
  zoomRange,
} from '../tile.plan.js';
import {
  CGCS2000Quad,
  isValidTile,
  scaleDenominator,
  type TileMatrixSet,
  tileAt,
  tileBounds,
  tileLonLatBounds,
  WebMercatorQuad,
} from '../tile-matrix-set.js';

const HALF_WORLD = Math.PI * 6378137;
/** Web Mercator metres per pixel at zoom z. */
const resAt = (z: number) => (2 * HALF_WORLD) / 256 / 2 ** z;

/** A COG in EPSG:3857 aligned with the XYZ grid: 1024 px of zoom-14 pixels, its top-left at tile 14/x/y. */
function alignedCog(x: number, y: number, tileSize = 256): CogGeoref {
  const [mx, , , my] = tileBounds(WebMercatorQuad, { z: 14, x, y });
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
  ])('tile $z/$x/$y valid: $ok', ({ ok, ...t }) => expect(isValidTile(WebMercatorQuad, t)).toBe(ok));

  test('tile bounds: zoom 0 is the whole Web Mercator square', () => {
    const b = tileBounds(WebMercatorQuad, { z: 0, x: 0, y: 0 });
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
    const plan = planTile(WebMercatorQuad, { z: 14, x: 13001, y: 6801 }, alignedCog(13000, 6800));
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
    const plan = planTile(WebMercatorQuad, { z: 14, x: 13001, y: 6800 }, alignedCog(13000, 6800, 512));
    if (plan.type !== 'read') throw new Error('expected a read');
    expect(plan.tiles.map((t) => [t.col, t.row, t.window])).toEqual([
      [0, 0, { x: 256, y: 0, width: 256, height: 256 }],
    ]);
  });

  test('a zoom-12 tile reads the 4× overview (level 2), not full resolution', () => {
    const plan = planTile(WebMercatorQuad, { z: 12, x: 3250, y: 1700 }, alignedCog(13000, 6800));
    if (plan.type !== 'read') throw new Error('expected a read');
    expect(plan.level).toBe(2);
    expect(plan.tiles.map((t) => [t.col, t.row])).toEqual([[0, 0]]);
    expect(plan.target).toEqual({ x: 0, y: 0, width: 256, height: 256 });
  });

  test('a zoom-13 tile across the 2× overview’s tile corner reads four level-1 tiles, one per quarter', () => {
    const plan = planTile(WebMercatorQuad, { z: 13, x: 6501, y: 3401 }, alignedCog(13001, 6801));
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
  ])('$name is empty', ({ t }) =>
    expect(planTile(WebMercatorQuad, t, alignedCog(13000, 6800))).toEqual({ type: 'empty' }),
  );

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
    const fine = planTile(WebMercatorQuad, at(17), cog);
    const coarse = planTile(WebMercatorQuad, at(13), cog);
    expect(fine.type === 'read' && fine.level).toBe(0);
    expect(coarse.type === 'read' && coarse.level).toBe(2);
  });

  test.each([
    { gsd: 0.5, lat: 27.5, shape: { width: 20000, height: 20000 }, zooms: { minzoom: 11, maxzoom: 18 } },
    { gsd: 2, lat: 40, shape: { width: 5000, height: 4000 }, zooms: { minzoom: 11, maxzoom: 16 } },
    { gsd: 16, lat: 30, shape: null, zooms: { minzoom: 13, maxzoom: 13 } },
  ])('TileJSON zooms for GSD $gsd m at $lat°: $zooms', ({ gsd, lat, shape, zooms }) =>
    expect(zoomRange(WebMercatorQuad, gsd, lat, shape)).toEqual(zooms),
  );

  test.each([
    // a COG's overviews reach one tile: the image's size decides, as without the count
    { overviews: 7, zooms: { minzoom: 11, maxzoom: 18 } },
    // without overviews a tile may read 16 tiles' width of level 0 (kept to 8: GSD rounding, rotation)
    { overviews: 0, zooms: { minzoom: 15, maxzoom: 18 } },
    { overviews: 2, zooms: { minzoom: 13, maxzoom: 18 } },
  ])('a 20,000 px file with $overviews overviews: TileJSON zooms $zooms', ({ overviews, zooms }) =>
    expect(zoomRange(WebMercatorQuad, 0.5, 27.5, { width: 20000, height: 20000 }, overviews)).toEqual(zooms),
  );
});

describe('BX-16 the read limit of one output tile', () => {
  /** A 65,536 px square COG at zoom 14's resolution, with its overviews or without any. */
  const bigCog = (overviews: boolean): CogGeoref => {
    const base = alignedCog(8000, 6000);
    const sizes = overviews ? [65536, 32768, 16384, 8192, 4096, 2048, 1024, 512, 256] : [65536];
    const r = resAt(14);
    const [mx, , , my] = tileBounds(WebMercatorQuad, { z: 14, x: 8000, y: 6000 });
    const lon = (m: number) => (m / 6378137) * (180 / Math.PI);
    const lat = (m: number) => Math.atan(Math.sinh(m / 6378137)) * (180 / Math.PI);
    return {
      ...base,
      levels: sizes.map((s) => ({ width: s, height: s })),
      bbox: [lon(mx), lat(my - 65536 * r), lon(mx + 65536 * r), lat(my)],
    };
  };
  test.each([14, 12, 9, 6])(
    'zoom %i: with overviews a tile reads ≤ 2× its size; without, a far zoom is over the limit',
    (z) => {
      const t = { z, x: Math.floor(8010 / 2 ** (14 - z)), y: Math.floor(6010 / 2 ** (14 - z)) };
      const withOverviews = planTile(WebMercatorQuad, t, bigCog(true));
      const without = planTile(WebMercatorQuad, t, bigCog(false));
      if (withOverviews.type !== 'read' || without.type !== 'read') throw new Error('expected reads');
      expect(withOverviews.region.width).toBeLessThanOrEqual(2 * 256 + 2);
      expect(exceedsReadLimit(withOverviews)).toBe(false);
      // without overviews the level-0 region grows 2× per zoom level out: ~256 px at 14, ~8,192 px at 9
      expect(exceedsReadLimit(without)).toBe(without.region.width > MAX_REGION_SIDE);
      expect(exceedsReadLimit(without)).toBe(z <= 9);
    },
  );
});

describe('Gauss-Krüger (CGCS2000, GRS80) and UTM (WGS 84) against PostGIS ST_Transform', () => {
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
    { epsg: 32650, lon: 114.3, lat: 27.5 },
    { epsg: 32618, lon: -74.2, lat: 40.7 },
    { epsg: 32750, lon: 116.8, lat: -31.9 },
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

  test('unsupported CRSs are refused by name', () => expect(forwardProjection(2384)).toBeNull());
});

describe('tile matrix sets (OGC 2D-TMS; CGCS2000Quad as 天地图 c)', () => {
  test.each([
    { tms: CGCS2000Quad, t: { z: 1, x: 1, y: 0 }, ok: true },
    { tms: CGCS2000Quad, t: { z: 1, x: 0, y: 1 }, ok: false },
    { tms: CGCS2000Quad, t: { z: 0, x: 0, y: 0 }, ok: false },
    { tms: CGCS2000Quad, t: { z: 3, x: 7, y: 3 }, ok: true },
    { tms: CGCS2000Quad, t: { z: 3, x: 7, y: 4 }, ok: false },
    { tms: WebMercatorQuad, t: { z: 24, x: 0, y: 0 }, ok: true },
  ])('$tms.id $t.z/$t.x/$t.y valid: $ok', ({ tms, t, ok }) => expect(isValidTile(tms, t)).toBe(ok));

  test('CGCS2000Quad level 1 is two 180° tiles from (−180°, 90°); degrees per pixel 180/256/2^(z−1)', () => {
    expect(tileBounds(CGCS2000Quad, { z: 1, x: 0, y: 0 })).toEqual([-180, -90, 0, 90]);
    expect(tileBounds(CGCS2000Quad, { z: 1, x: 1, y: 0 })).toEqual([0, -90, 180, 90]);
    expect(CGCS2000Quad.resolution(18)).toBe(180 / 256 / 2 ** 17);
    expect(CGCS2000Quad.matrixSize(18)).toEqual({ cols: 2 ** 18, rows: 2 ** 17 });
    // 天地图 c, level 14 around 114.25°E 27.5°N
    expect(tileAt(CGCS2000Quad, 114.25, 27.5, 14)).toEqual({ z: 14, x: 13391, y: 2844 });
  });

  test('scale denominators use 0.28 mm pixels: CGCS2000Quad level z = WorldCRS84Quad level z − 1', () => {
    expect(scaleDenominator(CGCS2000Quad, 1)).toBeCloseTo(279541132.0143589, 3);
    expect(scaleDenominator(CGCS2000Quad, 18)).toBeCloseTo(279541132.0143589 / 2 ** 17, 6);
    expect(scaleDenominator(WebMercatorQuad, 0)).toBeCloseTo(559082264.0287178, 3);
  });

  test('lon/lat bounds of a Web Mercator tile are exact', () => {
    const [w, s, e, n] = tileLonLatBounds(WebMercatorQuad, { z: 1, x: 1, y: 0 });
    expect(w).toBe(0);
    expect(e).toBeCloseTo(180, 9);
    expect(s).toBeCloseTo(0, 9);
    expect(n).toBeCloseTo(85.0511287798066, 9);
  });

  test.each([
    { tms: WebMercatorQuad, gsd: 0.5, zooms: { minzoom: 11, maxzoom: 18 } },
    { tms: CGCS2000Quad, gsd: 0.5, zooms: { minzoom: 11, maxzoom: 18 } },
    { tms: CGCS2000Quad, gsd: 100_000, zooms: { minzoom: 1, maxzoom: 1 } },
  ])('$tms.id zooms for GSD $gsd m', ({ tms, gsd, zooms }) =>
    expect(zoomRange(tms, gsd, 27.5, { width: 20000, height: 20000 })).toEqual(zooms),
  );
});

/** A COG in `tms`'s own CRS cut on its grid: 1024 px of zoom-z pixels whose top-left is the corner of tile z/x/y. */
function gridCog(tms: TileMatrixSet, z: number, x: number, y: number): CogGeoref {
  const [x0, , , y1] = tileBounds(tms, { z, x, y });
  const r = tms.resolution(z);
  const [w, n] = tms.toLonLat(x0, y1);
  const [e, s] = tms.toLonLat(x0 + 1024 * r, y1 - 1024 * r);
  return {
    epsg: tms.epsg,
    transform: [r, 0, x0, 0, -r, y1],
    levels: [1024, 512, 256].map((v) => ({ width: v, height: v })),
    tileWidth: 256,
    tileHeight: 256,
    bbox: [w, s, e, n],
  };
}

describe('a COG on the tile grid reads exactly its own tiles (pass-through candidates)', () => {
  test.each([WebMercatorQuad, CGCS2000Quad])(
    '$id: a full-resolution tile is one whole source tile, unscaled',
    (tms) => {
      const cog = gridCog(tms, 15, 26000, 6000);
      const plan = planTile(tms, { z: 15, x: 26002, y: 6001 }, cog);
      if (plan.type !== 'read') throw new Error('expected a read');
      expect(plan.level).toBe(0);
      expect(plan.tiles.map((t) => [t.col, t.row, t.window])).toEqual([
        [2, 1, { x: 0, y: 0, width: 256, height: 256 }],
      ]);
      expect(alignedSourceTile(plan, cog)).toMatchObject({ col: 2, row: 1 });
    },
  );

  test('CGCS2000Quad: one level up reads the 2× overview’s single tile, aligned too', () => {
    const cog = gridCog(CGCS2000Quad, 15, 26000, 6000);
    const plan = planTile(CGCS2000Quad, { z: 14, x: 13000, y: 3000 }, cog);
    if (plan.type !== 'read') throw new Error('expected a read');
    expect(plan.level).toBe(1);
    expect(plan.tiles.map((t) => [t.col, t.row])).toEqual([[0, 0]]);
    expect(alignedSourceTile(plan, cog)).not.toBeNull();
  });

  test('a tile half a source tile off the grid, or of another grid, is not one stored tile', () => {
    const cog = gridCog(CGCS2000Quad, 15, 26000, 6000);
    const shifted = {
      ...cog,
      transform: [
        cog.transform[0],
        0,
        cog.transform[2] + 128 * cog.transform[0],
        0,
        cog.transform[4],
        cog.transform[5],
      ] as const,
    };
    const p1 = planTile(CGCS2000Quad, { z: 15, x: 26001, y: 6001 }, shifted);
    expect(p1.type === 'read' && p1.tiles.length).toBe(2);
    expect(alignedSourceTile(p1, shifted)).toBeNull();
    const merc = planTile(WebMercatorQuad, tileAt(WebMercatorQuad, ...tileCentre(cog), 17), cog);
    expect(alignedSourceTile(merc, cog)).toBeNull();
  });
});

const tileCentre = (cog: CogGeoref): [number, number] => [
  (cog.bbox[0] + cog.bbox[2]) / 2,
  (cog.bbox[1] + cog.bbox[3]) / 2,
];
