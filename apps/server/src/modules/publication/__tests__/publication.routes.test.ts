import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { givenUser, loginAs, resetDb, type TestClock, testApp, testDb } from '../../../../test/harness.js';
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
  clock.t = new Date('2026-11-23T02:00:00Z'); // Monday, 10:00 China time
  await resetDb(db);
  await givenCatalog(app.services);
  await givenUser(app.services, { username: 'clerk', roles: ['departmentClerk'], orgName: '市住建局' });
  await givenUser(app.services, { username: 'clerk2', roles: ['departmentClerk'], orgName: '市水务局' });
  await givenUser(app.services, { username: 'reviewer', roles: ['reviewer'], orgName: '市自然资源局' });
  await givenUser(app.services, { username: 'reviewer2', roles: ['reviewer'], orgName: '市自然资源局' });
  await givenUser(app.services, { username: 'boss', roles: ['leader'], orgName: '市自然资源局' });
});

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('map pixels')]);
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n');
const GIF = Buffer.from('GIF89a tiny');

type File = { name: string; data: Buffer };

/** A multipart/form-data body as the browser sends it: the JSON field `data` and the files. */
function multipart(data: unknown, files: File[]) {
  const boundary = '----geoshare-publication-boundary';
  const parts: Buffer[] = [
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="data"\r\n\r\n${typeof data === 'string' ? data : JSON.stringify(data)}\r\n`,
    ),
  ];
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="attachments"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      f.data,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

const request = (over: Record<string, unknown> = {}) => ({
  title: '2024 年本溪区土地利用现状图',
  kind: 'print',
  medium: '《示范市统计年鉴 2026》',
  plannedDate: '2026-12-20',
  description: '以 2024 年 DOM 为底图制作的土地利用现状图，拟在年鉴中出版。',
  sources: [{ collectionId: 'dom-2024', itemId: 'pub' }],
  citation: '数据来源：《影像 pub》',
  secrecyReviewConfirmed: false,
  ...over,
});

async function as(username: string) {
  const u = await loginAs(app, username);
  const send = (url: string, data: unknown, files: File[]) => {
    const body = multipart(data, files);
    return app.inject({
      method: 'POST',
      url,
      headers: { ...u.headers, 'content-type': body.contentType },
      payload: body.payload,
    });
  };
  return {
    ...u,
    submit: (data: unknown = request(), files: File[] = [{ name: '现状图.png', data: PNG }]) =>
      send('/api/publication-reviews', data, files),
    resubmit: (id: string, data: unknown, files: File[]) =>
      send(`/api/publication-reviews/${id}/resubmit`, data, files),
  };
}

async function submitted(username = 'clerk', data = request()) {
  const res = await (await as(username)).submit(data);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; attachments: { id: string }[] };
}

const count = async (table: string) =>
  (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;

describe('BX-18 / MNR-18 a unit requests publication with its sources cited', () => {
  test('BX-18 the request is submitted with its sources, citation and map, due in 5 working days; the file reads back', async () => {
    const clerk = await as('clerk');
    const res = await clerk.submit();
    expect(res.statusCode).toBe(201);
    const r = res.json();
    expect(r).toMatchObject({
      state: 'submitted',
      number: null,
      orgName: '市住建局',
      applicantName: 'clerk 测试',
      kind: 'print',
      classified: false,
      sources: [{ collectionId: 'dom-2024', itemId: 'pub', title: '影像 pub', secrecy: 'public' }],
      attachments: [{ name: '现状图.png', mediaType: 'image/png', size: PNG.length }],
      submittedAt: '2026-11-23T02:00:00.000Z',
      dueDate: '2026-11-30',
      workingDaysLeft: 5,
      overdue: false,
      actions: [],
    });
    const file = await clerk.request('GET', `/api/publication-reviews/${r.id}/attachments/${r.attachments[0].id}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(file.rawPayload, PNG)).toBe(0);
    const detail = (await clerk.request('GET', `/api/publication-reviews/${r.id}`)).json();
    expect(detail.history).toEqual([
      expect.objectContaining({
        action: 'publication.submit',
        summary: expect.objectContaining({ dueDate: '2026-11-30' }),
      }),
    ]);
  });

  test('ZS-21 the 5-working-day deadline skips the 2026 National Day holiday: submitted 2026-09-28 → due 2026-10-10', async () => {
    clock.t = new Date('2026-09-28T02:00:00Z');
    const r = await submitted('clerk', request({ plannedDate: '2026-10-20' }));
    const reviewer = await loginAs(app, 'reviewer');
    const seen = (await reviewer.request('GET', `/api/publication-reviews/${r.id}`)).json();
    // 9-29, 9-30, (10-1 … 10-7 holiday), 10-8, 10-9, 10-10 (Saturday, 调休 working day)
    expect(seen).toMatchObject({ dueDate: '2026-10-10', workingDaysLeft: 5, overdue: false });
    clock.t = new Date('2026-10-12T02:00:00Z'); // Monday after the deadline
    const later = await loginAs(app, 'reviewer'); // the earlier session has expired meanwhile
    expect((await later.request('GET', `/api/publication-reviews/${r.id}`)).json()).toMatchObject({
      workingDaysLeft: -1,
      overdue: true,
    });
  });

  test('MNR-18 a classified source needs the unit’s secrecy review confirmed; then the request is marked classified', async () => {
    const clerk = await as('clerk');
    const sources = [
      { collectionId: 'dom-2024', itemId: 'pub' },
      { collectionId: 'dom-2024', itemId: 'secret' },
    ];
    const refused = await clerk.submit(request({ sources }));
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({
      code: 'PUBLICATION_SECRECY_REVIEW_REQUIRED',
      details: { classified: ['dom-2024/secret'] },
    });
    const ok = await clerk.submit(
      request({ sources, secrecyReviewConfirmed: true, secrecyReviewNote: '经本单位保密办审查，已作脱密处理' }),
    );
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ classified: true, secrecyReviewConfirmed: true });
    expect(ok.json().sources.map((s: { secrecy: string }) => s.secrecy)).toEqual(['public', 'secret']);
  });

  const bigPng = Buffer.concat([PNG, Buffer.alloc(20 * 1024 * 1024)]);
  test.each([
    ['no sources', 400, 'VALIDATION_FAILED', request({ sources: [] }), undefined],
    [
      'the same source twice',
      400,
      'VALIDATION_FAILED',
      request({ sources: [request().sources[0], request().sources[0]] }),
      undefined,
    ],
    [
      'an unknown source',
      400,
      'PUBLICATION_SOURCE_NOT_FOUND',
      request({ sources: [{ collectionId: 'dom-2024', itemId: 'nope' }] }),
      undefined,
    ],
    [
      'a source the applicant cannot see',
      400,
      'PUBLICATION_SOURCE_NOT_FOUND',
      request({ sources: [{ collectionId: 'dom-2024', itemId: 'draft' }] }),
      undefined,
    ],
    ['an unknown kind', 400, 'VALIDATION_FAILED', request({ kind: 'tv' }), undefined],
    [
      'a planned date in the past',
      400,
      'PUBLICATION_PLANNED_DATE_PAST',
      request({ plannedDate: '2026-11-22' }),
      undefined,
    ],
    ['no citation', 400, 'VALIDATION_FAILED', request({ citation: '' }), undefined],
    ['data that is not JSON', 400, 'VALIDATION_FAILED', '{title:', undefined],
    ['no attachment', 400, 'PUBLICATION_ATTACHMENT_REQUIRED', request(), []],
    ['a GIF named .png', 400, 'PUBLICATION_ATTACHMENT_TYPE', request(), [{ name: 'map.png', data: GIF }]],
    ['a file over 20 MB', 413, 'PUBLICATION_ATTACHMENT_TOO_LARGE', request(), [{ name: 'big.png', data: bigPng }]],
    [
      'eleven files',
      400,
      'PUBLICATION_ATTACHMENT_TOO_MANY',
      request(),
      Array.from({ length: 11 }, (_, i) => ({ name: `${i}.pdf`, data: PDF })),
    ],
  ] as [string, number, string, unknown, File[] | undefined][])(
    'BX-18 a request with %s is refused (%i %s) and nothing is written',
    async (_what, status, code, data, files) => {
      const res = await (await as('clerk')).submit(data, files);
      expect(res.statusCode).toBe(status);
      expect(res.json().code).toBe(code);
      expect(await count('publication_review')).toBe(0);
      expect(await count('publication_attachment')).toBe(0);
    },
  );

  test('BX-18 a JSON body instead of multipart is refused', async () => {
    const clerk = await loginAs(app, 'clerk');
    const res = await clerk.request('POST', '/api/publication-reviews', request());
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
  });

  test('BX-18 a unit sees its own requests; reviewers and leaders see all, pending ones by deadline', async () => {
    const a = await submitted('clerk');
    clock.advanceMinutes(24 * 60);
    const b = await submitted('clerk2');
    const ids = async (username: string, query = '') =>
      (
        (await (await loginAs(app, username)).request('GET', `/api/publication-reviews${query}`)).json().items as {
          id: string;
        }[]
      ).map((i) => i.id);
    expect(await ids('clerk')).toEqual([a.id]);
    expect(await ids('clerk2')).toEqual([b.id]);
    expect(await ids('reviewer')).toEqual([a.id, b.id]);
    expect(await ids('boss', '?state=submitted')).toEqual([a.id, b.id]);
    expect(await ids('reviewer', '?mine=true')).toEqual([]);
    const other = await loginAs(app, 'clerk2');
    expect((await other.request('GET', `/api/publication-reviews/${a.id}`)).json().code).toBe('PUBLICATION_NOT_FOUND');
    expect(
      (await other.request('GET', `/api/publication-reviews/${a.id}/attachments/${a.attachments[0]!.id}`)).json().code,
    ).toBe('PUBLICATION_NOT_FOUND');
  });
});

