import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { givenUser, loginAs, resetDb, testApp, testDb } from '../../../../test/harness.js';
import type { Db } from '../../db/db.port.js';

let db: Db;
let app: Awaited<ReturnType<typeof testApp>>['app'];
beforeAll(async () => {
  db = await testDb();
  ({ app } = await testApp(db));
});
afterAll(() => app.close());
beforeEach(async () => {
  await resetDb(db);
  await givenUser(app.services, { username: 'admin', roles: ['admin'] });
  await givenUser(app.services, { username: 'clerk', roles: ['departmentClerk'] });
});

describe('YQ-22 working-day calendar through the API', () => {
  test('ZS-21 the 5-working-day answer period across the 2026 National Day holiday', async () => {
    const clerk = await loginAs(app, 'clerk');
    const res = await clerk.request('GET', '/api/calendar/deadline?from=2026-09-28&days=5');
    expect(res.json()).toEqual({ from: '2026-09-28', days: 5, deadline: '2026-10-10' });
  });

  test('YQ-22 2027 is refused until an admin confirms it, then computed on weekends', async () => {
    const admin = await loginAs(app, 'admin');
    const refused = await admin.request('GET', '/api/calendar/deadline?from=2027-03-01&days=5');
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'CALENDAR_NOT_PUBLISHED', details: { year: 2027 } });

    const years = (await admin.request('GET', '/api/calendar/years')).json().items as {
      year: number;
      status: string;
    }[];
    expect(years.find((y) => y.year === 2027)?.status).toBe('unpublished');
    expect(years.find((y) => y.year === 2026)?.status).toBe('published');

    const confirmed = await admin.request('POST', '/api/calendar/years/2027/confirm');
    expect(confirmed.json()).toMatchObject({ year: 2027, status: 'confirmed', confirmedBy: 'admin 测试' });
    expect((await admin.request('GET', '/api/calendar/deadline?from=2027-03-01&days=5')).json().deadline).toBe(
      '2027-03-08',
    );
    expect((await admin.request('POST', '/api/calendar/years/2026/confirm')).json().code).toBe(
      'CALENDAR_YEAR_PUBLISHED',
    );
  });

  test('YQ-22 an admin override changes deadlines at once and is audited', async () => {
    const admin = await loginAs(app, 'admin');
    const put = await admin.request('PUT', '/api/calendar/overrides/2026-10-09', { working: false, note: '防汛停工' });
    expect(put.statusCode).toBe(200);
    expect((await admin.request('GET', '/api/calendar/deadline?from=2026-09-28&days=5')).json().deadline).toBe(
      '2026-10-12',
    );
    expect((await admin.request('GET', '/api/calendar/overrides?year=2026')).json().items).toEqual([
      { date: '2026-10-09', working: false, note: '防汛停工' },
    ]);
    expect((await admin.request('DELETE', '/api/calendar/overrides/2026-10-09')).statusCode).toBe(204);
    expect((await admin.request('DELETE', '/api/calendar/overrides/2026-10-09')).statusCode).toBe(404);
    const { rows } = await db.query("SELECT action FROM audit_event WHERE object_type = 'calendar_day' ORDER BY id");
    expect(rows.map((r) => r.action)).toEqual(['calendar.set_override', 'calendar.delete_override']);
  });

  test('YQ-22 day listing explains each day', async () => {
    const clerk = await loginAs(app, 'clerk');
    const days = (await clerk.request('GET', '/api/calendar/days?from=2026-10-09&to=2026-10-11')).json().items;
    expect(days).toEqual([
      { date: '2026-10-09', working: true, reason: '工作日' },
      { date: '2026-10-10', working: true, reason: '调休上班：国庆节' },
      { date: '2026-10-11', working: false, reason: '周末' },
    ]);
  });

  test('bad input: a non-date, a non-admin override, a range too long', async () => {
    const clerk = await loginAs(app, 'clerk');
    expect((await clerk.request('GET', '/api/calendar/deadline?from=2026-13-01&days=5')).json().code).toBe(
      'VALIDATION_FAILED',
    );
    expect((await clerk.request('GET', '/api/calendar/deadline?from=yesterday&days=5')).statusCode).toBe(400);
    expect(
      (await clerk.request('PUT', '/api/calendar/overrides/2026-10-09', { working: false, note: 'x' })).statusCode,
    ).toBe(403);
    expect((await clerk.request('GET', '/api/calendar/days?from=2026-01-01&to=2027-12-31')).json().code).toBe(
      'CALENDAR_RANGE_TOO_LONG',
    );
  });
});
