import { describe, expect, test } from 'vitest';
import { isDomainError } from '../../errors/domain-error.js';
import { officialCalendarData } from '../calendar.data.js';
import { WorkingCalendar } from '../calendar.rules.js';

const data = officialCalendarData();
const official = new WorkingCalendar(data, { overrides: new Map(), confirmedYears: new Set() });

describe('YQ-22 working days on the official calendar with 调休', () => {
  test.each([
    // [event date, n working days, deadline] — counting starts the day after the event
    ['2026-09-28', 5, '2026-10-10'], // National Day 10-01..07 off; Sat 10-10 is a make-up working day
    ['2026-09-30', 1, '2026-10-08'],
    ['2026-02-13', 1, '2026-02-14'], // Sat 02-14 is a make-up day before the Spring Festival
    ['2026-02-14', 1, '2026-02-24'], // Spring Festival 02-15..23 off
    ['2025-09-26', 5, '2025-10-10'], // 2025: 09-28 (Sun) make-up counts, 10-01..08 off
    ['2024-04-30', 1, '2024-05-06'], // Labour Day 2024: 05-01..05 off
    ['2024-12-31', 1, '2025-01-02'],
    ['2026-11-20', 10, '2026-12-04'], // plain weekends
  ])('YQ-22 %s + %i working days = %s', (from, n, expected) => {
    expect(official.addWorkingDays(from, n)).toBe(expected);
    expect(official.workingDaysBetween(from, expected)).toBe(n);
  });

  test.each([
    ['2026-10-10', true], // Saturday make-up day
    ['2026-10-05', false], // National Day
    ['2026-11-21', false], // plain Saturday
    ['2026-11-23', true],
  ])('YQ-22 isWorkingDay(%s) = %s', (d, w) => {
    expect(official.isWorkingDay(d)).toBe(w);
  });

  test('YQ-22 a deadline falling on a holiday moves to the next working day', () => {
    expect(official.nextWorkingDay('2026-10-01')).toBe('2026-10-08');
    expect(official.nextWorkingDay('2026-10-09')).toBe('2026-10-09');
  });

  test('BX-10 30 working days after receipt skips the National Day week', () => {
    expect(official.addWorkingDays('2026-09-15', 30)).toBe('2026-11-02');
  });

  test('YQ-22 workingDaysBetween is antisymmetric', () => {
    expect(official.workingDaysBetween('2026-10-10', '2026-09-28')).toBe(-5);
  });
});

describe('YQ-22 unpublished years are refused until an admin confirms them', () => {
  test('YQ-22 2027 has no published arrangement', () => {
    expect(official.yearStatus(2027)).toBe('unpublished');
    expect(official.yearStatus(2026)).toBe('published');
    let err: unknown;
    try {
      official.addWorkingDays('2026-12-28', 5); // runs into 2027
    } catch (e) {
      err = e;
    }
    expect(isDomainError(err) && err.code).toBe('CALENDAR_NOT_PUBLISHED');
    expect(isDomainError(err) && err.details).toEqual({ year: 2027 });
  });

  test('YQ-22 a confirmed year counts weekends plus overrides', () => {
    const cal = new WorkingCalendar(data, {
      confirmedYears: new Set([2027]),
      overrides: new Map([['2027-01-01', { working: false, note: '元旦（预估）' }]]),
    });
    expect(cal.yearStatus(2027)).toBe('confirmed');
    expect(cal.addWorkingDays('2026-12-30', 2)).toBe('2027-01-04'); // 12-31 Thu, 01-01 override off, 01-04 Mon
  });

  test('YQ-22 an admin override wins over the published data', () => {
    const cal = new WorkingCalendar(data, {
      confirmedYears: new Set(),
      overrides: new Map([['2026-10-10', { working: false, note: '全市停工' }]]),
    });
    expect(cal.day('2026-10-10')).toEqual({ date: '2026-10-10', working: false, reason: '管理员调整：全市停工' });
    expect(cal.addWorkingDays('2026-09-28', 5)).toBe('2026-10-12');
  });

  test('invalid dates are refused with a code', () => {
    expect(() => official.isWorkingDay('2026-02-30')).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});
