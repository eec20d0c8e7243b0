import ExcelJS from 'exceljs';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { givenUser, loginAs, resetDb, type TestClock, testApp, testDb } from '../../../../test/harness.js';
import { SYSTEM_CONTEXT } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/db.port.js';
import { givenCatalog } from '../../catalog/__tests__/catalog.fixtures.js';

let db: Db;
let app: Awaited<ReturnType<typeof testApp>>['app'];
let clock: TestClock;

beforeAll(async () => {
  db = await testDb();
  ({ app, clock } = await testApp(db));
});
afterAll(() => app.close());
beforeEach(async () => {
  clock.t = new Date('2026-11-23T02:00:00Z');
  await resetDb(db);
  await givenCatalog(app.services);
  await givenUser(app.services, { username: 'clerk', roles: ['departmentClerk'], orgName: '市住建局' });
  await givenUser(app.services, { username: 'clerk2', roles: ['departmentClerk'], orgName: '市水务局' });
  await givenUser(app.services, { username: 'keeper', roles: ['custodian'], orgName: '市自然资源局' });
  await givenUser(app.services, { username: 'boss', roles: ['leader'], orgName: '市自然资源局' });
  // 市测绘院 keeps `pub` (MNR-19: the item's custodian unit handles its reports) but holds no custodian role.
  const { org } = await givenUser(app.services, { username: 'centre', roles: ['sectionStaff'], orgName: '市测绘院' });
  await app.services.catalog.updateItem(SYSTEM_CONTEXT, 'dom-2024', 'pub', { custodianOrgId: org.id });
});

const report = (over: Record<string, unknown> = {}) => ({
  collectionId: 'dom-2024',
  itemId: 'pub',
  category: 'cloudCover',
  severity: 'normal',
  description: '东北角云量明显超过 20%',
  ...over,
});

