/** How values are printed on the forms (pure). Dates follow the Chinese official style 「2026年11月23日」. */

import { CHINA_OFFSET_MS } from '@geoshare/shared';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The China-time wall clock of an ISO date or instant, as [year, month, day, hour, minute]. */
function chinaParts(iso: string): [number, number, number, number, number] {
  const date = ISO_DATE.exec(iso);
  if (date) return [Number(date[1]), Number(date[2]), Number(date[3]), 0, 0];
  const t = new Date(new Date(iso).getTime() + CHINA_OFFSET_MS);
  if (Number.isNaN(t.getTime())) throw new Error(`not an ISO date or instant: ${iso}`);
  return [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate(), t.getUTCHours(), t.getUTCMinutes()];
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** 「2026年11月23日」; null gives the blank 「    年  月  日」 of a form to fill in by hand. */
export function cnDate(iso: string | null): string {
  if (iso === null) return '      年    月    日';
  const [y, m, d] = chinaParts(iso);
  return `${y}年${m}月${d}日`;
}

/** 「2026年11月23日 10:05」 in China time. */
export function cnDateTime(iso: string): string {
  const [y, m, d, h, min] = chinaParts(iso);
  return `${y}年${m}月${d}日 ${pad2(h)}:${pad2(min)}`;
}

/** Compact 「2026-08-15」 (China time) for table columns. */
export function shortDate(iso: string | null): string {
  if (iso === null) return '—';
  const [y, m, d] = chinaParts(iso);
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** The instant a calendar date or instant stands for: midnight China time of a `YYYY-MM-DD`. */
export function instantOf(iso: string): Date {
  return ISO_DATE.test(iso) ? new Date(`${iso}T00:00:00+08:00`) : new Date(iso);
}

/** A size in binary units with one decimal, e.g. 「3.2 GB」 (1 GB = 1024³ B). */
export function formatBytes(bytes: number | null): string {
  if (bytes === null) return '—';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u += 1;
  }
  return `${u === 0 ? v : v.toFixed(1)} ${units[u]}`;
}

/** Gigabytes as printed in 「共 12.5 GB」: at most two decimals, no trailing zeros. */
export const formatGb = (gb: number): string => `${Number(gb.toFixed(2))}`;

/** Ground sample distance in metres, e.g. 「0.5 米」. */
export const formatGsd = (gsd: number | null): string => (gsd === null ? '—' : `${Number(gsd.toFixed(2))} 米`);

/** The filled-in or blank checkbox before an option (□ / ■). */
export const checkbox = (checked: boolean, label: string): string => `${checked ? '■' : '□'}${label}`;
