import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { givenUser, loginAs, resetDb, type TestClock, testApp, testDb } from '../../../../test/harness.js';
import type { Db } from '../../../platform/db/db.port.js';

let db: Db;
let app: Awaited<ReturnType<typeof testApp>>['app'];
let clock: TestClock;

beforeAll(async () => {
  db = await testDb();
  ({ app, clock } = await testApp(db));
});
afterAll(() => app.close());
beforeEach(async () => {
  await resetDb(db);
  await givenUser(app.services, { username: 'admin', roles: ['admin'] });
  await givenUser(app.services, { username: 'clerk', roles: ['departmentClerk'] });
});

describe('ZS-25 identity authentication', () => {
  test('ZS-25 login sets an HttpOnly SameSite=Strict cookie and /me answers', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'ADMIN', password: 'Test@2026' },
    });
    expect(res.statusCode).toBe(200);
    const c = res.cookies.find((x) => x.name === 'geoshare_session')!;
    expect(c).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    const me = await app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: `geoshare_session=${c.value}` },
    });
    expect(me.json()).toMatchObject({ user: { username: 'admin', roles: ['admin'] } });
  });

  test('ZS-25 wrong password → 401 with a stable code and a Chinese message; audited', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: 'nope' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ statusCode: 401, code: 'AUTH_INVALID_CREDENTIALS', message: '用户名或密码错误' });
    const { rows } = await db.query("SELECT action FROM audit_event WHERE action LIKE 'auth.%' ORDER BY id");
    expect(rows.at(-1)).toEqual({ action: 'auth.login_failed' });
  });

  test('ZS-25 five failures lock the account; the right password is refused until it expires or an admin unlocks', async () => {
    for (let i = 0; i < 4; i++) {
      expect(
        (await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'clerk', password: 'bad' } }))
          .statusCode,
      ).toBe(401);
    }
    const fifth = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'clerk', password: 'bad' },
    });
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().code).toBe('AUTH_ACCOUNT_LOCKED');
    const good = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'clerk', password: 'Test@2026' },
    });
    expect(good.statusCode).toBe(423);

    const admin = await loginAs(app, 'admin');
    const list = (await admin.request('GET', '/api/users')).json().items as {
      id: string;
      username: string;
      status: string;
    }[];
    const clerk = list.find((u) => u.username === 'clerk')!;
    expect(clerk.status).toBe('locked');
    expect((await admin.request('POST', `/api/users/${clerk.id}/unlock`)).json().status).toBe('active');
    await loginAs(app, 'clerk');
  });

  test('ZS-25 the lock expires by itself after 15 minutes', async () => {
    for (let i = 0; i < 5; i++)
      await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'clerk', password: 'bad' } });
    clock.advanceMinutes(16);
    await loginAs(app, 'clerk');
  });

  test('ZS-25 writes without the CSRF token are refused', async () => {
    const admin = await loginAs(app, 'admin');
    const res = await app.inject({
      method: 'POST',
      url: '/api/orgs',
      headers: { cookie: admin.headers.cookie },
      payload: { name: '某单位', kind: 'external' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('AUTH_CSRF_INVALID');
    expect((await db.query("SELECT 1 FROM org WHERE name = '某单位'")).rows).toHaveLength(0);
  });

  test('ZS-25 sessions expire after the idle time', async () => {
    const admin = await loginAs(app, 'admin');
    clock.advanceMinutes(121);
    const res = await admin.request('GET', '/api/auth/me');
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('AUTH_REQUIRED');
  });

  test('ZS-25 logout ends the session', async () => {
    const admin = await loginAs(app, 'admin');
    expect((await admin.request('POST', '/api/auth/logout')).statusCode).toBe(204);
    expect((await admin.request('GET', '/api/auth/me')).statusCode).toBe(401);
  });

  test('ZS-25 a non-admin cannot manage users', async () => {
    const clerk = await loginAs(app, 'clerk');
    const res = await clerk.request('GET', '/api/users');
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('AUTH_FORBIDDEN');
  });

  test('ZS-25 changing one’s password needs the current one and a strong new one', async () => {
    const clerk = await loginAs(app, 'clerk');
    expect(
      (await clerk.request('POST', '/api/auth/password', { currentPassword: 'x', newPassword: 'New@20260' })).json()
        .code,
    ).toBe('AUTH_PASSWORD_WRONG');
    expect(
      (await clerk.request('POST', '/api/auth/password', { currentPassword: 'Test@2026', newPassword: 'short' })).json()
        .code,
    ).toBe('AUTH_PASSWORD_WEAK');
    expect(
      (await clerk.request('POST', '/api/auth/password', { currentPassword: 'Test@2026', newPassword: 'New@20260' }))
        .statusCode,
    ).toBe(204);
    await loginAs(app, 'clerk', 'New@20260');
  });
});

describe('YQ-23 account changes take effect at once', () => {
  test('YQ-23 a role granted or removed applies to the next request of a live session', async () => {
    const admin = await loginAs(app, 'admin');
    const clerk = await loginAs(app, 'clerk');
    const clerkId = (await clerk.request('GET', '/api/auth/me')).json().user.id;
    expect((await clerk.request('GET', '/api/users')).statusCode).toBe(403);
    expect(
      (await admin.request('PATCH', `/api/users/${clerkId}`, { roles: ['departmentClerk', 'admin'] })).statusCode,
    ).toBe(200);
    expect((await clerk.request('GET', '/api/users')).statusCode).toBe(200);
  });

  test('YQ-23 a disabled account is signed out at once and cannot log in', async () => {
    const admin = await loginAs(app, 'admin');
    const clerk = await loginAs(app, 'clerk');
    const clerkId = (await clerk.request('GET', '/api/auth/me')).json().user.id;
    expect((await admin.request('PATCH', `/api/users/${clerkId}`, { disabled: true })).json().status).toBe('disabled');
    expect((await clerk.request('GET', '/api/auth/me')).statusCode).toBe(401);
    const again = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'clerk', password: 'Test@2026' },
    });
    expect(again.json().code).toBe('AUTH_ACCOUNT_DISABLED');
  });

  test('an admin cannot disable themself', async () => {
    const admin = await loginAs(app, 'admin');
    const id = (await admin.request('GET', '/api/auth/me')).json().user.id;
    expect((await admin.request('PATCH', `/api/users/${id}`, { disabled: true })).json().code).toBe(
      'USER_SELF_LOCKOUT',
    );
  });
});

