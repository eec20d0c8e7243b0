import { describe, expect, test } from 'vitest';
import { citationOf } from '../publication.js';

describe('MNR-18 derived results cite their sources', () => {
  test('MNR-18 the citation names each source’s custodian, title and uniform number, in order', () => {
    expect(
      citationOf([
        { title: '2024 年 DOM', catalogueNo: 'DOM-2024-000001', custodianName: '市自然资源局' },
        { title: 'GF-2 影像', catalogueNo: 'CJ-2024-000007', custodianName: null },
      ]),
    ).toBe('数据来源：市自然资源局《2024 年 DOM》（DOM-2024-000001）；《GF-2 影像》（CJ-2024-000007）。');
  });
});
