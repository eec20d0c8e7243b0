import { DOWNLOAD_QUOTA_BOUNDS, type DownloadQuotaLimits } from '@geoshare/shared';

/** 1 GB = 1024³ B, the unit formatBytes shows sizes in (the download modal shows the quota that way). */
const GB = 1024 ** 3;

/** What the quota forms edit: links a day, and GB a day (easier to type than bytes). */
export interface QuotaValues {
  limitCount: number;
  limitGb: number;
}

/** The form's bounds: the server's, with bytes in GB; 0.001 GB is just above the 1 MiB minimum. */
export const QUOTA_INPUT_BOUNDS = {
  count: DOWNLOAD_QUOTA_BOUNDS.count,
  gb: { min: 0.001, max: DOWNLOAD_QUOTA_BOUNDS.bytes.max / GB },
} as const;

export const valuesOf = (q: DownloadQuotaLimits): QuotaValues => ({
  limitCount: q.limitCount,
  limitGb: Math.round((q.limitBytes / GB) * 1000) / 1000,
});

export const limitsOf = (v: QuotaValues): DownloadQuotaLimits => ({
  limitCount: v.limitCount,
  limitBytes: Math.round(v.limitGb * GB),
});
