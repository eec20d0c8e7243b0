/** The time port: domain code never reads the system clock directly, so tests can fix "now". */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/** Deadlines and daily quotas count in China calendar days (UTC+8). */
export { chinaDate } from '@geoshare/shared';
