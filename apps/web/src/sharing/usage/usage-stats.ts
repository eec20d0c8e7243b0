import type { UsageKind, UsageRow } from '../sharing.api';

/** The kinds of online use in display order, with their labels (MNR-16). */
export const USAGE_KINDS: { kind: UsageKind; label: string; color: string }[] = [
  { kind: 'tile', label: '瓦片', color: 'blue' },
  { kind: 'download', label: '下载', color: 'green' },
  { kind: 'api', label: 'API', color: 'purple' },
];

export interface KindTotal {
  kind: UsageKind;
  count: number;
  bytes: number;
}

/**
 * Totals per kind of use, every kind present (zero when unused). Users are not totalled: the rows count distinct users
 * per group, and one user may appear in several groups.
 */
export function totalsByKind(rows: UsageRow[]): KindTotal[] {
  return USAGE_KINDS.map(({ kind }) => {
    const ofKind = rows.filter((r) => r.kind === kind);
    return {
      kind,
      count: ofKind.reduce((sum, r) => sum + r.count, 0),
      bytes: ofKind.reduce((sum, r) => sum + r.bytes, 0),
    };
  });
}

/**
 * The length of a row's bar, 0..1: its count against the largest of the same kind (a map view makes hundreds of tile
 * requests where a download is one, so kinds are not compared with each other).
 */
export function barShare(row: UsageRow, rows: UsageRow[]): number {
  const max = Math.max(0, ...rows.filter((r) => r.kind === row.kind).map((r) => r.count));
  return max > 0 ? row.count / max : 0;
}
