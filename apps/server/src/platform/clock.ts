/** The time port: domain code never reads the system clock directly, so tests can fix "now". */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/** The China-time (UTC+8, no DST) calendar date of an instant, YYYY-MM-DD: what deadlines and daily quotas count in. */
export const chinaDate = (d: Date): string => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
