import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { givenUser, loginAs, resetDb, type TestClock, testApp, testDb } from '../../../../test/harness.js';
import { SYSTEM_CONTEXT } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/db.port.js';
import { tileAt } from '../../../platform/raster/__tests__/tile.fixtures.js';
import { givenCatalog } from '../../catalog/__tests__/catalog.fixtures.js';
import { givenAgreementsSigned, givenTileItems, writeTileCog } from './tile-items.fixtures.js';

let db: Db;
let app: Awaited<ReturnType<typeof testApp>>['app'];
let clock: TestClock;
let clerkId: string;

beforeAll(async () => {
  db = await testDb();
  ({ app, clock } = await testApp(db));
  await writeTileCog(app.services);
});
afterAll(() => app.close());
beforeEach(async () => {
  clock.t = new Date('2026-11-23T02:00:00Z'); // tests move the clock: each starts on Monday 10:00 China time
  await app.services.usage.flush(); // counts of the previous test go before the tables are emptied
  await resetDb(db);
  await givenCatalog(app.services);
  await givenTileItems(app.services, [['cog', {}]]);
  clerkId = (await givenUser(app.services, { username: 'clerk', roles: ['departmentClerk'], orgName: '市住建局' })).user
    .id;
  await givenUser(app.services, { username: 'other', roles: ['departmentClerk'], orgName: '市水利局' });
  await givenAgreementsSigned(app.services); // MNR-16 is tested on its own
});

const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });
const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });
const t = tileAt(114.25, 27.5, 14);
const TILE = `/api/tiles/dom-2024/cog/${t.z}/${t.x}/${t.y}.png`;

async function newToken(username: string, body: Record<string, unknown>) {
  const user = await loginAs(app, username);
  const res = await user.request('POST', '/api/me/tokens', body);
  expect(res.statusCode).toBe(201);
  return { user, ...(res.json() as { token: { id: string; prefix: string }; secret: string }) };
}

