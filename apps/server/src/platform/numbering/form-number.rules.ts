/** Official form numbers: SQB-2026-001, YJD-2026-012, GKSH-2026-003 (three digits, more when the year needs them). */
export const formatFormNumber = (prefix: string, year: number, n: number): string =>
  `${prefix}-${year}-${String(n).padStart(3, '0')}`;
