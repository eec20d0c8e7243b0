import { checkIdNumber } from '@geoshare/shared';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { givenUser, loginAs, resetDb, type TestClock, testApp, testDb } from '../../../../test/harness.js';
import { SYSTEM_CONTEXT } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/db.port.js';
import { tileAt } from '../../../platform/raster/__tests__/tile.fixtures.js';
import { baseItem, givenCatalog } from '../../catalog/__tests__/catalog.fixtures.js';
import { givenAgreementsSigned, givenTileItems, writeTileCog } from '../../sharing/__tests__/tile-items.fixtures.js';

/** A valid GB 11643 number with the given 17-digit body. */
function idNumber(body: string): string {
  const r = checkIdNumber(`${body}0`);
  return r.kind === 'badCheck' ? `${body}${r.expected}` : `${body}0`;
}
const HANDLER_ID = idNumber('21050219850301123');
const OTHER_ID = idNumber('21050219900715456');
const BAD_ID = HANDLER_ID.slice(0, 17) + (HANDLER_ID.endsWith('1') ? '2' : '1');

let db: Db;
let app: Awaited<ReturnType<typeof testApp>>['app'];
let clock: TestClock;
let clerk: Awaited<ReturnType<typeof loginAs>>;
let reviewer: Awaited<ReturnType<typeof loginAs>>;
let custodian: Awaited<ReturnType<typeof loginAs>>;
let clerkOrgId: string;

const application = (items: string[], over: Record<string, unknown> = {}) => ({
  letter: {
    regionName: '示范市中心城区',
    areaDescription: '中心城区约 120 平方千米',
    precision: '优于 0.5 米',
    imagingTime: '2024 年',
    dataType: '数字正射影像（DOM）',
    purpose: '城市更新项目前期调查',
  },
  purpose: '城市更新项目前期调查与方案编制',
  projects: [
    { name: '老旧小区改造调查', dataType: 'DOM', resolution: '0.5 米', imagingTime: '2024 年', coverage: '中心城区' },
  ],
  handlers: [{ name: '陈晨', idNumber: HANDLER_ID, phone: '13800000000' }],
  legalRepresentative: '张局长',
  orderProject: '老旧小区改造调查',
  medium: 'hdd',
  items: items.map((itemId) => ({ collectionId: 'dom-2024', itemId })),
  ...over,
});

beforeAll(async () => {
  db = await testDb();
  ({ app, clock } = await testApp(db));
});
afterAll(() => app.close());
beforeEach(async () => {
  clock.t = new Date('2026-11-23T02:00:00Z');
  await resetDb(db);
  // The provider bureau first (the top-level bureau the letter is addressed to), then the applicant department.
  await givenUser(app.services, { username: 'reviewer', roles: ['reviewer'], orgName: '示范市自然资源和规划局' });
  await givenUser(app.services, { username: 'custodian', roles: ['custodian'], orgName: '示范市自然资源和规划局' });
  await givenUser(app.services, { username: 'leader', roles: ['leader'], orgName: '示范市自然资源和规划局' });
  ({
    org: { id: clerkOrgId },
  } = await givenUser(app.services, { username: 'clerk', roles: ['departmentClerk'], orgName: '市住建局' }));
  await givenCatalog(app.services);
  await app.services.catalog.createItem(
    SYSTEM_CONTEXT,
    baseItem({ id: 'closed', sharingType: 'none', sharingBasis: '《测绘成果管理条例》第十八条' }),
    [],
  );
  clerk = await loginAs(app, 'clerk');
  reviewer = await loginAs(app, 'reviewer');
  custodian = await loginAs(app, 'custodian');
});