describe('personal API tokens (我的令牌)', () => {
  test('the secret is shown once; the list shows name, scopes and prefix only; creation is audited', async () => {
    const { user, token, secret } = await newToken('clerk', { name: '规划系统', scopes: ['stac', 'tiles'] });
    expect(secret).toMatch(/^gs_[0-9A-Za-z]{43}$/);
    expect(token).toMatchObject({ name: '规划系统', scopes: ['stac', 'tiles'], prefix: secret.slice(0, 9) });
    expect(token).toMatchObject({ expiresAt: null, lastUsedAt: null, revokedAt: null });
    const list = (await user.request('GET', '/api/me/tokens')).json();
    expect(list.items).toHaveLength(1);
    expect(JSON.stringify(list)).not.toContain(secret);
    const { rows } = await db.query<{ token_hash: string }>('SELECT token_hash FROM api_token');
    expect(rows[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(secret.slice(3));
    const audit = await db.query<{ action: string; object_id: string }>(
      "SELECT action, object_id FROM audit_event WHERE action LIKE 'token.%'",
    );
    expect(audit.rows).toEqual([{ action: 'token.create', object_id: token.id }]);
  });

  test('a token acts as its user with current rights, without CSRF, and only within its scopes', async () => {
    const { secret } = await newToken('clerk', { name: 'STAC', scopes: ['stac'] });
    // As the clerk: published conditional entries are visible to signed-in users, not to anonymous callers.
    const ids = (r: { json(): { features: { id: string }[] } }) =>
      r
        .json()
        .features.map((f) => f.id)
        .sort();
    expect(ids(await get('/api/stac/search?collections=dom-2024', bearer(secret)))).toContain('cond');
    expect(ids(await get('/api/stac/search?collections=dom-2024'))).not.toContain('cond');
    const post = await app.inject({
      method: 'POST',
      url: '/api/stac/search',
      headers: bearer(secret),
      payload: { collections: ['dom-2024'], limit: 2 },
    });
    expect(post.statusCode).toBe(200);

    for (const [method, url] of [
      ['GET', TILE],
      ['GET', '/api/me/tokens'],
      ['GET', '/api/auth/me'],
      ['GET', '/api/me/downloads/quota'],
      ['POST', '/api/me/tokens'],
      ['POST', '/api/auth/logout'],
      ['GET', '/api/nothing-here'],
    ] as const) {
      const res = await app.inject({
        method,
        url,
        headers: bearer(secret),
        payload: method === 'POST' ? {} : undefined,
      });
      expect([method, url, res.statusCode, res.json().code]).toEqual([method, url, 403, 'TOKEN_SCOPE_DENIED']);
    }
  });

  test('tiles scope: XYZ tiles and WMTS, nothing else', async () => {
    const { secret } = await newToken('clerk', { name: '一张图', scopes: ['tiles'] });
    expect((await get(TILE, bearer(secret))).statusCode).toBe(200);
    expect((await get('/api/wmts/1.0.0/WMTSCapabilities.xml', bearer(secret))).statusCode).toBe(200);
    expect((await get('/api/stac/search', bearer(secret))).json().code).toBe('TOKEN_SCOPE_DENIED');
  });

  test('a revoked token is refused (401 TOKEN_INVALID); revoking is audited and idempotent; another user’s is 404', async () => {
    const { user, token, secret } = await newToken('clerk', { name: 'x', scopes: ['tiles'] });
    expect((await get(TILE, bearer(secret))).statusCode).toBe(200);
    const other = await loginAs(app, 'other');
    const foreign = await other.request('DELETE', `/api/me/tokens/${token.id}`);
    expect([foreign.statusCode, foreign.json().code]).toEqual([404, 'TOKEN_NOT_FOUND']);
    expect((await user.request('DELETE', `/api/me/tokens/${token.id}`)).statusCode).toBe(204);
    expect((await user.request('DELETE', `/api/me/tokens/${token.id}`)).statusCode).toBe(204);
    const res = await get(TILE, bearer(secret));
    expect([res.statusCode, res.json().code]).toEqual([401, 'TOKEN_INVALID']);
    const list = (await user.request('GET', '/api/me/tokens')).json();
    expect(list.items[0].revokedAt).toBe(clock.now().toISOString());
    const audit = await db.query("SELECT 1 FROM audit_event WHERE action = 'token.revoke'");
    expect(audit.rows).toHaveLength(1);
  });

  test('an expired token is refused; an unknown or malformed one too', async () => {
    const { secret } = await newToken('clerk', { name: 'x', scopes: ['tiles'], expiresInDays: 1 });
    clock.advanceMinutes(24 * 60 - 1);
    expect((await get(TILE, bearer(secret))).statusCode).toBe(200);
    clock.advanceMinutes(1);
    expect((await get(TILE, bearer(secret))).json().code).toBe('TOKEN_INVALID');
    expect((await get(TILE, bearer(`gs_${'A'.repeat(43)}`))).statusCode).toBe(401);
    expect((await get(TILE, bearer('nonsense'))).statusCode).toBe(401);
    expect((await get(TILE, { authorization: 'Bearer' })).statusCode).toBe(401);
  });

  test('a disabled user’s token stops working at once', async () => {
    const { secret } = await newToken('clerk', { name: 'x', scopes: ['tiles'] });
    await app.services.users.update(SYSTEM_CONTEXT, clerkId, { disabled: true });
    expect((await get(TILE, bearer(secret))).json().code).toBe('TOKEN_INVALID');
  });

  test('MNR-16 / BX-21 every call by token is counted as API use; last use is written at most once a minute', async () => {
    const { user, secret } = await newToken('clerk', { name: 'x', scopes: ['tiles', 'stac'] });
    for (let i = 0; i < 3; i++) expect((await get(TILE, bearer(secret))).statusCode).toBe(200);
    expect((await get('/api/stac/search', bearer(secret))).statusCode).toBe(200);
    await app.services.usage.flush();
    const { rows } = await db.query<{ collection_id: string; item_id: string; kind: string; count: number }>(
      "SELECT collection_id, item_id, kind, count FROM usage_daily WHERE kind = 'api' ORDER BY collection_id",
    );
    expect(rows).toEqual([
      { collection_id: '', item_id: '', kind: 'api', count: 1 },
      { collection_id: 'dom-2024', item_id: 'cog', kind: 'api', count: 3 },
    ]);
    const first = clock.now().toISOString();
    const lastUsed = async () => (await user.request('GET', '/api/me/tokens')).json().items[0].lastUsedAt;
    expect(await lastUsed()).toBe(first);
    clock.advanceMinutes(0.5);
    await get(TILE, bearer(secret));
    expect(await lastUsed()).toBe(first);
    clock.advanceMinutes(1);
    await get(TILE, bearer(secret));
    expect(await lastUsed()).toBe(clock.now().toISOString());
  });

  test('creating a token needs a session with CSRF (a Bearer token cannot mint tokens)', async () => {
    const { user, secret } = await newToken('clerk', { name: 'x', scopes: ['downloads'] });
    const noCsrf = await app.inject({
      method: 'POST',
      url: '/api/me/tokens',
      headers: { cookie: user.headers.cookie },
      payload: { name: 'y', scopes: ['stac'] },
    });
    expect(noCsrf.json().code).toBe('AUTH_CSRF_INVALID');
    const byToken = await app.inject({
      method: 'POST',
      url: '/api/me/tokens',
      headers: bearer(secret),
      payload: { name: 'y', scopes: ['stac'] },
    });
    expect(byToken.json().code).toBe('TOKEN_SCOPE_DENIED');
    const bad = await user.request('POST', '/api/me/tokens', { name: '   ', scopes: ['stac'] });
    expect(bad.json().code).toBe('VALIDATION_FAILED');
  });
});
