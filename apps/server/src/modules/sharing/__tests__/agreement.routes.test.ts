import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { givenUser, loginAs, resetDb, testApp, testDb } from '../../../../test/harness.js';
import type { Db } from '../../../platform/db/db.port.js';
import { givenCatalog } from '../../catalog/__tests__/catalog.fixtures.js';

let db: Db;
let app: Awaited<ReturnType<typeof testApp>>['app'];

beforeAll(async () => {
  db = await testDb();
  ({ app } = await testApp(db));
});
afterAll(async () => {
  await db.query("DELETE FROM sharing_agreement_version WHERE version <> '2026-1'");
  await app.close();
});
beforeEach(async () => {
  await resetDb(db);
  // The seeded text survives resets (reference data); versions published by a test do not.
  await db.query("DELETE FROM sharing_agreement_version WHERE version <> '2026-1'");
  await givenCatalog(app.services);
  await givenUser(app.services, { username: 'clerk', roles: ['departmentClerk'], orgName: '市住建局' });
  await givenUser(app.services, { username: 'admin', roles: ['admin'] });
});

describe('MNR-16 online results-application agreement', () => {
  test('MNR-16 the current text is the seeded 2026-1 version, readable without signing in', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/sharing/agreement' });
    expect(res.statusCode).toBe(200);
    const text = res.json();
    expect(text).toMatchObject({ version: '2026-1', title: expect.stringContaining('成果') });
    expect(text.paragraphs.length).toBeGreaterThanOrEqual(8);
    const all = text.paragraphs.join('');
    for (const duty of ['用途', '转让', '转借', '商业', '注明成果来源', '记录', '水印']) expect(all).toContain(duty);
  });

  test('MNR-16 signing records user, unit, collection, version, time and IP; signing again changes nothing', async () => {
    const clerk = await loginAs(app, 'clerk');
    const before = await clerk.request('GET', '/api/sharing/agreements/mine?collectionId=dom-2024');
    expect(before.json()).toEqual({ collectionId: 'dom-2024', version: '2026-1', signed: false, signedAt: null });
    const signed = await clerk.request('POST', '/api/sharing/agreements', {
      collectionId: 'dom-2024',
      version: '2026-1',
    });
    expect(signed.statusCode).toBe(200);
    expect(signed.json()).toEqual({
      collectionId: 'dom-2024',
      version: '2026-1',
      signed: true,
      signedAt: '2026-11-23T02:00:00.000Z',
    });
    const again = await clerk.request('POST', '/api/sharing/agreements', {
      collectionId: 'dom-2024',
      version: '2026-1',
    });
    expect(again.json()).toEqual(signed.json());
    const { rows } = await db.query<Record<string, unknown>>(
      `SELECT s.collection_id, s.version, s.ip, o.name AS org, u.username
       FROM sharing_agreement_signature s JOIN org o ON o.id = s.org_id JOIN app_user u ON u.id = s.user_id`,
    );
    expect(rows).toEqual([
      { collection_id: 'dom-2024', version: '2026-1', ip: '127.0.0.1', org: '市住建局', username: 'clerk' },
    ]);
    const audit = await db.query("SELECT object_id FROM audit_event WHERE action = 'agreement.sign'");
    expect(audit.rows).toEqual([{ object_id: 'dom-2024' }]);
    const mine = await clerk.request('GET', '/api/sharing/agreements/mine?collectionId=dom-2024');
    expect(mine.json().signed).toBe(true);
  });

  test('MNR-16 a new version published by an admin must be signed again; the old version is refused (409)', async () => {
    const clerk = await loginAs(app, 'clerk');
    await clerk.request('POST', '/api/sharing/agreements', { collectionId: 'dom-2024', version: '2026-1' });
    const admin = await loginAs(app, 'admin');
    const body = { version: '2027-1', title: '成果在线应用协议（2027 年版）', paragraphs: ['一、……', '二、……'] };
    expect((await clerk.request('POST', '/api/sharing/agreement/versions', body)).statusCode).toBe(403);
    const published = await admin.request('POST', '/api/sharing/agreement/versions', body);
    expect(published.statusCode).toBe(201);
    expect((await admin.request('POST', '/api/sharing/agreement/versions', body)).json().code).toBe(
      'SHARING_AGREEMENT_VERSION_EXISTS',
    );
    expect((await app.inject({ method: 'GET', url: '/api/sharing/agreement' })).json().version).toBe('2027-1');
    const mine = await clerk.request('GET', '/api/sharing/agreements/mine?collectionId=dom-2024');
    expect(mine.json()).toMatchObject({ version: '2027-1', signed: false });
    const old = await clerk.request('POST', '/api/sharing/agreements', { collectionId: 'dom-2024', version: '2026-1' });
    expect([old.statusCode, old.json().code, old.json().details]).toEqual([
      409,
      'SHARING_AGREEMENT_OUTDATED',
      { signed: '2026-1', current: '2027-1' },
    ]);
    expect(
      (await clerk.request('POST', '/api/sharing/agreements', { collectionId: 'dom-2024', version: '2027-1' })).json()
        .signed,
    ).toBe(true);
  });

  test('MNR-16 assertSigned: 428 with the collection and version for a signed-in user, nothing for anonymous use', async () => {
    const clerk = await loginAs(app, 'clerk');
    const me = (await clerk.request('GET', '/api/auth/me')).json().user;
    const ctx = {
      actor: { ...me, userId: me.id },
      ip: null,
    };
    await expect(app.services.agreements.assertSigned({ actor: null, ip: null }, 'dom-2024')).resolves.toBeUndefined();
    await expect(app.services.agreements.assertSigned(ctx, 'dom-2024')).rejects.toMatchObject({
      code: 'SHARING_AGREEMENT_REQUIRED',
      status: 428,
      details: { collectionId: 'dom-2024', version: '2026-1' },
    });
    await clerk.request('POST', '/api/sharing/agreements', { collectionId: 'dom-2024', version: '2026-1' });
    await expect(app.services.agreements.assertSigned(ctx, 'dom-2024')).resolves.toBeUndefined();
  });

  test('MNR-16 a data file needs the agreement too (428 until signed); thumbnails and anonymous public use do not', async () => {
    const clerk = await loginAs(app, 'clerk');
    const refused = await clerk.request('GET', '/api/assets/dom-2024/pub/data');
    expect(refused.statusCode).toBe(428);
    expect(refused.json()).toMatchObject({
      code: 'SHARING_AGREEMENT_REQUIRED',
      details: { collectionId: 'dom-2024', version: '2026-1' },
    });
    expect((await clerk.request('GET', '/api/assets/dom-2024/pub/thumbnail')).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/assets/dom-2024/pub/data' })).statusCode).toBe(200);
    await clerk.request('POST', '/api/sharing/agreements', { collectionId: 'dom-2024', version: '2026-1' });
    expect((await clerk.request('GET', '/api/assets/dom-2024/pub/data')).statusCode).toBe(200);
  });

  test('unknown collection → 404; status and signing need a session', async () => {
    const clerk = await loginAs(app, 'clerk');
    expect(
      (await clerk.request('POST', '/api/sharing/agreements', { collectionId: 'nope', version: '2026-1' })).json().code,
    ).toBe('CATALOG_COLLECTION_NOT_FOUND');
    const anon = await app.inject({ method: 'GET', url: '/api/sharing/agreements/mine?collectionId=dom-2024' });
    expect(anon.statusCode).toBe(401);
  });
});
