import raw from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import type { CalendarData } from './calendar.rules.js';

/** `chinese-days` values look like "National Day,国庆节,3": keep the Chinese name. */
const chineseName = (v: string): string => v.split(',')[1] ?? v;

function toMap(o: Record<string, string>): Map<string, string> {
  return new Map(Object.entries(o).map(([d, v]) => [d, chineseName(v)]));
}

/**
 * The official arrangement as published by the State Council each year, from the `chinese-days` package.
 * A year counts as published when the data holds any statutory holiday in it.
 */
export function officialCalendarData(): CalendarData {
  const holidays = toMap(raw.holidays as Record<string, string>);
  return {
    holidays,
    makeUpDays: toMap(raw.workdays as Record<string, string>),
    publishedYears: new Set([...holidays.keys()].map((d) => Number(d.slice(0, 4)))),
  };
}