const signAgreement = () => clerk.request('POST', '/api/confidentiality-agreements', { userRepresentative: '张局长' });
const detail = async (id: string) => (await clerk.request('GET', `/api/applications/${id}`)).json();
async function submitted(items: string[]) {
  expect((await signAgreement()).statusCode).toBe(201);
  const res = await clerk.request('POST', '/api/applications', { ...application(items), submit: true });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

describe('data applications (BX-22)', () => {
  test('BX-22 MNR-15 BX-F3 BX-F5: conditional classified + unconditional item → review → provision → hand-over with the ID check', async () => {
    const id = await submitted(['secret', 'pub']);
    const d = await detail(id);
    expect(d).toMatchObject({
      state: 'inReview',
      number: 'SQB-2026-001',
      orderNumber: 'DD-2026-001',
      reviewDue: '2026-11-30', // Monday + 5 working days
      workingDaysLeft: 5,
      classified: true,
      lineCount: 2,
    });
    expect(d.lines.map((l: { itemId: string; decision: string }) => [l.itemId, l.decision])).toEqual([
      ['secret', 'pending'],
      ['pub', 'auto'],
    ]);
    expect(d.handlers[0].idNumberMasked).toBe(`${HANDLER_ID.slice(0, 6)}********${HANDLER_ID.slice(-4)}`);
    expect(d.documents.map((x: { kind: string }) => x.kind).sort()).toEqual([
      'application_form',
      'application_letter',
      'order',
    ]);

    const worklist = (await reviewer.request('GET', '/api/applications?scope=review')).json();
    expect(worklist.map((a: { id: string }) => a.id)).toEqual([id]);
    const secretLine = d.lines.find((l: { itemId: string }) => l.itemId === 'secret').id;
    expect(
      (
        await reviewer.request('POST', `/api/applications/${id}/review`, {
          decisions: [{ lineId: secretLine, approved: true }],
        })
      ).statusCode,
    ).toBe(204);
    expect((await detail(id)).state).toBe('approved');

    expect((await custodian.request('POST', `/api/applications/${id}/prepare`)).statusCode).toBe(204);
    expect(
      (
        await custodian.request('POST', `/api/applications/${id}/ready`, {
          sizeGb: 12.5,
          pickupNote: '请于 11 月 25 日到服务中心 301 室领取',
        })
      ).statusCode,
    ).toBe(204);
    // The clerk's unit is told to pick up.
    const notices = (await clerk.request('GET', '/api/me/notifications')).json();
    expect(notices.items.map((n: { title: string }) => n.title)).toContain('请领取数据：SQB-2026-001');

    const stranger = await custodian.request('POST', `/api/applications/${id}/handover`, {
      receiverName: '李四',
      receiverIdNumber: OTHER_ID,
    });
    expect(stranger.statusCode).toBe(409);
    expect(stranger.json().code).toBe('HANDOVER_ID_MISMATCH');
    const badId = await custodian.request('POST', `/api/applications/${id}/handover`, {
      receiverName: '陈晨',
      receiverIdNumber: BAD_ID,
    });
    expect([badId.statusCode, badId.json().code]).toEqual([400, 'PERSON_ID_NUMBER_INVALID']);

    const ok = await custodian.request('POST', `/api/applications/${id}/handover`, {
      receiverName: '陈晨',
      receiverIdNumber: HANDLER_ID,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ handoverNumber: 'YJD-2026-001' });
    const after = await detail(id);
    expect(after.state).toBe('handedOver');
    expect(after.documents.map((x: { kind: string }) => x.kind)).toContain('handover');
    expect(after.events.map((e: { action: string }) => e.action)).toEqual([
      'create',
      'submit',
      'review',
      'prepare',
      'notifyPickup',
      'handOver',
    ]);

    // BX-21: the centre traces the dataset to its holder.
    const trace = (await custodian.request('GET', '/api/provisions?collectionId=dom-2024&itemId=secret')).json();
    expect(trace).toMatchObject([
      { applicationNumber: 'SQB-2026-001', handoverNumber: 'YJD-2026-001', orgName: '市住建局' },
    ]);
  });

  test('BX-F5: a different receiver with the unit’s introduction letter is recorded', async () => {
    const id = await submitted(['pub']);
    expect((await detail(id)).state).toBe('approved'); // ZS-21: unconditional only, no review
    await custodian.request('POST', `/api/applications/${id}/prepare`);
    await custodian.request('POST', `/api/applications/${id}/ready`, { sizeGb: 1, pickupNote: '服务中心 301 室' });
    const res = await custodian.request('POST', `/api/applications/${id}/handover`, {
      receiverName: '李四',
      receiverIdNumber: OTHER_ID,
      introductionLetter: '住建介字〔2026〕12 号',
    });
    expect(res.statusCode).toBe(200);
    expect((await detail(id)).introductionLetter).toBe('住建介字〔2026〕12 号');
  });

  test('BX-22: illegal transitions are 409 with a code; the wrong party is 403', async () => {
    const id = await submitted(['cond']);
    const prepare = await custodian.request('POST', `/api/applications/${id}/prepare`);
    expect([prepare.statusCode, prepare.json().code]).toEqual([409, 'APPLICATION_TRANSITION_INVALID']);
    const selfReview = await clerk.request('POST', `/api/applications/${id}/review`, {
      decisions: [{ lineId: (await detail(id)).lines[0].id, approved: true }],
    });
    expect([selfReview.statusCode, selfReview.json().code]).toEqual([403, 'AUTH_FORBIDDEN']);
    const resubmit = await clerk.request('POST', `/api/applications/${id}/submit`);
    expect([resubmit.statusCode, resubmit.json().code]).toEqual([409, 'APPLICATION_TRANSITION_INVALID']);
    expect((await clerk.request('POST', `/api/applications/${id}/withdraw`, { reason: '需求变更' })).statusCode).toBe(
      204,
    );
    const review = await reviewer.request('POST', `/api/applications/${id}/review`, {
      decisions: [{ lineId: (await detail(id)).lines[0].id, approved: true }],
    });
    expect([review.statusCode, review.json().code]).toEqual([409, 'APPLICATION_TRANSITION_INVALID']);
    const handover = await custodian.request('POST', `/api/applications/${id}/handover`, {
      receiverName: '陈晨',
      receiverIdNumber: HANDLER_ID,
    });
    expect([handover.statusCode, handover.json().code]).toEqual([409, 'APPLICATION_TRANSITION_INVALID']);
  });

  test('MNR-16: a rejected item shows its reason; nothing provided → rejected', async () => {
    const id = await submitted(['cond', 'secret']);
    const lines = (await detail(id)).lines as { id: string }[];
    const noReason = await reviewer.request('POST', `/api/applications/${id}/review`, {
      decisions: lines.map((l) => ({ lineId: l.id, approved: false })),
    });
    expect([noReason.statusCode, noReason.json().code]).toEqual([400, 'APPLICATION_REJECT_REASON_REQUIRED']);
    const incomplete = await reviewer.request('POST', `/api/applications/${id}/review`, {
      decisions: [{ lineId: lines[0]!.id, approved: true }],
    });
    expect([incomplete.statusCode, incomplete.json().code]).toEqual([400, 'APPLICATION_REVIEW_INCOMPLETE']);
    await reviewer.request('POST', `/api/applications/${id}/review`, {
      decisions: lines.map((l) => ({ lineId: l.id, approved: false, reason: '申请用途与数据范围不符' })),
    });
    const d = await detail(id);
    expect(d.state).toBe('rejected');
    expect(d.lines.map((l: { decision: string; reason: string }) => [l.decision, l.reason])).toEqual([
      ['rejected', '申请用途与数据范围不符'],
      ['rejected', '申请用途与数据范围不符'],
    ]);
    expect(d.rejectReason).toContain('申请用途与数据范围不符');
  });

  test('ZS-12: an item not shared cannot be ordered; the legal basis is shown', async () => {
    await signAgreement();
    const res = await clerk.request('POST', '/api/applications', application(['pub', 'closed']));
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('APPLICATION_ITEM_NOT_SHAREABLE');
    expect(res.json().message).toContain('《测绘成果管理条例》第十八条');
    expect((await db.query('SELECT 1 FROM data_application')).rowCount).toBe(0); // nothing half-written
  });

  test('BX-F4: an agreement is required, reused while in force, and must be renewed after 3 years', async () => {
    const noAgreement = await clerk.request('POST', '/api/applications', { ...application(['pub']), submit: true });
    expect([noAgreement.statusCode, noAgreement.json().code]).toEqual([409, 'APPLICATION_AGREEMENT_REQUIRED']);
    expect((await db.query('SELECT 1 FROM data_application')).rowCount).toBe(0);

    expect((await signAgreement()).statusCode).toBe(201);
    const again = await signAgreement();
    expect([again.statusCode, again.json().code]).toEqual([409, 'AGREEMENT_IN_FORCE']);
    const agreements = (await clerk.request('GET', '/api/confidentiality-agreements')).json();
    expect(agreements).toMatchObject([{ number: 'BMXY-2026-001', validUntil: '2029-11-22', inForce: true }]);
    expect(agreements[0].documentId).toBeTruthy();

    const first = await clerk.request('POST', '/api/applications', { ...application(['pub']), submit: true });
    expect(first.statusCode).toBe(201);
    expect((await detail(first.json().id)).agreementNumber).toBe('BMXY-2026-001');

    clock.t = new Date('2029-11-23T02:00:00Z');
    clerk = await loginAs(app, 'clerk');
    const expired = await clerk.request('POST', '/api/applications', { ...application(['pub']), submit: true });
    expect([expired.statusCode, expired.json().code]).toEqual([409, 'APPLICATION_AGREEMENT_EXPIRED']);
    expect(expired.json().message).toContain('BMXY-2026-001');
  });

  test('BX-11: a unit with an overdue submission is refused at review, with the submission named', async () => {
    const id = await submitted(['cond']);
    const admin = await givenUser(app.services, {
      username: 'admin',
      roles: ['admin'],
      orgName: '示范市自然资源和规划局',
    });
    expect(admin.user).toBeTruthy();
    const hold = await custodian.request('POST', '/api/submission-holds', {
      orgId: clerkOrgId,
      title: '2026 年度城市三维模型成果',
      dueDate: '2026-10-30',
      reason: '逾期未汇交',
    });
    expect(hold.statusCode).toBe(201);
    const lineId = (await detail(id)).lines[0].id;
    const refused = await reviewer.request('POST', `/api/applications/${id}/review`, {
      decisions: [{ lineId, approved: true }],
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('APPLICATION_BLOCKED_BX11');
    expect(refused.json().message).toContain('2026 年度城市三维模型成果');
    expect((await detail(id)).state).toBe('inReview');

    expect((await custodian.request('POST', `/api/submission-holds/${hold.json().id}/clear`)).statusCode).toBe(204);
    expect(
      (await reviewer.request('POST', `/api/applications/${id}/review`, { decisions: [{ lineId, approved: true }] }))
        .statusCode,
    ).toBe(204);
  });

  test('ZS-21: the 5-working-day deadline runs across the 2026 National Day holiday', async () => {
    clock.t = new Date('2026-09-28T02:00:00Z');
    clerk = await loginAs(app, 'clerk');
    const id = await submitted(['cond']);
    expect((await detail(id)).reviewDue).toBe('2026-10-10');
  });

  test('ZS-21: reviewers are reminded on the last day; overdue reviews are escalated to the leaders', async () => {
    const id = await submitted(['cond']);
    expect(await app.services.applications.sweepDeadlines()).toEqual({ reminded: 0, escalated: 0 });
    clock.t = new Date('2026-11-27T02:00:00Z'); // Friday: one working day left (Monday 30th)
    expect(await app.services.applications.sweepDeadlines()).toEqual({ reminded: 1, escalated: 0 });
    expect(await app.services.applications.sweepDeadlines()).toEqual({ reminded: 0, escalated: 0 });
    clock.t = new Date('2026-12-01T02:00:00Z');
    expect(await app.services.applications.sweepDeadlines()).toEqual({ reminded: 0, escalated: 1 });
    const leader = await loginAs(app, 'leader');
    const notices = (await leader.request('GET', '/api/me/notifications')).json();
    expect(notices.items[0].title).toBe('审核逾期：SQB-2026-001');
    reviewer = await loginAs(app, 'reviewer');
    expect((await reviewer.request('GET', `/api/applications/${id}`)).json()).toMatchObject({
      overdue: true,
      escalated: true,
      workingDaysLeft: -1,
    });
  });

  test('BX-23: the holder logs custody, copies, delegation and destruction after hand-over', async () => {
    const id = await submitted(['pub']);
    const early = await clerk.request('POST', `/api/applications/${id}/usage-log`, {
      kind: 'use',
      occurredOn: '2026-11-23',
      description: '用于方案编制',
    });
    expect([early.statusCode, early.json().code]).toEqual([409, 'APPLICATION_TRANSITION_INVALID']);
    await custodian.request('POST', `/api/applications/${id}/prepare`);
    await custodian.request('POST', `/api/applications/${id}/ready`, { sizeGb: 1, pickupNote: '301 室' });
    await custodian.request('POST', `/api/applications/${id}/handover`, {
      receiverName: '陈晨',
      receiverIdNumber: HANDLER_ID,
    });
    const foreign = await clerk.request('POST', `/api/applications/${id}/usage-log`, {
      kind: 'delegation',
      occurredOn: '2026-11-23',
      description: '委托设计单位使用',
      thirdPartyName: 'Foreign Design Ltd',
      thirdPartyForeign: true,
      thirdPartyAgreementNo: 'BMZR-2026-07',
    });
    expect([foreign.statusCode, foreign.json().code]).toEqual([400, 'USAGE_LOG_FOREIGN_APPROVAL_REQUIRED']);
    for (const entry of [
      { kind: 'custody', occurredOn: '2026-11-23', description: '存放于涉密机房，专人保管' },
      { kind: 'copy', occurredOn: '2026-11-23', description: '拷贝至项目专用计算机', copies: 1 },
      { kind: 'destruction', occurredOn: '2026-11-23', description: '项目完成，移动硬盘消磁销毁', witness: '王五' },
    ]) {
      expect((await clerk.request('POST', `/api/applications/${id}/usage-log`, entry)).statusCode).toBe(201);
    }
    const log = (await custodian.request('GET', `/api/applications/${id}/usage-log`)).json();
    expect(log.map((e: { kind: string }) => e.kind)).toEqual(['custody', 'copy', 'destruction']);
    const trace = (await custodian.request('GET', '/api/provisions?itemId=pub')).json();
    expect(trace[0]).toMatchObject({ destroyed: true, usageLogCount: 3 });
    const notHolder = await custodian.request('POST', `/api/applications/${id}/usage-log`, {
      kind: 'use',
      occurredOn: '2026-11-23',
      description: 'x',
    });
    expect(notHolder.statusCode).toBe(403);
  });

  test('BX-22: 50 parallel submissions get 50 distinct consecutive form numbers', async () => {
    await signAgreement();
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) {
      ids.push((await clerk.request('POST', '/api/applications', application(['pub']))).json().id);
    }
    const results = await Promise.all(ids.map((id) => clerk.request('POST', `/api/applications/${id}/submit`)));
    expect(results.map((r) => r.statusCode)).toEqual(ids.map(() => 204));
    const { rows } = await db.query<{ number: string }>('SELECT number FROM data_application ORDER BY number');
    expect(rows.map((r) => r.number)).toEqual(
      Array.from({ length: 50 }, (_, i) => `SQB-2026-${String(i + 1).padStart(3, '0')}`),
    );
  }, 180_000); // 150 sealed PDFs are rendered on two cores

  test('ZS-21 MNR-15: an approved application opens a conditional non-classified item online to the applying unit only', async () => {
    await writeTileCog(app.services);
    await givenTileItems(app.services, [['condcog', { sharingType: 'conditional' }]]);
    await givenUser(app.services, { username: 'other', roles: ['departmentClerk'], orgName: '市财政局' });
    await givenAgreementsSigned(app.services);
    const t = tileAt(114.225, 27.525, 16);
    const url = `/api/tiles/dom-2024/condcog/${t.z}/${t.x}/${t.y}.png`;
    const before = await clerk.request('GET', url);
    expect([before.statusCode, before.json().code]).toEqual([403, 'ASSET_APPLICATION_REQUIRED']);
    const id = await submitted(['condcog']);
    const lineId = (await detail(id)).lines[0].id;
    await reviewer.request('POST', `/api/applications/${id}/review`, { decisions: [{ lineId, approved: true }] });
    expect((await clerk.request('GET', url)).statusCode).toBe(200);
    const other = await loginAs(app, 'other');
    expect((await other.request('GET', url)).statusCode).toBe(403);
  });

  test('applications of other units are invisible', async () => {
    const id = await submitted(['pub']);
    await givenUser(app.services, { username: 'other', roles: ['departmentClerk'], orgName: '市财政局' });
    const other = await loginAs(app, 'other');
    const res = await other.request('GET', `/api/applications/${id}`);
    expect([res.statusCode, res.json().code]).toEqual([404, 'APPLICATION_NOT_FOUND']);
    expect((await other.request('GET', '/api/applications')).json()).toEqual([]);
  });
});