describe('BX-18 / MNR-12 / ZS-23 the reviewer decides', () => {
  test('ZS-23 approval is the written consent numbered GKSH-YYYY-NNN, gap-free: a rejection takes no number', async () => {
    const a = await submitted();
    const b = await submitted();
    const c = await submitted();
    const reviewer = await loginAs(app, 'reviewer');
    expect((await reviewer.request('GET', `/api/publication-reviews/${a.id}`)).json().actions).toEqual([
      'approve',
      'reject',
      'requestChanges',
    ]);
    const first = await reviewer.request('POST', `/api/publication-reviews/${a.id}/approve`, { note: '同意出版' });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      state: 'approved',
      number: 'GKSH-2026-001',
      decidedByName: 'reviewer 测试',
      decisionNote: '同意出版',
      workingDaysLeft: null,
    });
    expect(
      (await reviewer.request('POST', `/api/publication-reviews/${b.id}/reject`, { reason: '底图未经审图' })).json(),
    ).toMatchObject({ state: 'rejected', number: null, decisionNote: '底图未经审图' });
    expect((await reviewer.request('POST', `/api/publication-reviews/${c.id}/approve`, {})).json().number).toBe(
      'GKSH-2026-002',
    );
    // in-app notices, written with each step: reviewers hear of requests, the applicant unit of the answers
    const titles = async (username: string) =>
      (
        (await (await loginAs(app, username)).request('GET', '/api/me/notifications')).json().items as {
          title: string;
        }[]
      ).map((n) => n.title);
    expect(await titles('reviewer2')).toEqual(Array(3).fill('待审核的发布申请：市住建局：2024 年本溪区土地利用现状图'));
    expect((await titles('clerk')).sort()).toEqual(
      [
        '发布审核审核通过：2024 年本溪区土地利用现状图',
        '发布审核审核通过：2024 年本溪区土地利用现状图',
        '发布审核不予通过：2024 年本溪区土地利用现状图',
      ].sort(),
    );
  });

  test('BX-18 every transition through the API: changes requested → resubmitted with a new deadline → approved; illegal ones 409', async () => {
    const r = await submitted();
    let reviewer = await loginAs(app, 'reviewer');
    let clerk = await as('clerk');
    const post = (event: string, body: object = {}) =>
      reviewer.request('POST', `/api/publication-reviews/${r.id}/${event}`, body);

    const resubmitEarly = await clerk.resubmit(r.id, { ...request(), keepAttachmentIds: [] }, [
      { name: 'a.pdf', data: PDF },
    ]);
    expect(resubmitEarly.json()).toMatchObject({
      statusCode: 409,
      code: 'PUBLICATION_TRANSITION_INVALID',
      details: { from: 'submitted', event: 'resubmit' },
    });
    expect((await post('request-changes', { reason: '请补充数据来源说明' })).json()).toMatchObject({
      state: 'changesRequested',
      decisionNote: '请补充数据来源说明',
    });
    for (const event of ['approve', 'reject', 'request-changes'])
      expect((await post(event, { reason: '再次处理', note: '再次处理' })).json().code).toBe(
        'PUBLICATION_TRANSITION_INVALID',
      );

    clock.advanceMinutes(3 * 24 * 60); // Thursday 2026-11-26; sessions expired meanwhile
    reviewer = await loginAs(app, 'reviewer');
    clerk = await as('clerk');
    const again = await clerk.resubmit(
      r.id,
      {
        ...request({ citation: '数据来源：市自然资源局《影像 pub》（DOM-2024-000001）' }),
        keepAttachmentIds: [r.attachments[0]!.id],
      },
      [{ name: '说明.pdf', data: PDF }],
    );
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({
      state: 'submitted',
      dueDate: '2026-12-03',
      decisionNote: null,
      citation: '数据来源：市自然资源局《影像 pub》（DOM-2024-000001）',
    });
    expect(again.json().attachments.map((a: { name: string }) => a.name)).toEqual(['现状图.png', '说明.pdf']);

    // the second round drops the PNG: it leaves the request but stays readable for the record
    await post('request-changes', { reason: '图面仍需修改' });
    const third = await clerk.resubmit(r.id, { ...request(), keepAttachmentIds: [] }, [
      { name: '终稿.pdf', data: PDF },
    ]);
    expect(third.json().attachments.map((a: { name: string }) => a.name)).toEqual(['终稿.pdf']);
    expect(
      (await clerk.request('GET', `/api/publication-reviews/${r.id}/attachments/${r.attachments[0]!.id}`)).statusCode,
    ).toBe(200);

    expect((await post('approve')).json()).toMatchObject({ state: 'approved', number: 'GKSH-2026-001' });
    for (const event of ['approve', 'reject', 'request-changes'])
      expect((await post(event, { reason: '再次处理' })).json().code).toBe('PUBLICATION_TRANSITION_INVALID');
    expect(
      (await clerk.resubmit(r.id, { ...request(), keepAttachmentIds: [] }, [{ name: 'x.pdf', data: PDF }])).json().code,
    ).toBe('PUBLICATION_TRANSITION_INVALID');

    const history = (await clerk.request('GET', `/api/publication-reviews/${r.id}`)).json().history;
    expect(history.map((h: { action: string }) => h.action)).toEqual([
      'publication.submit',
      'publication.requestChanges',
      'publication.resubmit',
      'publication.requestChanges',
      'publication.resubmit',
      'publication.approve',
    ]);
  });

  test('BX-18 a clerk can’t decide, a reviewer can’t decide their own request, a stranger can’t resubmit', async () => {
    const r = await submitted();
    const clerk = await loginAs(app, 'clerk');
    for (const event of ['approve', 'reject', 'request-changes']) {
      const res = await clerk.request('POST', `/api/publication-reviews/${r.id}/${event}`, { reason: '自行通过' });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('AUTH_FORBIDDEN');
    }
    const own = await submitted('reviewer');
    const reviewer = await loginAs(app, 'reviewer');
    expect((await reviewer.request('GET', `/api/publication-reviews/${own.id}`)).json().actions).toEqual([]);
    expect((await reviewer.request('POST', `/api/publication-reviews/${own.id}/approve`, {})).json().code).toBe(
      'PUBLICATION_SELF_REVIEW',
    );
    const colleague = await loginAs(app, 'reviewer2');
    expect((await colleague.request('POST', `/api/publication-reviews/${own.id}/approve`, {})).json().state).toBe(
      'approved',
    );

    await reviewer.request('POST', `/api/publication-reviews/${r.id}/request-changes`, { reason: '请修改' });
    const stranger = await as('clerk2');
    expect(
      (await stranger.resubmit(r.id, { ...request(), keepAttachmentIds: [] }, [{ name: 'x.pdf', data: PDF }])).json()
        .code,
    ).toBe('PUBLICATION_NOT_FOUND');
    const byReviewer = await as('reviewer');
    expect(
      (await byReviewer.resubmit(r.id, { ...request(), keepAttachmentIds: [] }, [{ name: 'x.pdf', data: PDF }])).json()
        .code,
    ).toBe('AUTH_FORBIDDEN');
  });

  test('BX-18 rejecting or requesting changes needs a reason; a resubmission keeps only its own attachments', async () => {
    const r = await submitted();
    const other = await submitted('clerk');
    const reviewer = await loginAs(app, 'reviewer');
    for (const event of ['reject', 'request-changes']) {
      const res = await reviewer.request('POST', `/api/publication-reviews/${r.id}/${event}`, { reason: '' });
      expect(res.json().code).toBe('VALIDATION_FAILED');
    }
    await reviewer.request('POST', `/api/publication-reviews/${r.id}/request-changes`, { reason: '请修改' });
    const clerk = await as('clerk');
    const foreign = await clerk.resubmit(r.id, { ...request(), keepAttachmentIds: [other.attachments[0]!.id] }, []);
    expect(foreign.json().code).toBe('PUBLICATION_ATTACHMENT_NOT_FOUND');
    const none = await clerk.resubmit(r.id, { ...request(), keepAttachmentIds: [] }, []);
    expect(none.json().code).toBe('PUBLICATION_ATTACHMENT_REQUIRED');
    expect((await reviewer.request('GET', `/api/publication-reviews/${r.id}`)).json().state).toBe('changesRequested');
  });
});
