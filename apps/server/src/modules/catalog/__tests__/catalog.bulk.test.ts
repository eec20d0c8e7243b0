import { buffer } from 'node:stream/consumers';
import { beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { resetDb, testDb, testServices } from '../../../../test/harness.js';
import { SYSTEM_CONTEXT } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/db.port.js';
import type { Services } from '../../../services.js';
import type { AssetDraft } from '../item.repository.js';
import { baseItem, givenDistrict } from './catalog.fixtures.js';

let db: Db;
let s: Services;
beforeAll(async () => {
  db = await testDb();
  s = testServices(db);
});
beforeEach(async () => {
  await resetDb(db);
  await givenDistrict(db);
  await s.catalog.createCollection(SYSTEM_CONTEXT, {
    id: 'dom-2024',
    title: '2024 年数字正射影像 0.5 米',
    description: '全市 0.5 米 DOM',
    productType: 'dom',
    sharingType: 'unconditional',
    sharingMethod: 'online',
  });
  await s.catalog.publishCollection(SYSTEM_CONTEXT, 'dom-2024', true);
});

async function stored(itemId: string, key: string, body: string): Promise<AssetDraft> {
  const storageKey = `items/dom-2024/${itemId}/${key}`;
  const { size } = await s.storage.put(storageKey, Buffer.from(body));
  return {
    key: key === 'thumbnail.png' ? 'thumbnail' : 'data',
    storageKey,
    mediaType: key === 'thumbnail.png' ? 'image/png' : 'image/tiff; application=geotiff; profile=cloud-optimized',
    title: null,
    roles: key === 'thumbnail.png' ? ['thumbnail'] : ['data'],
    size,
    checksumSm3: null,
  };
}

const assetRows = () =>
  db.query<{ item_id: string; key: string; roles: string[]; size: string }>(
    'SELECT item_id, key, roles, size::text FROM catalog_asset ORDER BY item_id, key',
  );

describe('MNR-9 bulk registration with assets', () => {
  test('entries and their assets in one transaction with one audit row; assets open like single-entry ones', async () => {
    await s.catalog.bulkCreateItems(SYSTEM_CONTEXT, [
      {
        ...baseItem({ id: 'a' }),
        assets: [await stored('a', 'a.tif', 'tiff a'), await stored('a', 'thumbnail.png', 'png')],
      },
      { ...baseItem({ id: 'b' }), assets: [await stored('b', 'b.tif', 'tiff bb')] },
      baseItem({ id: 'c' }),
    ]);
    expect((await assetRows()).rows).toEqual([
      { item_id: 'a', key: 'data', roles: ['data'], size: '6' },
      { item_id: 'a', key: 'thumbnail', roles: ['thumbnail'], size: '3' },
      { item_id: 'b', key: 'data', roles: ['data'], size: '7' },
    ]);
    const opened = await s.catalog.openAsset(SYSTEM_CONTEXT, 'dom-2024', 'b', 'data');
    expect((await buffer(opened.stream!)).toString()).toBe('tiff bb');
    const { rows } = await db.query<{ summary: { count: number; assets: number } }>(
      "SELECT summary FROM audit_event WHERE action = 'catalog.item.bulk_create'",
    );
    expect(rows.map((r) => r.summary)).toEqual([expect.objectContaining({ count: 3, assets: 3 })]);
  });

  test('an invalid entry writes neither entries nor assets', async () => {
    const batch = [
      { ...baseItem({ id: 'a' }), assets: [await stored('a', 'a.tif', 'tiff a')] },
      { ...baseItem({ id: 'b', secrecy: null, published: true }), assets: [await stored('b', 'b.tif', 'tiff b')] },
    ];
    await expect(s.catalog.bulkCreateItems(SYSTEM_CONTEXT, batch)).rejects.toMatchObject({
      code: 'CATALOG_SECRECY_UNDETERMINED',
    });
    // Two assets with one key on one entry: the database refuses, and the entries go too.
    const twice = await stored('d', 'd.tif', 'tiff d');
    await expect(
      s.catalog.bulkCreateItems(SYSTEM_CONTEXT, [{ ...baseItem({ id: 'd' }), assets: [twice, twice] }]),
    ).rejects.toThrow();
    expect((await assetRows()).rows).toEqual([]);
    expect((await db.query('SELECT 1 FROM catalog_item')).rows).toEqual([]);
  });
});
