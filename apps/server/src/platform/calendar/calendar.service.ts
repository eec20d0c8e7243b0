import type { CalendarDay, CalendarOverride, CalendarYear } from '@geoshare/shared';
import type { AuditService } from '../audit/audit.service.js';
import type { RequestContext } from '../auth/actor.js';
import type { Clock } from '../clock.js';
import type { Db, Queryable } from '../db/db.port.js';
import { DomainError } from '../errors/domain-error.js';
import { calendarRepository } from './calendar.repository.js';
import { addDays, type CalendarData, parseIsoDate, WorkingCalendar } from './calendar.rules.js';

const MAX_RANGE_DAYS = 400;

/** The calendar as other modules use it: working-day arithmetic on the official data plus DB overrides. */
export class CalendarService {
  constructor(
    private readonly db: Db,
    private readonly data: CalendarData,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Loads overrides and confirmations (two small reads) so every answer reflects the latest admin change. */
  async calendar(q: Queryable = this.db): Promise<WorkingCalendar> {
    const [overrides, confirmations] = await Promise.all([
      calendarRepository.overrides(q),
      calendarRepository.confirmations(q),
    ]);
    return new WorkingCalendar(this.data, {
      overrides: new Map(overrides.map((o) => [o.date, o])),
      confirmedYears: new Set(confirmations.map((c) => c.year)),
    });
  }

  async addWorkingDays(date: string, n: number, q?: Queryable): Promise<string> {
    return (await this.calendar(q)).addWorkingDays(date, n);
  }

  async workingDaysBetween(a: string, b: string, q?: Queryable): Promise<number> {
    return (await this.calendar(q)).workingDaysBetween(a, b);
  }

  async isWorkingDay(date: string, q?: Queryable): Promise<boolean> {
    return (await this.calendar(q)).isWorkingDay(date);
  }

  /** Years from the first published one to two years past today, with their status. */
  async years(): Promise<CalendarYear[]> {
    const cal = await this.calendar();
    const [confirmations, overrides] = await Promise.all([
      calendarRepository.confirmations(this.db),
      calendarRepository.overrides(this.db),
    ]);
    const thisYear = this.clock.now().getUTCFullYear();
    const published = [...this.data.publishedYears];
    const first = Math.max(Math.min(...published), thisYear - 5);
    const years: CalendarYear[] = [];
    for (let y = thisYear + 2; y >= first; y--) {
      const c = confirmations.find((x) => x.year === y);
      years.push({
        year: y,
        status: cal.yearStatus(y),
        confirmedBy: c?.name ?? null,
        confirmedAt: c ? c.confirmed_at.toISOString() : null,
        overrides: overrides.filter((o) => o.date.startsWith(`${y}-`)).length,
      });
    }
    return years;
  }

  async days(from: string, to: string): Promise<CalendarDay[]> {
    const span = (parseIsoDate(to) - parseIsoDate(from)) / 86_400_000;
    if (span < 0 || span > MAX_RANGE_DAYS) throw new DomainError('CALENDAR_RANGE_TOO_LONG', { from, to });
    const cal = await this.calendar();
    const out: CalendarDay[] = [];
    for (let d = from; d <= to; d = addDays(d, 1)) {
      // An unpublished, unconfirmed year shows as unknown days rather than failing the whole month view.
      const status = cal.yearStatus(Number(d.slice(0, 4)));
      out.push(status === 'unpublished' ? { date: d, working: false, reason: '未发布' } : cal.day(d));
    }
    return out;
  }

  overrides(year?: number): Promise<CalendarOverride[]> {
    return calendarRepository.overrides(this.db, year);
  }

  /** An admin accepts computing deadlines in a year without a published arrangement (weekends + overrides). */
  async confirmYear(ctx: RequestContext, year: number): Promise<CalendarYear> {
    if (this.data.publishedYears.has(year)) throw new DomainError('CALENDAR_YEAR_PUBLISHED', { year });
    await this.db.transaction(async (tx) => {
      await calendarRepository.confirmYear(tx, year, ctx.actor?.userId ?? null, this.clock.now());
      await this.audit.record(tx, ctx, {
        action: 'calendar.confirm_year',
        objectType: 'calendar_year',
        objectId: String(year),
      });
    });
    const c = (await calendarRepository.confirmations(this.db)).find((x) => x.year === year);
    const overrides = await calendarRepository.overrides(this.db, year);
    return {
      year,
      status: 'confirmed',
      confirmedBy: c?.name ?? null,
      confirmedAt: c?.confirmed_at.toISOString() ?? null,
      overrides: overrides.length,
    };
  }

  async setOverride(ctx: RequestContext, o: CalendarOverride): Promise<CalendarOverride> {
    parseIsoDate(o.date);
    await this.db.transaction(async (tx) => {
      const before = await calendarRepository.upsertOverride(tx, o, ctx.actor?.userId ?? null);
      await this.audit.record(tx, ctx, {
        action: 'calendar.set_override',
        objectType: 'calendar_day',
        objectId: o.date,
        summary: { before, after: { working: o.working, note: o.note } },
      });
    });
    return o;
  }

  async deleteOverride(ctx: RequestContext, date: string): Promise<void> {
    parseIsoDate(date);
    await this.db.transaction(async (tx) => {
      const before = await calendarRepository.deleteOverride(tx, date);
      if (!before) throw new DomainError('NOT_FOUND', { date }, '该日期没有调整记录');
      await this.audit.record(tx, ctx, {
        action: 'calendar.delete_override',
        objectType: 'calendar_day',
        objectId: date,
        summary: { before },
      });
    });
  }
}
