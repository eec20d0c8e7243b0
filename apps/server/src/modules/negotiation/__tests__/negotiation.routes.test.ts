import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { givenUser, loginAs, resetDb, type TestClock, testApp, testDb } from '../../../../test/harness.js';
import { SYSTEM_CONTEXT } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/db.port.js';
import { givenCatalog } from '../../catalog/__tests__/catalog.fixtures.js';

let db: Db;
let app: Awaited<ReturnType<typeof testApp>>['app'];
let clock: TestClock;

const BASIS = '《测绘成果管理条例》第十七条：涉及国家秘密的测绘成果不予共享';

beforeAll(async () => {
  db = await testDb();
  ({ app, clock } = await testApp(db));
});
afterAll(() => app.close());
beforeEach(async () => {
  clock.t = new Date('2026-11-23T02:00:00Z');
  await resetDb(db);
  await givenCatalog(app.services);
  // ZS-12: `cond` becomes 不予共享 with its legal basis; `pub` stays 无条件共享
  await app.services.catalog.updateItem(SYSTEM_CONTEXT, 'dom-2024', 'cond', {
    sharingType: 'none',
    sharingBasis: BASIS,
  });
  await givenUser(app.services, { username: 'clerk', roles: ['departmentClerk'], orgName: '市住建局' });
  await givenUser(app.services, { username: 'mate', roles: ['sectionStaff'], orgName: '市住建局' });
  await givenUser(app.services, { username: 'clerk2', roles: ['departmentClerk'], orgName: '市水务局' });
  await givenUser(app.services, { username: 'rev', roles: ['reviewer'], orgName: '市自然资源局' });
  await givenUser(app.services, { username: 'boss', roles: ['leader'], orgName: '市自然资源局' });
});

const ask = (over: Record<string, unknown> = {}) => ({
  collectionId: 'dom-2024',
  itemId: 'cond',
  reason: '编制中心城区排水防涝规划，需要该区域的高分辨率正射影像',
  ...over,
});

