import { describe, expect, test } from 'vitest';
import type { UsageRow } from '../sharing.api';
import { barShare, totalsByKind } from './usage-stats';

const rows: UsageRow[] = [
  { key: '规划局', label: '规划局', kind: 'tile', count: 400, bytes: 4000, users: 3 },
  { key: '规划局', label: '规划局', kind: 'download', count: 2, bytes: 900, users: 1 },
  { key: '水务局', label: '水务局', kind: 'tile', count: 100, bytes: 1000, users: 1 },
  { key: '水务局', label: '水务局', kind: 'download', count: 4, bytes: 100, users: 2 },
];

describe('usage statistics (MNR-16)', () => {
  test('totals per kind, every kind listed', () => {
    expect(totalsByKind(rows)).toEqual([
      { kind: 'tile', count: 500, bytes: 5000 },
      { kind: 'download', count: 6, bytes: 1000 },
      { kind: 'api', count: 0, bytes: 0 },
    ]);
  });

  test('bars compare a row with the largest of its own kind', () => {
    expect(barShare(rows[0]!, rows)).toBe(1);
    expect(barShare(rows[2]!, rows)).toBe(0.25);
    expect(barShare(rows[1]!, rows)).toBe(0.5);
    expect(barShare({ key: 'x', label: 'x', kind: 'api', count: 0, bytes: 0, users: 0 }, rows)).toBe(0);
  });
});
