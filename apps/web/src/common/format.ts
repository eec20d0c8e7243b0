import dayjs, { type Dayjs } from 'dayjs';

const DATE_FORMAT = 'YYYY-MM-DD';

export function formatDateTime(iso: string | null | undefined, fallback = '—'): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD HH:mm:ss') : fallback;
}

export function formatNumber(value: number, maximumFractionDigits = 2): string {
  return value.toLocaleString('zh-CN', { maximumFractionDigits });
}

/** A size in bytes as 1 KB = 1024 B, e.g. 「3.2 GB」. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${formatNumber(value, unit === 0 ? 0 : 1)} ${units[unit]}`;
}

/** Form `normalize` for codes entered in upper case (credit codes, ID numbers). */
export const upperCase = (value?: string) => value?.toUpperCase();

/** A calendar date as the API wants it (YYYY-MM-DD, local). */
export function isoDate(day: Dayjs): string {
  return day.format(DATE_FORMAT);
}
