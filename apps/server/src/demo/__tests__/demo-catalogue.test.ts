import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { beforeAll, describe, expect, test } from 'vitest';
import { resetDb, testDb, testServices } from '../../../test/harness.js';
import { ingestRepository } from '../../modules/catalog/ingest.repository.js';
import { sm3Hex } from '../../platform/crypto/sm3.js';
import type { Db } from '../../platform/db/db.port.js';
import { centreSamplePair, footprintRing } from '../../platform/raster/footprint.rules.js';
import { readRasterHeader } from '../../platform/raster/raster-header.js';
import type { Services } from '../../services.js';
import { seedDemo } from '../demo.seed.js';
import { planDemoItems } from '../demo-catalogue.js';

let db: Db;
let s: Services;

interface Row {
  collection_id: string;
  id: string;
  year: number;
  china_hour: number;
  secrecy: string;
  published: boolean;
  sharing_type: string;
  platform: string | null;
  gsd: number | null;
  checksum_sm3: string;
  geojson: string;
  in_city: boolean;
}
let items: Row[];

// Seeded once for the whole file: the demo city with its catalogue, as on a first start.
beforeAll(async () => {
  db = await testDb();
  await resetDb(db);
  s = testServices(db);
  await seedDemo(s, { adminPassword: 'Admin@2026' });
  items = (
    await db.query<Row>(
      `SELECT i.collection_id, i.id, extract(year FROM i.datetime AT TIME ZONE 'Asia/Shanghai')::int AS year,
         extract(hour FROM i.datetime AT TIME ZONE 'Asia/Shanghai')::int AS china_hour, i.secrecy, i.published,
         i.sharing_type, i.platform, i.gsd, i.checksum_sm3, ST_AsGeoJSON(i.geom) AS geojson,
         ST_Intersects(i.geom, (SELECT geom FROM admin_area WHERE level = 'city')) AS in_city
       FROM catalog_item i ORDER BY i.collection_id, i.id`,
    )
  ).rows;
}, 120_000);

function count<T>(xs: T[], key: (x: T) => string): Record<string, number> {
  const m: Record<string, number> = {};
  for (const x of xs) m[key(x)] = (m[key(x)] ?? 0) + 1;
  return m;
}