async function opened(username = 'clerk', over: Record<string, unknown> = {}) {
  const u = await loginAs(app, username);
  const res = await u.request('POST', '/api/negotiations', ask(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; catalogueNo: string };
}

const count = async () =>
  (
    await db.query<{ n: number; a: number }>(
      `SELECT (SELECT count(*)::int FROM sharing_negotiation) AS n,
              (SELECT count(*)::int FROM audit_event WHERE object_type = 'sharing_negotiation') AS a`,
    )
  ).rows[0];

const notices = async (username: string) =>
  (
    (await (await loginAs(app, username)).request('GET', '/api/me/notifications')).json().items as {
      title: string;
      link: string;
    }[]
  ).map((n) => [n.title, n.link]);

describe('ZS-21 不予共享 items: negotiation, then escalation', () => {
  test('ZS-21 a unit asks for a 不予共享 item: open, with the legal basis, in its list, with history; reviewers hear of it', async () => {
    const clerk = await loginAs(app, 'clerk');
    const res = await clerk.request('POST', '/api/negotiations', ask());
    expect(res.statusCode, res.body).toBe(201);
    const n = res.json();
    expect(n).toMatchObject({
      state: 'open',
      itemTitle: '影像 cond',
      sharingBasis: BASIS,
      orgName: '市住建局',
      actions: ['escalate'],
    });
    expect((await clerk.request('GET', '/api/negotiations?mine=true&state=open')).json()).toMatchObject({
      total: 1,
      items: [{ id: n.id }],
    });
    const detail = (await clerk.request('GET', `/api/negotiations/${n.id}`)).json();
    expect(detail.history).toEqual([expect.objectContaining({ action: 'negotiation.create' })]);
    expect(await notices('rev')).toEqual([
      [`新的共享协商：影像 cond（${n.catalogueNo}）`, `/sharing/negotiations?id=${n.id}`],
    ]);
    // a unit sees only its own cases; the provider sees all with its buttons
    expect((await (await loginAs(app, 'clerk2')).request('GET', `/api/negotiations/${n.id}`)).statusCode).toBe(404);
    expect((await (await loginAs(app, 'rev')).request('GET', `/api/negotiations/${n.id}`)).json().actions).toEqual([
      'agree',
      'decline',
    ]);
  });

  test.each([
    ['an item that can be applied for (ZS-12 无条件共享)', 409, 'NEGOTIATION_ITEM_SHAREABLE', ask({ itemId: 'pub' })],
    ['an unknown item', 404, 'CATALOG_ITEM_NOT_FOUND', ask({ itemId: 'nope' })],
    ['a reason under 10 characters', 400, 'VALIDATION_FAILED', ask({ reason: '工作需要' })],
  ])('ZS-12 a request for %s is refused (%i %s) and nothing is written', async (_what, status, code, body) => {
    const res = await (await loginAs(app, 'clerk')).request('POST', '/api/negotiations', body);
    expect(res.statusCode).toBe(status);
    expect(res.json().code).toBe(code);
    expect(await count()).toEqual({ n: 0, a: 0 });
  });

  test('ZS-21 one case in progress per unit and item: a second one is refused, another unit may ask', async () => {
    const first = await opened('clerk');
    const again = await (await loginAs(app, 'mate')).request('POST', '/api/negotiations', ask());
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('NEGOTIATION_EXISTS');
    expect(await count()).toEqual({ n: 1, a: 1 });
    await opened('clerk2');
    // once answered, the unit may ask again (e.g. for a new purpose)
    await (await loginAs(app, 'rev')).request('POST', `/api/negotiations/${first.id}/agree`, { answer: '同意' });
    await opened('clerk');
  });

  test('ZS-21 parallel requests of one unit for one item: one case, the others 409 NEGOTIATION_EXISTS', async () => {
    const clerk = await loginAs(app, 'clerk');
    const all = await Promise.all([1, 2, 3, 4].map(() => clerk.request('POST', '/api/negotiations', ask())));
    expect(all.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409]);
    expect(all.filter((r) => r.statusCode === 409).map((r) => r.json().code)).toEqual(
      Array(3).fill('NEGOTIATION_EXISTS'),
    );
    expect(await count()).toEqual({ n: 1, a: 1 });
  });

  test('ZS-21 a clerk cannot agree; the provider agrees with conditions and the unit hears the answer', async () => {
    const n = await opened();
    const clerk = await loginAs(app, 'clerk');
    const denied = await clerk.request('POST', `/api/negotiations/${n.id}/agree`, { answer: '我同意' });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().code).toBe('AUTH_FORBIDDEN');
    expect(await count()).toEqual({ n: 1, a: 1 });
    const rev = await loginAs(app, 'rev');
    const answer = '同意提供：目录管理员将其调整为有条件共享后按有条件共享申请';
    const res = await rev.request('POST', `/api/negotiations/${n.id}/agree`, { answer });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ state: 'agreed', answer, answeredByName: expect.any(String), actions: [] });
    expect(await notices('mate')).toEqual([['共享协商同意提供：影像 cond', `/sharing/negotiations?id=${n.id}`]]);
    const again = await rev.request('POST', `/api/negotiations/${n.id}/decline`, { answer: '改变主意' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('NEGOTIATION_TRANSITION_INVALID');
  });

  test('ZS-21 declined with the legal basis, the unit escalates; leaders are notified and decide, finally', async () => {
    const n = await opened();
    const rev = await loginAs(app, 'rev');
    expect((await rev.request('POST', `/api/negotiations/${n.id}/decline`, { answer: BASIS })).json()).toMatchObject({
      state: 'declined',
      answer: BASIS,
    });
    const clerk = await loginAs(app, 'clerk');
    const esc = await clerk.request('POST', `/api/negotiations/${n.id}/escalate`, { note: '规划编制确需使用' });
    expect(esc.statusCode, esc.body).toBe(200);
    expect(esc.json()).toMatchObject({ state: 'escalated', escalatedByName: expect.any(String), actions: [] });
    expect(await notices('boss')).toEqual([
      [`共享协商提请协调：影像 cond（${n.catalogueNo}）`, `/sharing/negotiations?id=${n.id}`],
    ]);
    // the provider no longer decides; the leader does
    expect((await rev.request('POST', `/api/negotiations/${n.id}/agree`, { answer: '同意' })).statusCode).toBe(403);
    const boss = await loginAs(app, 'boss');
    expect((await boss.request('GET', `/api/negotiations/${n.id}`)).json().actions).toEqual(['agree', 'decline']);
    const decided = await boss.request('POST', `/api/negotiations/${n.id}/decline`, { answer: '维持不予共享' });
    expect(decided.json()).toMatchObject({ state: 'declined', actions: [] });
    // a case decided by the leaders cannot be escalated again
    expect((await clerk.request('POST', `/api/negotiations/${n.id}/escalate`, {})).statusCode).toBe(403);
    const history = (await clerk.request('GET', `/api/negotiations/${n.id}`)).json().history;
    expect(history.map((h: { action: string }) => h.action)).toEqual([
      'negotiation.create',
      'negotiation.decline',
      'negotiation.escalate',
      'negotiation.decline',
    ]);
  });

  test('ZS-21 with no answer the unit may escalate from open; another unit cannot', async () => {
    const n = await opened();
    const other = await (await loginAs(app, 'clerk2')).request('POST', `/api/negotiations/${n.id}/escalate`, {});
    expect(other.statusCode).toBe(404);
    const esc = await (await loginAs(app, 'mate')).request('POST', `/api/negotiations/${n.id}/escalate`, {});
    expect(esc.json()).toMatchObject({ state: 'escalated' });
  });
});
