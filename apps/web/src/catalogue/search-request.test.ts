import { describe, expect, test } from 'vitest';
import { allOf, bboxOf, filterOf, resolutionCondition, type SearchArea, searchBody } from './search-request';

describe('catalogue search request', () => {
  test('no choice: newest first, 20 a page, no filter', () => {
    expect(searchBody(null, {})).toEqual({ limit: 20, sortby: [{ field: 'datetime', direction: 'desc' }] });
  });

  test('one condition is sent bare, several as one AND', () => {
    expect(filterOf({ secrecy: 'public' })).toEqual({ op: '=', args: [{ property: 'geoshare:secrecy' }, 'public'] });
    expect(filterOf({ resolution: 'sub1', platforms: ['GF-2', ' ', 'GF-7'], maxCloudCover: 20 })).toEqual({
      op: 'and',
      args: [
        { op: '<=', args: [{ property: 'gsd' }, 1] },
        { op: 'in', args: [{ property: 'platform' }, ['GF-2', 'GF-7']] },
        { op: '<=', args: [{ property: 'eo:cloud_cover' }, 20] },
      ],
    });
    expect(allOf([])).toBeUndefined();
  });

  test('resolution classes: ≤ their bound, the coarsest > 2 m', () => {
    expect(resolutionCondition('sub05')).toEqual({ op: '<=', args: [{ property: 'gsd' }, 0.5] });
    expect(resolutionCondition('coarse')).toEqual({ op: '>', args: [{ property: 'gsd' }, 2] });
  });

  test('a cloud limit of 100 % is no limit', () => {
    expect(filterOf({ maxCloudCover: 100 })).toBeUndefined();
  });

  test('area, period, free text and filter together', () => {
    const district: SearchArea = {
      kind: 'district',
      code: '990102',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [114, 27],
            [115, 27],
            [115, 28],
            [114, 27],
          ],
        ],
      },
    };
    const body = searchBody(district, {
      period: ['2023-12-31T16:00:00.000Z', '2024-12-31T15:59:59.999Z'],
      q: '  高分 正射 ',
      productType: 'dom',
      sharingType: 'conditional',
    });
    expect(body).toEqual({
      intersects: district.geometry,
      datetime: '2023-12-31T16:00:00.000Z/2024-12-31T15:59:59.999Z',
      q: '高分 正射',
      filter: {
        op: 'and',
        args: [
          { op: '=', args: [{ property: 'geoshare:product_type' }, 'dom'] },
          { op: '=', args: [{ property: 'geoshare:sharing_type' }, 'conditional'] },
        ],
      },
      'filter-lang': 'cql2-json',
      limit: 20,
      sortby: [{ field: 'datetime', direction: 'desc' }],
    });
  });

  test('a drawn box is sent as bbox, corners in any order', () => {
    const bbox = bboxOf([114.5, 27.9], [114.1, 27.2]);
    expect(bbox).toEqual([114.1, 27.2, 114.5, 27.9]);
    expect(searchBody({ kind: 'box', bbox }, {}).bbox).toEqual(bbox);
  });
});