describe('demo catalogue', () => {
  test('seven published collections, a few hundred items, counts per collection', async () => {
    const { rows } = await db.query<{ id: string; published: boolean; sharing_type: string; sharing_basis: string }>(
      'SELECT id, published, sharing_type, sharing_basis FROM catalog_collection ORDER BY id',
    );
    expect(rows.every((c) => c.published)).toBe(true);
    expect(count(items, (i) => i.collection_id)).toEqual({
      'aerial-2023': 40,
      'dom-2023-05m': 42,
      'dom-2024-05m': 49,
      'gf1-wfv': 50,
      'gf2-pms-l1a': 60,
      'survey-results': 36,
      'zy3-s2': 40,
    });
    // ZS-12: the one collection not shared names its legal basis.
    expect(rows.filter((c) => c.sharing_type === 'none')).toEqual([
      expect.objectContaining({ id: 'dom-2023-05m', sharing_basis: expect.stringContaining('合同') }),
    ]);
  });

  test('years 2017–2026 in China daytime, six platforms, every secrecy level; 待定密 never published', () => {
    expect(Object.keys(count(items, (i) => String(i.year)))).toEqual([
      '2017',
      '2018',
      '2019',
      '2020',
      '2021',
      '2022',
      '2023',
      '2024',
      '2025',
      '2026',
    ]);
    expect(items.every((i) => i.china_hour >= 8 && i.china_hour <= 17)).toBe(true);
    expect(
      Object.keys(
        count(
          items.filter((i) => i.platform),
          (i) => i.platform!,
        ),
      ).sort(),
    ).toEqual(['GF-1', 'GF-2', 'GF-6', 'Sentinel-2', 'ZY-3', '航空摄影'].sort());
    const secrecy = count(items, (i) => i.secrecy);
    expect(Object.keys(secrecy).sort()).toEqual(['confidential', 'public', 'secret', 'undetermined']);
    expect(secrecy.public! / items.length).toBeGreaterThan(0.75);
    expect(items.filter((i) => i.secrecy === 'undetermined').every((i) => !i.published)).toBe(true);
    expect(items.filter((i) => i.published).length / items.length).toBeGreaterThan(0.9);
    expect(items.every((i) => i.in_city)).toBe(true);
  });

  test('the plan is the same every time (seeded PRNG)', async () => {
    const districts = [{ code: '990102', name: '城关区' }];
    expect(planDemoItems([530_000, 3_055_000], districts)).toEqual(planDemoItems([530_000, 3_055_000], districts));
  });

  test('every data COG reads back as a COG in CGCS2000 whose pixel size is the GSD and whose footprint is the item', async () => {
    const { rows: assets } = await db.query<{
      collection_id: string;
      item_id: string;
      storage_key: string;
      checksum_sm3: string;
    }>(
      `SELECT collection_id, item_id, storage_key, checksum_sm3 FROM catalog_asset
       WHERE key = 'data' AND media_type LIKE 'image/tiff%'`,
    );
    expect(assets).toHaveLength(317 - 36);
    const byId = new Map(items.map((i) => [`${i.collection_id}/${i.id}`, i]));
    const epsgs = new Set<number>();
    for (const a of assets) {
      const item = byId.get(`${a.collection_id}/${a.item_id}`)!;
      const path = s.storage.localPath(a.storage_key)!;
      const h = await readRasterHeader(path);
      expect(h, a.item_id).toMatchObject({
        width: 1000,
        height: 1000,
        bandCount: 3,
        compression: 'jpeg',
        tileWidth: 256,
        overviewCount: 2,
        cog: { ok: true, problems: [] },
      });
      expect([4490, 4547]).toContain(h.epsg);
      epsgs.add(h.epsg);
      const gt = h.geoTransform;
      const geo = await ingestRepository.reproject(
        db,
        footprintRing(gt, 1000, 1000, 16),
        h.epsg,
        centreSamplePair(gt, 1000, 1000),
      );
      // GSD: metres on the ground between neighbouring pixel centres (ellipsoidal for EPSG:4490).
      expect(geo.gsd / item.gsd!, a.item_id).toBeCloseTo(1, 3);
      const { rows } = await db.query<{ mismatch: number }>(
        `SELECT ST_Area(ST_SymDifference(a, b)::geography) / ST_Area(a::geography) AS mismatch
         FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4490) AS a, ST_SetSRID(ST_GeomFromGeoJSON($2), 4490) AS b) g`,
        [item.geojson, geo.geojson],
      );
      expect(rows[0]!.mismatch, a.item_id).toBeLessThan(1e-6);
      const bytes = await readFile(path);
      expect(sm3Hex(bytes)).toBe(a.checksum_sm3);
      expect(item.checksum_sm3).toBe(a.checksum_sm3);
    }
    expect([...epsgs].sort()).toEqual([4490, 4547]);
  });

  test('thumbnails are 256 px PNGs; survey results are GeoJSON of their district', async () => {
    const { rows } = await db.query<{ key: string; storage_key: string; media_type: string; n: number }>(
      `SELECT key, media_type, min(storage_key) AS storage_key, count(*)::int AS n FROM catalog_asset
       GROUP BY key, media_type ORDER BY key, media_type`,
    );
    expect(rows.map((r) => [r.key, r.media_type, r.n])).toEqual([
      ['data', 'application/geo+json', 36],
      ['data', 'image/tiff; application=geotiff; profile=cloud-optimized', 281],
      ['thumbnail', 'image/png', 281],
    ]);
    const thumb = await sharp(s.storage.localPath(rows[2]!.storage_key)!).metadata();
    expect(thumb).toMatchObject({ format: 'png', width: 256, height: 256 });
    const survey = JSON.parse(await readFile(s.storage.localPath(rows[0]!.storage_key)!, 'utf8'));
    expect(survey.features[0].properties).toMatchObject({ XZQDM: expect.stringMatching(/^9901/) });
  });

  test('anonymous STAC search sees exactly the published, non-classified, unconditional items', async () => {
    const r = await s.catalog.search({ actor: null, ip: null }, { limit: 1000 }, { api: 'http://test/api' }, () => '');
    const expected = items.filter((i) => i.published && i.secrecy === 'public' && i.sharing_type === 'unconditional');
    expect(r.numberMatched).toBe(expected.length);
    expect(new Set(r.features.map((f) => (f as { collection: string }).collection))).toEqual(
      new Set(['gf1-wfv', 'zy3-s2', 'dom-2024-05m']),
    );
    expect(expected.length).toBeGreaterThan(100);
  });

  test('the seeding is audited and the chain verifies', async () => {
    expect(await s.audit.verify()).toMatchObject({ ok: true });
  });
});
