import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import shpwrite from '@mapbox/shp-write';
import { beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { resetDb, testDb, testServices } from '../../../../test/harness.js';
import { SYSTEM_CONTEXT } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/db.port.js';

let db: Db;
let s: ReturnType<typeof testServices>;
const dir = mkdtempSync(join(tmpdir(), 'geoshare-vector-'));
const plots = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { id: 1 },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [114.1, 27.5],
            [114.2, 27.5],
            [114.2, 27.6],
            [114.1, 27.6],
            [114.1, 27.5],
          ],
        ],
      },
    },
    {
      type: 'Feature',
      properties: { id: 2 },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [114.3, 27.5],
            [114.4, 27.5],
            [114.4, 27.6],
            [114.3, 27.6],
            [114.3, 27.5],
          ],
        ],
      },
    },
  ],
};

beforeAll(async () => {
  db = await testDb();
  s = testServices(db);
});
beforeEach(async () => {
  await resetDb(db);
  await s.catalog.createCollection(SYSTEM_CONTEXT, {
    id: 'results',
    title: '调查成果',
    description: '测试',
    productType: 'result',
    sharingType: 'conditional',
    sharingMethod: 'offline',
  });
});

const ingest = (name: string, gcj02 = false) =>
  s.ingest.ingestMany(SYSTEM_CONTEXT, [{ path: join(dir, name), name }], {
    collectionId: 'results',
    secrecy: 'secret',
    publish: false,
    gcj02,
  });

describe('MNR-9 vector survey results register as items', () => {
  test('MNR-9 a zipped Shapefile becomes one item whose footprint is the union of its features', async () => {
    const zip = (await shpwrite.zip(plots, {
      outputType: 'nodebuffer',
      compression: 'DEFLATE',
      types: { polygon: 'plots' },
    })) as Buffer;
    writeFileSync(join(dir, 'plots.zip'), zip);
    const [r] = await ingest('plots.zip');
    expect(r).toMatchObject({ ok: true, itemId: 'plots' });
    const { rows } = await db.query<{ parts: number; fmt: string; secrecy: string }>(
      'SELECT ST_NumGeometries(geom) AS parts, format AS fmt, secrecy FROM catalog_item',
    );
    expect(rows).toEqual([{ parts: 2, fmt: 'Shapefile', secrecy: 'secret' }]);
  });

  test('MNR-9 GeoJSON with GCJ-02 conversion moves the footprint by the Mars offset (hundreds of metres)', async () => {
    writeFileSync(join(dir, 'a.geojson'), JSON.stringify(plots));
    writeFileSync(join(dir, 'b.geojson'), JSON.stringify({ ...plots, name: 'b' }));
    await ingest('a.geojson');
    await ingest('b.geojson', true);
    const { rows } = await db.query<{ m: number }>(
      "SELECT ST_Distance(ST_Centroid((SELECT geom FROM catalog_item WHERE id = 'a'))::geography, ST_Centroid((SELECT geom FROM catalog_item WHERE id = 'b'))::geography) AS m",
    );
    expect(rows[0]!.m).toBeGreaterThan(200);
    expect(rows[0]!.m).toBeLessThan(1000);
  });

  test('bad vector input is rejected per file', async () => {
    writeFileSync(join(dir, 'bad.geojson'), '{ not json');
    writeFileSync(join(dir, 'empty.geojson'), JSON.stringify({ type: 'FeatureCollection', features: [] }));
    writeFileSync(join(dir, 'bad.zip'), 'PK not a zip');
    expect(await ingest('bad.geojson')).toMatchObject([{ ok: false, code: 'INGEST_UNSUPPORTED' }]);
    expect(await ingest('empty.geojson')).toMatchObject([{ ok: false, code: 'INGEST_NO_GEOREFERENCE' }]);
    expect(await ingest('bad.zip')).toMatchObject([{ ok: false, code: 'INGEST_UNSUPPORTED' }]);
  });
});
