import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { givenUser, loginAs, resetDb, type TestClock, testApp, testDb } from '../../../../test/harness.js';
import type { Db } from '../../../platform/db/db.port.js';
import { givenCatalog } from '../../catalog/__tests__/catalog.fixtures.js';
import { givenAgreementsSigned } from './tile-items.fixtures.js';

let db: Db;
let app: Awaited<ReturnType<typeof testApp>>['app'];
let clock: TestClock;
type User = Awaited<ReturnType<typeof loginAs>>;

const GiB = 1024 ** 3;
const BASE = '/api/sharing/download-quotas';
/** The seeded default (migration 0010): 50 links and 20 GiB per user and day. */
const SEEDED = { limitCount: 50, limitBytes: 20 * GiB };

let housingId: string;
let agricultureId: string;

beforeAll(async () => {
  db = await testDb();
  ({ app, clock } = await testApp(db));
});
afterAll(() => app.close());
beforeEach(async () => {
  clock.t = new Date('2026-11-23T02:00:00Z');
  await app.services.usage.flush(); // counts of the previous test go before the tables are emptied
  await resetDb(db);
  await givenCatalog(app.services);
  ({
    org: { id: housingId },
  } = await givenUser(app.services, { username: 'clerk', roles: ['departmentClerk'], orgName: '市住建局' }));
  ({
    org: { id: agricultureId },
  } = await givenUser(app.services, { username: 'farmer', roles: ['departmentClerk'], orgName: '市农业农村局' }));
  await givenUser(app.services, { username: 'admin', roles: ['admin'] });
  await givenAgreementsSigned(app.services);
});

const limitOf = async (user: User) => {
  const q = (await user.request('GET', '/api/me/downloads/quota')).json();
  return { limitCount: q.limitCount, limitBytes: q.limitBytes };
};
/** Whether the user's quota is their unit's own (the download dialog says so). */
const unitQuota = async (user: User) => (await user.request('GET', '/api/me/downloads/quota')).json().unitQuota;
const download = (user: User) =>
  user.request('POST', '/api/downloads', { collectionId: 'dom-2024', itemId: 'pub', kind: 'asset' });

