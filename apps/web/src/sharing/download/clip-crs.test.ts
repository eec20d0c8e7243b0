import type { MultiPolygon, Polygon } from 'geojson';
import { describe, expect, test } from 'vitest';
import { bboxPolygon } from '../../catalogue/search-request';
import { CLIP_CRS_GROUPS, centroidLon, suggestedClipCrs, threeDegreeEpsg, threeDegreeZone } from './clip-crs';

describe('clip output grid', () => {
  test('3° zone n = round(lon / 3), EPSG:4513 + (n − 25)', () => {
    expect(threeDegreeZone(117)).toBe(39);
    expect(threeDegreeEpsg(39)).toBe(4527);
    expect(threeDegreeZone(118.6)).toBe(40);
    expect(threeDegreeZone(73.6)).toBe(25);
    expect(threeDegreeZone(135.2)).toBe(45);
    expect(threeDegreeZone(10)).toBeNull();
  });

  test('the options: 4490, 3° zones 25–45 as 4513–4533, 6° zones 13–23 as 4491–4501', () => {
    const [geographic, three, six] = CLIP_CRS_GROUPS;
    expect(geographic?.options).toEqual([{ value: 4490, label: 'CGCS2000 经纬度 (EPSG:4490)' }]);
    expect(three?.options).toHaveLength(21);
    expect(three?.options.find((o) => o.value === 4527)?.label).toBe('CGCS2000 3度带 第39带 (EPSG:4527)');
    expect(six?.options.map((o) => o.value)).toEqual([
      4491, 4492, 4493, 4494, 4495, 4496, 4497, 4498, 4499, 4500, 4501,
    ]);
    expect(six?.options[0]?.label).toBe('CGCS2000 6度带 第13带 (EPSG:4491)');
  });

  test('the centroid weighs by area: a large box east of a small one pulls it east', () => {
    const big = bboxPolygon([118, 30, 120, 32]);
    const small = bboxPolygon([100, 30, 100.1, 30.1]);
    const both: MultiPolygon = { type: 'MultiPolygon', coordinates: [big.coordinates, small.coordinates] };
    expect(centroidLon(big)).toBeCloseTo(119);
    expect(centroidLon(both)).toBeGreaterThan(118.9);
  });

  test('the polygon centroid pre-selects its 3° zone; no area or outside China gives 4490', () => {
    expect(suggestedClipCrs(bboxPolygon([116.5, 39.5, 117.5, 40.5]))).toBe(4527);
    expect(suggestedClipCrs(null)).toBe(4490);
    expect(suggestedClipCrs(bboxPolygon([2, 48, 3, 49]))).toBe(4490);
    const line: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [117, 30],
          [117, 31],
          [117, 30],
        ],
      ],
    };
    expect(suggestedClipCrs(line)).toBe(4527);
  });
});