describe('ZS-19 organisations and persons', () => {
  test('ZS-19 a valid credit code is stored as valid; an invalid one is refused with the expected check character', async () => {
    const admin = await loginAs(app, 'admin');
    const ok = await admin.request('POST', '/api/orgs', {
      name: '北京某公司',
      kind: 'external',
      creditCode: '91110000600037341L',
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ creditCode: '91110000600037341L', creditCodeStatus: 'valid' });

    const bad = await admin.request('POST', '/api/orgs', {
      name: '另一公司',
      kind: 'external',
      creditCode: '91110000600037341N',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'ORG_CREDIT_CODE_INVALID', details: { expectedCheckCharacter: 'L' } });
    expect(bad.json().message).toContain('校验位');
    expect((await db.query("SELECT 1 FROM org WHERE name = '另一公司'")).rows).toHaveLength(0);
  });

  test('ZS-19 a legacy code failing the check is kept when the admin confirms it', async () => {
    const admin = await loginAs(app, 'admin');
    const res = await admin.request('POST', '/api/orgs', {
      name: '福州某老单位',
      kind: 'external',
      creditCode: '91350100M0001TGQXM',
      acceptInvalidCreditCode: true,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ creditCode: '91350100M0001TGQXM', creditCodeStatus: 'override' });
    const { rows } = await db.query<{ summary: unknown }>(
      "SELECT summary FROM audit_event WHERE action = 'org.create' ORDER BY id DESC LIMIT 1",
    );
    expect(rows[0]!.summary).toMatchObject({ after: { creditCodeStatus: 'override' } });
  });

  test('ZS-19 malformed codes and duplicates are refused', async () => {
    const admin = await loginAs(app, 'admin');
    expect(
      (await admin.request('POST', '/api/orgs', { name: '甲', kind: 'external', creditCode: 'ABC' })).json().code,
    ).toBe('VALIDATION_FAILED'); // name too short
    expect(
      (await admin.request('POST', '/api/orgs', { name: '甲单位', kind: 'external', creditCode: '12345' })).json().code,
    ).toBe('ORG_CREDIT_CODE_FORMAT');
    await admin.request('POST', '/api/orgs', { name: '甲单位', kind: 'external', creditCode: '91110000600037341L' });
    expect(
      (
        await admin.request('POST', '/api/orgs', { name: '乙单位', kind: 'external', creditCode: '91110000600037341L' })
      ).json().code,
    ).toBe('ORG_CREDIT_CODE_TAKEN');
    expect((await admin.request('POST', '/api/orgs', { name: '甲单位', kind: 'external' })).json().code).toBe(
      'ORG_NAME_TAKEN',
    );
  });

  test('ZS-19 an org cannot become its own ancestor', async () => {
    const admin = await loginAs(app, 'admin');
    const a = (await admin.request('POST', '/api/orgs', { name: '上级单位', kind: 'department' })).json();
    const b = (await admin.request('POST', '/api/orgs', { name: '下级单位', kind: 'section', parentId: a.id })).json();
    expect((await admin.request('PATCH', `/api/orgs/${a.id}`, { parentId: b.id })).json().code).toBe(
      'ORG_PARENT_INVALID',
    );
  });

  test('ZS-19 a user’s ID number is validated, stored SM4-encrypted and shown masked', async () => {
    const admin = await loginAs(app, 'admin');
    const orgId = (await admin.request('GET', '/api/auth/me')).json().user.orgId;
    const base = { displayName: '张三', password: 'Zhang@2026', orgId, roles: ['fieldStaff'], clearance: 'public' };
    const bad = await admin.request('POST', '/api/users', {
      ...base,
      username: 'zhangsan',
      idNumber: '36042619910102009X',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('PERSON_ID_NUMBER_INVALID');
    expect((await db.query("SELECT 1 FROM app_user WHERE username = 'zhangsan'")).rows).toHaveLength(0);

    const ok = await admin.request('POST', '/api/users', {
      ...base,
      username: 'zhangsan',
      idNumber: '11010519491231002X',
      phone: '13800000000',
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ idNumberMasked: '110105********002X', phone: '13800000000', status: 'active' });
    const { rows } = await db.query<{ id_number_enc: string }>('SELECT id_number_enc FROM person');
    expect(rows[0]!.id_number_enc).toMatch(/^v1:/);
    expect(JSON.stringify(await db.query('SELECT * FROM person'))).not.toContain('11010519491231002X');
    expect(JSON.stringify(await db.query('SELECT summary FROM audit_event'))).not.toContain('11010519491231002X');
    await loginAs(app, 'zhangsan', 'Zhang@2026');
  });

  test('users: duplicate username, weak password, unknown org', async () => {
    const admin = await loginAs(app, 'admin');
    const orgId = (await admin.request('GET', '/api/auth/me')).json().user.orgId;
    const base = { displayName: '某人', orgId, roles: ['leader'], clearance: 'secret' };
    expect(
      (await admin.request('POST', '/api/users', { ...base, username: 'Clerk', password: 'Good@2026' })).json().code,
    ).toBe('USER_USERNAME_TAKEN');
    expect(
      (await admin.request('POST', '/api/users', { ...base, username: 'someone', password: 'password' })).json().code,
    ).toBe('AUTH_PASSWORD_WEAK');
    const r = await admin.request('POST', '/api/users', {
      ...base,
      username: 'someone',
      password: 'Good@2026',
      orgId: '00000000-0000-4000-8000-000000000000',
    });
    expect(r.statusCode).toBe(404);
    expect(r.json().code).toBe('ORG_NOT_FOUND');
  });
});

describe('errors', () => {
  test('schema violations are 400 VALIDATION_FAILED in Chinese', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('请求参数不合法') });
  });

  test('unknown API paths are JSON 404s', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('NOT_FOUND');
  });

  test('a 5xx never leaks internals', async () => {
    const admin = await loginAs(app, 'admin');
    const spy = vi
      .spyOn(app.services.orgs, 'list')
      .mockRejectedValue(new Error('relation "secret_table" does not exist'));
    const res = await admin.request('GET', '/api/orgs');
    spy.mockRestore();
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('secret_table');
    expect(res.json()).toEqual({
      statusCode: 500,
      code: 'INTERNAL',
      message: expect.stringContaining('服务器内部错误'),
    });
  });

  test('OpenAPI is served at /api/docs/json', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.json()).toMatchObject({
      openapi: expect.stringMatching(/^3\./),
      paths: expect.objectContaining({ '/api/auth/login': expect.anything() }),
    });
  });
});
