import { describe, expect, it } from 'vitest';
import { chinaDate, chinaDateTime } from '../china-time.js';

describe('China Standard Time (UTC+8)', () => {
  it.each([
    ['2026-11-23T15:59:00Z', '2026-11-23 23:59'],
    ['2026-11-23T16:00:00Z', '2026-11-24 00:00'],
    ['2026-11-23T21:00:00Z', '2026-11-24 05:00'],
    ['2026-11-30T15:59:59Z', '2026-11-30 23:59'],
    ['2026-12-31T16:30:00Z', '2027-01-01 00:30'],
  ])('%s is %s in China', (utc, china) => {
    expect(chinaDateTime(new Date(utc))).toBe(china);
    expect(chinaDate(new Date(utc))).toBe(china.slice(0, 10));
  });
});