describe('daily download quotas set by administrators (issue 4)', () => {
  test('the seeded default (50 links, 20 GiB a day) applies to every user while no unit has an override', async () => {
    const admin = await loginAs(app, 'admin');
    const list = await admin.request('GET', BASE);
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual({
      default: { orgId: null, orgName: null, ...SEEDED, updatedAt: expect.any(String), updatedBy: null },
      overrides: [],
    });
    expect(await limitOf(await loginAs(app, 'clerk'))).toEqual(SEEDED);
    expect(await limitOf(await loginAs(app, 'farmer'))).toEqual(SEEDED);
  });

  test("a unit's override applies to its users and not to others; a new default reaches only the others", async () => {
    const admin = await loginAs(app, 'admin');
    const set = await admin.request('PUT', `${BASE}/orgs/${housingId}`, { limitCount: 3, limitBytes: GiB });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toEqual({
      orgId: housingId,
      orgName: '市住建局',
      limitCount: 3,
      limitBytes: GiB,
      updatedAt: '2026-11-23T02:00:00.000Z',
      updatedBy: 'admin 测试',
    });
    const clerk = await loginAs(app, 'clerk');
    const farmer = await loginAs(app, 'farmer');
    expect(await limitOf(clerk)).toEqual({ limitCount: 3, limitBytes: GiB });
    expect(await limitOf(farmer)).toEqual(SEEDED);
    expect([await unitQuota(clerk), await unitQuota(farmer)]).toEqual([true, false]);

    const def = await admin.request('PUT', `${BASE}/default`, { limitCount: 10, limitBytes: 5 * GiB });
    expect(def.json()).toMatchObject({ orgId: null, limitCount: 10, limitBytes: 5 * GiB, updatedBy: 'admin 测试' });
    expect(await limitOf(clerk)).toEqual({ limitCount: 3, limitBytes: GiB });
    expect(await limitOf(farmer)).toEqual({ limitCount: 10, limitBytes: 5 * GiB });

    // Replacing an override keeps one row per unit.
    await admin.request('PUT', `${BASE}/orgs/${housingId}`, { limitCount: 4, limitBytes: GiB });
    const list = (await admin.request('GET', BASE)).json();
    expect(list.overrides).toEqual([expect.objectContaining({ orgName: '市住建局', limitCount: 4 })]);
  });

  test('lowering a limit below what a user used today refuses their next link (429 with the new limit)', async () => {
    const admin = await loginAs(app, 'admin');
    const clerk = await loginAs(app, 'clerk');
    for (let i = 0; i < 2; i++) expect((await download(clerk)).statusCode).toBe(201);
    await admin.request('PUT', `${BASE}/orgs/${housingId}`, { limitCount: 2, limitBytes: GiB });
    const over = await download(clerk);
    expect([over.statusCode, over.json().code]).toEqual([429, 'DOWNLOAD_QUOTA_EXCEEDED']);
    expect(over.json().details).toMatchObject({ reason: 'count', usedCount: 2, limitCount: 2, limitBytes: GiB });

    // Bytes too: 2 MiB used today by the other unit's user, then a 1 MiB default.
    const farmer = await loginAs(app, 'farmer');
    await db.query(
      `INSERT INTO download_link (id, user_id, org_id, collection_id, item_id, kind, storage_key, generated, filename,
         media_type, size, quota_day, created_at, expires_at)
       SELECT gen_random_uuid(), u.id, u.org_id, 'dom-2024', 'pub', 'asset', 'k', false, 'f', 'x', $2, '2026-11-23',
         now(), now()
       FROM app_user u WHERE u.username = $1`,
      ['farmer', 2 * 1024 ** 2],
    );
    expect((await download(farmer)).statusCode).toBe(201);
    await admin.request('PUT', `${BASE}/default`, { limitCount: 50, limitBytes: 1024 ** 2 });
    const bytes = await download(farmer);
    expect([bytes.statusCode, bytes.json().details]).toMatchObject([429, { reason: 'bytes', limitBytes: 1024 ** 2 }]);
    // The clerk's unit keeps its own override: its limit is still the count.
    expect((await download(clerk)).json().details).toMatchObject({ reason: 'count', limitCount: 2 });
  });

  test('deleting an override brings the default back for its users', async () => {
    const admin = await loginAs(app, 'admin');
    await admin.request('PUT', `${BASE}/orgs/${housingId}`, { limitCount: 3, limitBytes: GiB });
    const del = await admin.request('DELETE', `${BASE}/orgs/${housingId}`);
    expect(del.statusCode).toBe(204);
    expect(await limitOf(await loginAs(app, 'clerk'))).toEqual(SEEDED);
    expect((await admin.request('GET', BASE)).json().overrides).toEqual([]);
    const again = await admin.request('DELETE', `${BASE}/orgs/${housingId}`);
    expect([again.statusCode, again.json().code]).toEqual([404, 'DOWNLOAD_QUOTA_OVERRIDE_NOT_FOUND']);
  });

  test('ZS-25 only administrators manage quotas: others 403, anonymous 401', async () => {
    const clerk = await loginAs(app, 'clerk');
    for (const [method, url, body] of [
      ['GET', BASE, undefined],
      ['PUT', `${BASE}/default`, { limitCount: 1000, limitBytes: GiB }],
      ['PUT', `${BASE}/orgs/${housingId}`, { limitCount: 1000, limitBytes: GiB }],
      ['DELETE', `${BASE}/orgs/${housingId}`, undefined],
    ] as const) {
      const res = await clerk.request(method, url, body);
      expect([method, url, res.statusCode, res.json().code]).toEqual([method, url, 403, 'AUTH_FORBIDDEN']);
    }
    expect((await app.inject({ method: 'GET', url: BASE })).statusCode).toBe(401);
    expect(await limitOf(clerk)).toEqual(SEEDED);
  });

  test('invalid limits → 400 naming the field in Chinese; an unknown unit → 404; nothing changes', async () => {
    const admin = await loginAs(app, 'admin');
    const put = (url: string, body: unknown) => admin.request('PUT', url, body);
    const answer = async (url: string, body: unknown) => {
      const r = await put(url, body);
      return [r.statusCode, r.json().code, r.json().message];
    };
    expect(await answer(`${BASE}/default`, { limitCount: 0, limitBytes: GiB })).toEqual([
      400,
      'DOWNLOAD_QUOTA_LIMIT_INVALID',
      '每日下载次数应为 1–100000 次',
    ]);
    expect(await answer(`${BASE}/orgs/${housingId}`, { limitCount: 100_001, limitBytes: GiB })).toEqual([
      400,
      'DOWNLOAD_QUOTA_LIMIT_INVALID',
      '每日下载次数应为 1–100000 次',
    ]);
    expect(await answer(`${BASE}/default`, { limitCount: 5, limitBytes: 1024 ** 2 - 1 })).toEqual([
      400,
      'DOWNLOAD_QUOTA_LIMIT_INVALID',
      '每日下载容量应为 1 MB–100 TB',
    ]);
    expect(await answer(`${BASE}/default`, { limitCount: 5, limitBytes: 100 * 1024 ** 4 + 1 })).toEqual([
      400,
      'DOWNLOAD_QUOTA_LIMIT_INVALID',
      '每日下载容量应为 1 MB–100 TB',
    ]);
    expect((await put(`${BASE}/default`, { limitCount: 2.5, limitBytes: GiB })).json().code).toBe('VALIDATION_FAILED');
    expect((await put(`${BASE}/default`, { limitCount: 5 })).json().code).toBe('VALIDATION_FAILED');
    expect((await put(`${BASE}/orgs/not-a-uuid`, { limitCount: 5, limitBytes: GiB })).statusCode).toBe(400);
    const unknown = await put(`${BASE}/orgs/00000000-0000-4000-8000-000000000000`, { limitCount: 5, limitBytes: GiB });
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'ORG_NOT_FOUND']);

    const list = (await admin.request('GET', BASE)).json();
    expect([list.default.limitCount, list.default.limitBytes, list.overrides]).toEqual([50, 20 * GiB, []]);
    expect((await db.query("SELECT 1 FROM audit_event WHERE object_type = 'download_quota'")).rows).toEqual([]);
  });

  test('ZS-25 every change writes one audit row with the limits before and after', async () => {
    const admin = await loginAs(app, 'admin');
    await admin.request('PUT', `${BASE}/default`, { limitCount: 10, limitBytes: 5 * GiB });
    await admin.request('PUT', `${BASE}/orgs/${housingId}`, { limitCount: 3, limitBytes: GiB });
    await admin.request('PUT', `${BASE}/orgs/${housingId}`, { limitCount: 4, limitBytes: GiB });
    await admin.request('DELETE', `${BASE}/orgs/${housingId}`);
    const { rows } = await db.query<{ action: string; object_id: string; actor_name: string; summary: unknown }>(
      "SELECT action, object_id, actor_name, summary FROM audit_event WHERE object_type = 'download_quota' ORDER BY id",
    );
    const actor_name = 'admin 测试（admin）';
    expect(rows).toEqual([
      {
        action: 'download_quota.set_default',
        object_id: 'default',
        actor_name,
        summary: { before: SEEDED, after: { limitCount: 10, limitBytes: 5 * GiB } },
      },
      {
        action: 'download_quota.set_org',
        object_id: housingId,
        actor_name,
        summary: { orgName: '市住建局', before: null, after: { limitCount: 3, limitBytes: GiB } },
      },
      {
        action: 'download_quota.set_org',
        object_id: housingId,
        actor_name,
        summary: {
          orgName: '市住建局',
          before: { limitCount: 3, limitBytes: GiB },
          after: { limitCount: 4, limitBytes: GiB },
        },
      },
      {
        action: 'download_quota.delete_org',
        object_id: housingId,
        actor_name,
        summary: { orgName: '市住建局', before: { limitCount: 4, limitBytes: GiB } },
      },
    ]);
  });

  test('the default is reference data: a test reset seeds it again with the migration values', async () => {
    const admin = await loginAs(app, 'admin');
    await admin.request('PUT', `${BASE}/default`, { limitCount: 7, limitBytes: GiB });
    await admin.request('PUT', `${BASE}/orgs/${agricultureId}`, { limitCount: 3, limitBytes: GiB });
    await resetDb(db);
    const { rows } = await db.query('SELECT org_id, count_limit, byte_limit, updated_by FROM download_quota');
    expect(rows).toEqual([{ org_id: null, count_limit: 50, byte_limit: 20 * GiB, updated_by: null }]);
  });
});
