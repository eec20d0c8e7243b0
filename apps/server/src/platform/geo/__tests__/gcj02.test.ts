import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Feature, FeatureCollection, GeometryCollection, MultiPolygon, Point, Polygon } from 'geojson';
import { beforeAll, describe, expect, test } from 'vitest';
import { testDb } from '../../../../test/harness.js';
import type { Db } from '../../db/db.port.js';
import { convertGeoJsonGcj02ToWgs84, gcj02ToWgs84, outOfChina, wgs84ToGcj02 } from '../gcj02.js';

const REPO_ROOT = fileURLToPath(new URL('../../../../../../', import.meta.url));
const BOUNDARIES = path.resolve(REPO_ROOT, '../shared/data/boundaries');

/** Great-circle distance in metres (mean Earth radius): good enough to size a ~500 m offset. */
function metresBetween([lng1, lat1]: number[], [lng2, lat2]: number[]): number {
  const rad = Math.PI / 180;
  const a =
    Math.sin(((lat2! - lat1!) * rad) / 2) ** 2 +
    Math.cos(lat1! * rad) * Math.cos(lat2! * rad) * Math.sin(((lng2! - lng1!) * rad) / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.sqrt(a));
}

describe('YQ-17 GCJ-02 ↔ WGS84 (≈ CGCS2000) point conversion', () => {
  test('YQ-17 forward transform matches the published reference vector (coordtransform / eviltransform)', () => {
    const [lng, lat] = wgs84ToGcj02(116.404, 39.915);
    expect(lng).toBeCloseTo(116.41024449916938, 12);
    expect(lat).toBeCloseTo(39.91640428150164, 12);
  });

  test('YQ-17 the iterative inverse round-trips to < 1e-6° (measured < 1e-9°) across China', () => {
    let worst = 0;
    for (let lng = 73.5; lng <= 135; lng += 1.7) {
      for (let lat = 18.2; lat <= 53.5; lat += 0.9) {
        const [gLng, gLat] = wgs84ToGcj02(lng, lat);
        const [wLng, wLat] = gcj02ToWgs84(gLng, gLat);
        worst = Math.max(worst, Math.abs(wLng - lng), Math.abs(wLat - lat));
        // and the other way round: a GCJ-02 point taken back and forth again
        const [g2Lng, g2Lat] = wgs84ToGcj02(...gcj02ToWgs84(lng, lat));
        worst = Math.max(worst, Math.abs(g2Lng - lng), Math.abs(g2Lat - lat));
      }
    }
    expect(worst).toBeLessThan(1e-6);
    expect(worst).toBeLessThan(1e-9);
  });

  test('YQ-17 the offset is a few hundred metres in China and zero outside', () => {
    const benxi = [123.77, 41.3];
    const shift = metresBetween(benxi, gcj02ToWgs84(benxi[0]!, benxi[1]!));
    expect(shift).toBeGreaterThan(300);
    expect(shift).toBeLessThan(800);
    for (const [lng, lat] of [
      [139.69, 35.69], // Tokyo
      [-74.0, 40.7], // New York
      [60, 30],
    ] as const) {
      expect(outOfChina(lng, lat)).toBe(true);
      expect(gcj02ToWgs84(lng, lat)).toEqual([lng, lat]);
      expect(wgs84ToGcj02(lng, lat)).toEqual([lng, lat]);
    }
  });
});

describe('YQ-17 convertGeoJsonGcj02ToWgs84', () => {
  const p = (lng: number, lat: number, ...rest: number[]) => [lng, lat, ...rest];
  const conv = (lng: number, lat: number) => gcj02ToWgs84(lng, lat);

  test('YQ-17 maps every position of every geometry type, keeps altitude and properties, does not mutate', () => {
    const square: Polygon = {
      type: 'Polygon',
      coordinates: [[p(120, 30), p(120.1, 30), p(120.1, 30.1), p(120, 30.1), p(120, 30)]],
    };
    const collection: GeometryCollection = {
      type: 'GeometryCollection',
      geometries: [
        { type: 'Point', coordinates: p(121, 31, 12.5) },
        { type: 'MultiPoint', coordinates: [p(121, 31), p(122, 32)] },
        { type: 'LineString', coordinates: [p(121, 31), p(122, 32)] },
        { type: 'MultiLineString', coordinates: [[p(121, 31), p(122, 32)]] },
        square,
        { type: 'MultiPolygon', coordinates: [square.coordinates] },
      ],
    };
    const fc: FeatureCollection = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { name: '测试', adcode: 210502 }, geometry: collection },
        { type: 'Feature', properties: null, geometry: null as unknown as Point },
      ],
    };
    const before = JSON.stringify(fc);
    const out = convertGeoJsonGcj02ToWgs84(fc);
    expect(JSON.stringify(fc)).toBe(before);
    const f0 = out.features[0] as Feature<GeometryCollection>;
    expect(f0.properties).toEqual({ name: '测试', adcode: 210502 });
    const [pt, mpt, line, mline, poly, mpoly] = f0.geometry.geometries as [
      Point,
      { coordinates: number[][] },
      { coordinates: number[][] },
      { coordinates: number[][][] },
      Polygon,
      MultiPolygon,
    ];
    expect(pt.coordinates).toEqual([...conv(121, 31), 12.5]);
    expect(mpt.coordinates[1]).toEqual(conv(122, 32));
    expect(line.coordinates[0]).toEqual(conv(121, 31));
    expect(mline.coordinates[0]![1]).toEqual(conv(122, 32));
    expect(poly.coordinates[0]![2]).toEqual(conv(120.1, 30.1));
    expect(mpoly.coordinates[0]![0]![4]).toEqual(conv(120, 30));
    expect(out.features[1]!.geometry).toBeNull();
  });

  test('YQ-17 a stale bbox is recomputed from the converted positions', () => {
    const f: Feature<Polygon> = {
      type: 'Feature',
      bbox: [120, 30, 120.1, 30.1],
      properties: {},
      geometry: { type: 'Polygon', coordinates: [[p(120, 30), p(120.1, 30), p(120.1, 30.1), p(120, 30)]] },
    };
    const out = convertGeoJsonGcj02ToWgs84(f);
    const moved = [conv(120, 30), conv(120.1, 30), conv(120.1, 30.1)];
    expect(out.bbox).toEqual([
      Math.min(...moved.map((q) => q[0])),
      Math.min(...moved.map((q) => q[1])),
      Math.max(...moved.map((q) => q[0])),
      Math.max(...moved.map((q) => q[1])),
    ]);
    expect(out.bbox![0]).not.toBe(120);
  });
});

