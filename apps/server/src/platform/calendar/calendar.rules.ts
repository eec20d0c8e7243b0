import { DomainError } from '../errors/domain-error.js';

/**
 * Working days on the official calendar (YQ-22, BX-10, MNR-6/7/8/9, ZS-11, ZS-21): weekends and statutory
 * holidays are off, 调休 make-up weekend days are on, admin overrides win over both. Dates are 'YYYY-MM-DD'
 * strings in China Standard Time; all arithmetic is on UTC midnights so no time zone can shift a day.
 */
export interface CalendarData {
  /** statutory days off (including weekend days inside a holiday), date → holiday name */
  holidays: ReadonlyMap<string, string>;
  /** make-up working days on weekends (调休), date → holiday name they compensate */
  makeUpDays: ReadonlyMap<string, string>;
  /** years whose State Council arrangement is contained in the data */
  publishedYears: ReadonlySet<number>;
}

export interface CalendarState {
  overrides: ReadonlyMap<string, { working: boolean; note: string }>;
  /** years without a published arrangement that an admin accepted: weekends + overrides only */
  confirmedYears: ReadonlySet<number>;
}

export interface DayInfo {
  date: string;
  working: boolean;
  reason: string;
}

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseIsoDate(s: string): number {
  const m = ISO_DATE.exec(s);
  const t = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : Number.NaN;
  if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== s)
    throw new DomainError('VALIDATION_FAILED', { date: s }, `日期不合法：${s}`);
  return t;
}
const format = (t: number): string => new Date(t).toISOString().slice(0, 10);
export const addDays = (date: string, n: number): string => format(parseIsoDate(date) + n * DAY_MS);

export class WorkingCalendar {
  constructor(
    private readonly data: CalendarData,
    private readonly state: CalendarState,
  ) {}

  /** Whether working days can be computed in `year`: published by the State Council, or confirmed by an admin. */
  yearStatus(year: number): 'published' | 'confirmed' | 'unpublished' {
    if (this.data.publishedYears.has(year)) return 'published';
    return this.state.confirmedYears.has(year) ? 'confirmed' : 'unpublished';
  }

  day(date: string): DayInfo {
    const t = parseIsoDate(date);
    const year = new Date(t).getUTCFullYear();
    if (this.yearStatus(year) === 'unpublished')
      throw new DomainError(
        'CALENDAR_NOT_PUBLISHED',
        { year },
        `${year} 年的法定节假日安排尚未发布，需管理员确认后才能计算工作日期限`,
      );
    const override = this.state.overrides.get(date);
    if (override) return { date, working: override.working, reason: `管理员调整：${override.note}` };
    const holiday = this.data.holidays.get(date);
    if (holiday) return { date, working: false, reason: `法定节假日：${holiday}` };
    const makeUp = this.data.makeUpDays.get(date);
    if (makeUp) return { date, working: true, reason: `调休上班：${makeUp}` };
    const dow = new Date(t).getUTCDay();
    return dow === 0 || dow === 6
      ? { date, working: false, reason: '周末' }
      : { date, working: true, reason: '工作日' };
  }

  isWorkingDay(date: string): boolean {
    return this.day(date).working;
  }

  /**
   * The n-th working day after `date` (n ≥ 1). Counting starts the day after the event, so the result is always a
   * working day (a deadline never lands on a day off).
   */
  addWorkingDays(date: string, n: number): string {
    if (!Number.isInteger(n) || n < 1) throw new DomainError('VALIDATION_FAILED', { n }, '工作日天数必须为正整数');
    let d = date;
    for (let left = n; left > 0; ) {
      d = addDays(d, 1);
      if (this.isWorkingDay(d)) left -= 1;
    }
    return d;
  }

  /** Working days in (a, b]: `workingDaysBetween(a, addWorkingDays(a, n)) === n`. Negative when b < a. */
  workingDaysBetween(a: string, b: string): number {
    if (b < a) return -this.workingDaysBetween(b, a);
    let count = 0;
    for (let d = addDays(a, 1); d <= b; d = addDays(d, 1)) if (this.isWorkingDay(d)) count += 1;
    return count;
  }

  /** `date` itself when it is a working day, else the next one (YQ-22: deadlines on holidays move forward). */
  nextWorkingDay(date: string): string {
    let d = date;
    while (!this.isWorkingDay(d)) d = addDays(d, 1);
    return d;
  }
}
