import { beforeAll, describe, expect, test } from 'vitest';
import { resetDb, testApp, testDb } from '../../../../test/harness.js';
import { SYSTEM_CONTEXT } from '../../../platform/auth/actor.js';
import { COUNT_CAP } from '../catalog.repository.js';
import { baseItem, givenDistrict, square } from './catalog.fixtures.js';

let app: Awaited<ReturnType<typeof testApp>>['app'];

describe('search beyond the count cap', () => {
  beforeAll(async () => {
    const db = await testDb();
    ({ app } = await testApp(db));
    await resetDb(db);
    await givenDistrict(db);
    await app.services.catalog.createCollection(SYSTEM_CONTEXT, {
      id: 'dom-2024',
      title: 'DOM',
      description: 'x',
      productType: 'dom',
      sharingType: 'unconditional',
      sharingMethod: 'online',
    });
    await app.services.catalog.publishCollection(SYSTEM_CONTEXT, 'dom-2024', true);
    const n = COUNT_CAP + 25;
    const t0 = Date.UTC(2020, 0, 1);
    await app.services.catalog.bulkCreateItems(
      SYSTEM_CONTEXT,
      Array.from({ length: n }, (_, i) =>
        baseItem({
          id: `s${i}`,
          datetime: new Date(t0 + i * 3_600_000).toISOString(),
          geometry: square(114.25, 27.5, 0.001),
          cloudCover: i % 100,
        }),
      ),
    );
  });

  test('numberMatched is capped and the page is still the true first page in sort order', async () => {
    const res = (await app.inject({ method: 'GET', url: '/api/stac/search?limit=3&sortby=-datetime' })).json();
    expect(res.numberMatched).toBe(COUNT_CAP);
    expect(res.features.map((f: { id: string }) => f.id)).toEqual([
      `s${COUNT_CAP + 24}`,
      `s${COUNT_CAP + 23}`,
      `s${COUNT_CAP + 22}`,
    ]);
  });

  test('a selective search below the cap is exact', async () => {
    const res = (
      await app.inject({
        method: 'GET',
        url: `/api/stac/search?limit=2&sortby=datetime&filter=${encodeURIComponent('eo:cloud_cover = 7')}`,
      })
    ).json();
    expect(res.numberMatched).toBe(Math.floor((COUNT_CAP + 25 - 1 - 7) / 100) + 1);
    expect(res.features.map((f: { id: string }) => f.id)).toEqual(['s7', 's107']);
  });

  test('a page past the end is empty with the right count', async () => {
    const next = (
      await app.inject({
        method: 'GET',
        url: `/api/stac/search?limit=50&filter=${encodeURIComponent('eo:cloud_cover = 7')}&token=${Buffer.from('o5000').toString('base64url')}`,
      })
    ).json();
    expect(next.features).toEqual([]);
    expect(next.numberMatched).toBe(101);
  });
});