/** Reference ellipsoidal areas (km², CGCS2000) from ../shared/data/README.md; DataV is generalised, hence ±0.5 %. */
const REFERENCE_KM2: Record<string, { city: number; districts: Record<string, number> }> = {
  '210500_full.json': {
    city: 8427.2,
    districts: {
      平山区: 178.19,
      溪湖区: 317.76,
      明山区: 405.43,
      南芬区: 615.39,
      本溪满族自治县: 3347.64,
      桓仁满族自治县: 3562.82,
    },
  },
  '140300_full.json': {
    city: 4563.2,
    districts: { 城区: 15.04, 矿区: 12.28, 郊区: 623.69, 平定县: 1402.9, 盂县: 2509.27 },
  },
  '330900_full.json': {
    city: 1613.6,
    districts: { 定海区: 612.17, 普陀区: 498.97, 岱山县: 347.22, 嵊泗县: 155.19 },
  },
  '360700_full.json': { city: 39359.3, districts: {} },
};

describe.skipIf(!existsSync(BOUNDARIES))(
  'YQ-17 DataV GCJ-02 boundaries converted to CGCS2000, areas in PostGIS (skipped: ../shared/data/boundaries absent)',
  () => {
    let db: Db;
    beforeAll(async () => {
      db = await testDb();
    });

    /** Ellipsoidal area on the CGCS2000 ellipsoid (geography over SRID 4490), km². */
    async function areaKm2(geometry: unknown): Promise<number> {
      const { rows } = await db.query<{ m2: number }>(
        'SELECT ST_Area(ST_SetSRID(ST_GeomFromGeoJSON($1), 4490)::geography) AS m2',
        [JSON.stringify(geometry)],
      );
      return rows[0]!.m2 / 1e6;
    }

    test.each(Object.entries(REFERENCE_KM2))(
      'YQ-17 %s: every district and the city within ±0.5 % of the reference area',
      async (file, ref) => {
        const gcj = JSON.parse(readFileSync(path.join(BOUNDARIES, file), 'utf8')) as FeatureCollection<
          MultiPolygon,
          { name: string }
        >;
        const wgs = convertGeoJsonGcj02ToWgs84(gcj);
        let total = 0;
        const seen: string[] = [];
        for (const [k, feature] of wgs.features.entries()) {
          const name = feature.properties.name;
          const km2 = await areaKm2(feature.geometry);
          total += km2;
          const expected = ref.districts[name];
          if (expected !== undefined) {
            seen.push(name);
            expect(Math.abs(km2 - expected) / expected, `${name}: ${km2.toFixed(2)} km² vs ${expected}`).toBeLessThan(
              0.005,
            );
          }
          // The conversion really moved the boundary by the GCJ-02 offset (~500–600 m here), not by nothing or by km.
          const before = gcj.features[k]!.geometry.coordinates[0]![0]![0]!;
          const after = feature.geometry.coordinates[0]![0]![0]!;
          const shift = metresBetween(before, after);
          expect(shift).toBeGreaterThan(300);
          expect(shift).toBeLessThan(800);
        }
        expect(seen.sort()).toEqual(Object.keys(ref.districts).sort());
        expect(Math.abs(total - ref.city) / ref.city, `city: ${total.toFixed(1)} km² vs ${ref.city}`).toBeLessThan(
          0.005,
        );
        // Tighter: the converted city total lands within 0.01 % of the reference, whereas the same boundaries left in
        // GCJ-02 miss by 0.02 % (舟山) to 0.08 % (本溪) — so this fails if the conversion is skipped or wrong.
        expect(Math.abs(total - ref.city) / ref.city).toBeLessThan(0.0001);
      },
    );
  },
);