async function reported(username: string, over: Record<string, unknown> = {}) {
  const u = await loginAs(app, username);
  const res = await u.request('POST', '/api/feedback', report(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; catalogueNo: string };
}

describe('MNR-19 users report use and quality problems', () => {
  test('MNR-19 a user reports a quality problem with a location on the item; it is open, in their list, with its history', async () => {
    const clerk = await loginAs(app, 'clerk');
    const res = await clerk.request(
      'POST',
      '/api/feedback',
      report({ location: { type: 'Point', coordinates: [114.26, 27.51] }, applicationId: crypto.randomUUID() }),
    );
    expect(res.statusCode).toBe(201);
    const f = res.json();
    expect(f).toMatchObject({
      state: 'open',
      itemTitle: '影像 pub',
      catalogueNo: expect.stringMatching(/^DOM-2024-\d{6}$/),
      custodianName: '市测绘院',
      reporterOrgName: '市住建局',
      escalated: false,
      location: { type: 'Point', coordinates: [114.26, 27.51] },
      actions: [],
    });
    const list = (await clerk.request('GET', '/api/feedback?mine=true')).json();
    expect(list.total).toBe(1);
    expect(list.items[0].id).toBe(f.id);
    const detail = (await clerk.request('GET', `/api/feedback/${f.id}`)).json();
    expect(detail.history).toEqual([
      expect.objectContaining({ action: 'feedback.create', actorName: 'clerk 测试（clerk）' }),
    ]);
  });

  test.each([
    ['an unknown item', 404, 'CATALOG_ITEM_NOT_FOUND', report({ itemId: 'nope' })],
    ['an unpublished item the reporter cannot see', 404, 'CATALOG_ITEM_NOT_FOUND', report({ itemId: 'draft' })],
    ['an unknown category', 400, 'VALIDATION_FAILED', report({ category: 'ugly' })],
    ['a severity outside 一般/重大', 400, 'VALIDATION_FAILED', report({ severity: 'critical' })],
    ['a description under 5 characters', 400, 'VALIDATION_FAILED', report({ description: '太暗' })],
    [
      'a latitude beyond 90°',
      400,
      'VALIDATION_FAILED',
      report({ location: { type: 'Point', coordinates: [114.26, 97.5] } }),
    ],
    [
      'a location off the item footprint',
      400,
      'FEEDBACK_LOCATION_OUTSIDE_ITEM',
      report({ location: { type: 'Point', coordinates: [114.75, 27.5] } }),
    ],
  ])('ZS-24 a report with %s is refused (%i %s) and nothing is written', async (_what, status, code, body) => {
    const clerk = await loginAs(app, 'clerk');
    const res = await clerk.request('POST', '/api/feedback', body);
    expect(res.statusCode).toBe(status);
    expect(res.json().code).toBe(code);
    const { rows } = await db.query('SELECT count(*)::int AS n FROM feedback');
    expect(rows[0]).toEqual({ n: 0 });
  });

  test('MNR-19 reporters see their own unit’s reports; the custodian unit sees reports on its items; custodians and leaders see all', async () => {
    const a = await reported('clerk');
    await reported('clerk2', { itemId: 'east', category: 'use', description: '下载后无法打开文件' });
    const ids = async (username: string, query = '') =>
      (
        (await (await loginAs(app, username)).request('GET', `/api/feedback${query}`)).json().items as { id: string }[]
      ).map((i) => i.id).length;
    expect(await ids('clerk')).toBe(1);
    expect(await ids('clerk2')).toBe(1);
    expect(await ids('centre')).toBe(1); // the report on `pub`, which 市测绘院 keeps
    expect(await ids('keeper')).toBe(2);
    expect(await ids('boss')).toBe(2);
    expect(await ids('keeper', '?collectionId=dom-2024&state=open')).toBe(2);
    const other = await loginAs(app, 'clerk2');
    expect((await other.request('GET', `/api/feedback/${a.id}`)).json().code).toBe('FEEDBACK_NOT_FOUND');
  });
});

describe('MNR-19 the custodian confirms or dismisses, and escalates major problems', () => {
  test('MNR-19 a clerk can’t confirm, dismiss or resolve a report (403 AUTH_FORBIDDEN), not even their own', async () => {
    const f = await reported('clerk');
    const clerk = await loginAs(app, 'clerk');
    for (const [event, body] of [
      ['confirm', { response: '属实' }],
      ['dismiss', { response: '不属实' }],
      ['resolve', { resolution: '已处理' }],
    ] as const) {
      const res = await clerk.request('POST', `/api/feedback/${f.id}/${event}`, body);
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('AUTH_FORBIDDEN');
    }
    expect((await clerk.request('GET', `/api/feedback/${f.id}`)).json().state).toBe('open');
  });

  test('MNR-19 a confirmed major problem is escalated to the leaders (who and when), and the reporter sees the answer', async () => {
    const f = await reported('clerk', { severity: 'major', category: 'geometry', description: '与底图偏移约 30 米' });
    const keeper = await loginAs(app, 'keeper');
    expect((await keeper.request('GET', `/api/feedback/${f.id}`)).json().actions).toEqual(['confirm', 'dismiss']);
    clock.advanceMinutes(60);
    const res = await keeper.request('POST', `/api/feedback/${f.id}/confirm`, {
      response: '经核实偏移属实，将重新纠正',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      state: 'confirmed',
      escalated: true,
      escalatedByName: 'keeper 测试',
      escalatedAt: '2026-11-23T03:00:00.000Z',
      respondedByName: 'keeper 测试',
      actions: ['resolve'],
    });
    const boss = await loginAs(app, 'boss');
    const escalated = (await boss.request('GET', '/api/feedback?escalated=true')).json();
    expect(escalated.items.map((i: { id: string }) => i.id)).toEqual([f.id]);
    const clerk = await loginAs(app, 'clerk');
    expect((await clerk.request('GET', `/api/feedback/${f.id}`)).json()).toMatchObject({
      response: '经核实偏移属实，将重新纠正',
      state: 'confirmed',
    });
    // in-app notices, written with the transition: the leaders get the escalation, the reporter the answer
    const notices = async (u: Awaited<ReturnType<typeof loginAs>>) =>
      ((await u.request('GET', '/api/me/notifications')).json().items as { title: string; link: string }[]).map((n) => [
        n.title,
        n.link,
      ]);
    expect(await notices(boss)).toEqual([[`重大问题上报：影像 pub（${f.catalogueNo}）`, `/feedback?id=${f.id}`]]);
    expect(await notices(clerk)).toEqual([['问题反馈已确认：影像 pub', `/feedback?id=${f.id}`]]);
    // the new report went to the unit keeping the item
    expect(await notices(await loginAs(app, 'centre'))).toEqual([['新的问题反馈：影像 pub', `/feedback?id=${f.id}`]]);
  });

  test('MNR-19 the custodian may raise the severity when confirming; a confirmed ordinary problem is not escalated', async () => {
    const a = await reported('clerk');
    const b = await reported('clerk', { category: 'colour', description: '局部偏色明显' });
    const keeper = await loginAs(app, 'keeper');
    const ordinary = (await keeper.request('POST', `/api/feedback/${a.id}/confirm`, { response: '属实' })).json();
    expect(ordinary).toMatchObject({ severity: 'normal', escalated: false });
    const raised = (
      await keeper.request('POST', `/api/feedback/${b.id}/confirm`, { response: '影响全幅', severity: 'major' })
    ).json();
    expect(raised).toMatchObject({ severity: 'major', escalated: true });
  });

  test('MNR-19 the item’s custodian unit may handle reports on its items only', async () => {
    const onPub = await reported('clerk');
    const onEast = await reported('clerk', { itemId: 'east' });
    const centre = await loginAs(app, 'centre');
    expect(
      (await centre.request('POST', `/api/feedback/${onPub.id}/dismiss`, { response: '云量 8%，未超标' })).json(),
    ).toMatchObject({ state: 'dismissed', response: '云量 8%，未超标' });
    // `east` is not 市测绘院's: the report is not even visible to it
    expect(
      (await centre.request('POST', `/api/feedback/${onEast.id}/dismiss`, { response: '不属实' })).json().code,
    ).toBe('FEEDBACK_NOT_FOUND');
  });

  test('MNR-19 every transition of the machine through the API, illegal ones 409 FEEDBACK_TRANSITION_INVALID; each audited', async () => {
    const keeper = await loginAs(app, 'keeper');
    const post = (id: string, event: string, body: object) =>
      keeper.request('POST', `/api/feedback/${id}/${event}`, body);
    const f = await reported('clerk');
    expect((await post(f.id, 'resolve', { resolution: '已重新处理' })).json()).toMatchObject({
      statusCode: 409,
      code: 'FEEDBACK_TRANSITION_INVALID',
      details: { from: 'open', event: 'resolve' },
    });
    expect((await post(f.id, 'confirm', { response: '属实' })).json().state).toBe('confirmed');
    expect((await post(f.id, 'confirm', { response: '属实' })).json().code).toBe('FEEDBACK_TRANSITION_INVALID');
    expect((await post(f.id, 'dismiss', { response: '不属实' })).json().code).toBe('FEEDBACK_TRANSITION_INVALID');
    expect((await post(f.id, 'resolve', { resolution: '已重新正射纠正并替换' })).json()).toMatchObject({
      state: 'resolved',
      resolution: '已重新正射纠正并替换',
      resolvedByName: 'keeper 测试',
    });
    expect((await post(f.id, 'resolve', { resolution: '再次处理' })).json().code).toBe('FEEDBACK_TRANSITION_INVALID');

    const g = await reported('clerk');
    expect((await post(g.id, 'dismiss', { response: '不属实' })).json().state).toBe('dismissed');
    for (const [event, body] of [
      ['confirm', { response: '属实' }],
      ['dismiss', { response: '不属实' }],
      ['resolve', { resolution: '已处理' }],
    ] as const)
      expect((await post(g.id, event, body)).statusCode).toBe(409);
    expect((await post(g.id, 'dismiss', { response: '' })).json().code).toBe('VALIDATION_FAILED');

    const history = (await keeper.request('GET', `/api/feedback/${f.id}`)).json().history;
    expect(history.map((h: { action: string }) => h.action)).toEqual([
      'feedback.create',
      'feedback.confirm',
      'feedback.resolve',
    ]);
    expect(history[1].summary).toMatchObject({ from: 'open', to: 'confirmed', response: '属实', escalate: false });
  });
});

describe('MNR-19 periodic summary', () => {
  async function givenReports() {
    await reported('clerk', { severity: 'major' });
    await reported('clerk', { category: 'colour', description: '整体明显偏绿' });
    await reported('clerk2', { itemId: 'east', category: 'use', description: '无法在线浏览' });
    const f = await reported('clerk2', { itemId: 'east', category: 'use', description: '下载链接失效' });
    const keeper = await loginAs(app, 'keeper');
    await keeper.request('POST', `/api/feedback/${f.id}/dismiss`, { response: '链接有效，请重新登录后下载' });
    clock.advanceMinutes(14 * 24 * 60); // 2026-12-07: outside November
    await reported('clerk', { severity: 'major', category: 'missingData', description: '西南角缺失一景' });
  }

  test('MNR-19 counts by collection × category × state, top items and the major problems still open', async () => {
    await givenReports();
    const boss = await loginAs(app, 'boss');
    const res = await boss.request('GET', '/api/feedback/summary?from=2026-11-01&to=2026-11-30');
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(s.total).toBe(4);
    expect(s.cells).toEqual([
      {
        collectionId: 'dom-2024',
        collectionTitle: '2024 年数字正射影像 0.5 米',
        category: 'cloudCover',
        state: 'open',
        count: 1,
      },
      {
        collectionId: 'dom-2024',
        collectionTitle: '2024 年数字正射影像 0.5 米',
        category: 'colour',
        state: 'open',
        count: 1,
      },
      {
        collectionId: 'dom-2024',
        collectionTitle: '2024 年数字正射影像 0.5 米',
        category: 'use',
        state: 'dismissed',
        count: 1,
      },
      {
        collectionId: 'dom-2024',
        collectionTitle: '2024 年数字正射影像 0.5 米',
        category: 'use',
        state: 'open',
        count: 1,
      },
    ]);
    expect(s.topItems).toEqual([
      expect.objectContaining({ itemId: 'pub', count: 2, majorCount: 1 }),
      expect.objectContaining({ itemId: 'east', count: 2, majorCount: 0 }),
    ]);
    // the December major report is after `to`; the November one is still open
    expect(s.majorOpen.map((f: { itemId: string; category: string }) => [f.itemId, f.category])).toEqual([
      ['pub', 'cloudCover'],
    ]);
    const december = (await boss.request('GET', '/api/feedback/summary?from=2026-12-01&to=2026-12-31')).json();
    expect(december.total).toBe(1);
    expect(december.majorOpen).toHaveLength(2);
  });

  test('MNR-19 the summary exports as xlsx that parses back; custodians and leaders only; bad ranges 400', async () => {
    await givenReports();
    const keeper = await loginAs(app, 'keeper');
    const res = await keeper.request('GET', '/api/feedback/summary.xlsx?from=2026-11-01&to=2026-11-30');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['分类统计', '问题较多的数据', '重大未结问题']);
    const counts = wb.getWorksheet('分类统计')!;
    expect(counts.getRow(2).values).toEqual([undefined, '数据集', '数据集名称', '问题类型', '状态', '数量']);
    expect(counts.getRow(3).values).toEqual([
      undefined,
      'dom-2024',
      '2024 年数字正射影像 0.5 米',
      '云量超标',
      '待确认',
      1,
    ]);
    expect(counts.rowCount).toBe(6);
    expect(wb.getWorksheet('重大未结问题')!.getRow(3).getCell(4).value).toBe('云量超标');
    const { rows } = await db.query("SELECT object_id FROM audit_event WHERE action = 'feedback.summary_export'");
    expect(rows).toEqual([{ object_id: '2026-11-01/2026-11-30' }]);

    const clerk = await loginAs(app, 'clerk');
    expect((await clerk.request('GET', '/api/feedback/summary?from=2026-11-01&to=2026-11-30')).statusCode).toBe(403);
    expect((await clerk.request('GET', '/api/feedback/summary.xlsx?from=2026-11-01&to=2026-11-30')).statusCode).toBe(
      403,
    );
    for (const [q, code] of [
      ['from=2026-11-30&to=2026-11-01', 'FEEDBACK_RANGE_INVALID'],
      ['from=2025-01-01&to=2026-11-30', 'FEEDBACK_RANGE_INVALID'],
      ['from=2026-02-30&to=2026-03-01', 'VALIDATION_FAILED'],
      ['from=2026-11-01', 'VALIDATION_FAILED'],
    ])
      expect((await keeper.request('GET', `/api/feedback/summary?${q}`)).json().code).toBe(code);
  });
});
