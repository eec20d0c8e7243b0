/**
 * China Standard Time is UTC+8 all year (no daylight saving since 1991): shifting an instant by 8 h and reading its
 * UTC fields gives the China wall clock, whatever the machine's or the browser's own time zone. Deadlines, daily
 * quotas and usage days count in it.
 */
export const CHINA_OFFSET_MS = 8 * 3600_000;

/** An instant's China wall-clock time, `YYYY-MM-DD HH:mm`. */
export const chinaDateTime = (d: Date): string =>
  new Date(d.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');

/** An instant's China calendar date, `YYYY-MM-DD`. */
export const chinaDate = (d: Date): string => chinaDateTime(d).slice(0, 10);
