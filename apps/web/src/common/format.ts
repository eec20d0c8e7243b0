import dayjs, { type Dayjs } from 'dayjs';

const DATE_FORMAT = 'YYYY-MM-DD';

export function formatDateTime(iso: string | null | undefined, fallback = '—'): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD HH:mm:ss') : fallback;
}

export function formatNumber(value: number, maximumFractionDigits = 2): string {
  return value.toLocaleString('zh-CN', { maximumFractionDigits });
}

/** Form `normalize` for codes entered in upper case (credit codes, ID numbers). */
export const upperCase = (value?: string) => value?.toUpperCase();

/** A calendar date as the API wants it (YYYY-MM-DD, local). */
export function isoDate(day: Dayjs): string {
  return day.format(DATE_FORMAT);
}
