import { describe, expect, test } from 'vitest';
import {
  centreSamplePair,
  footprintRing,
  type GeoTransform,
  gsdFromPixelSize,
  type Position2,
  pixelSize,
  pixelToCrs,
} from '../footprint.rules.js';

// GDAL order [c, a, b, f, d, e]: x = c + a·col + b·row, y = f + d·col + e·row.
const UTM_NORTH_UP: GeoTransform = [101985, 300.0379266750948, 0, 2826915, 0, -300.041782729805]; // RGB.byte.tif
const SOUTH_UP: GeoTransform = [0, 100, 0, 0, 0, 100]; // float_nan.tif: y grows with the row
// rotated.tif: 20 m pixels along the row rotated 30° (17.32, 10), 10 m along the column (5, −8.66).
const ROTATED: GeoTransform = [100, 17.320508075688775, 5, 200, 10, -8.660254037844387];
const CGCS2000_GEOGRAPHIC: GeoTransform = [123.5, 0.0001, 0, 41.5, 0, -0.0001]; // EPSG:4490, degrees

const close = (a: Position2, b: Position2, eps = 1e-6) => {
  expect(a[0]).toBeCloseTo(b[0], -Math.log10(eps));
  expect(a[1]).toBeCloseTo(b[1], -Math.log10(eps));
};

function signedArea(ring: Position2[]): number {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) s += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  return s / 2;
}

describe('pixelToCrs', () => {
  test.each([
    ['north-up origin', UTM_NORTH_UP, 0, 0, [101985, 2826915]],
    [
      'north-up far corner',
      UTM_NORTH_UP,
      791,
      718,
      [101985 + 791 * 300.0379266750948, 2826915 - 718 * 300.041782729805],
    ],
    ['south-up corner', SOUTH_UP, 3, 2, [300, 200]],
    ['rotated: one column', ROTATED, 1, 0, [117.32050807568878, 210]],
    ['rotated: one row', ROTATED, 0, 1, [105, 191.3397459621556]],
    ['rotated: far corner', ROTATED, 10, 15, [100 + 173.20508075688775 + 75, 200 + 100 - 129.9038105676658]],
  ] as const)('%s', (_name, gt, col, row, expected) => {
    close(pixelToCrs(gt, col, row), expected as unknown as Position2);
  });
});

describe('footprintRing', () => {
  test.each([
    ['north-up UTM', UTM_NORTH_UP, 791, 718],
    ['south-up grid (its pixel walk is already counter-clockwise)', SOUTH_UP, 3, 2],
    ['rotated 30°', ROTATED, 10, 15],
    ['geographic EPSG:4490', CGCS2000_GEOGRAPHIC, 1000, 800],
  ] as const)('%s: closed, counter-clockwise, 4n+1 positions, area = |det|·W·H', (_name, gt, w, h) => {
    for (const n of [1, 4, 16]) {
      const ring = footprintRing(gt, w, h, n);
      expect(ring).toHaveLength(4 * n + 1);
      expect(ring.at(-1)).toEqual(ring[0]);
      expect(ring[0]).toEqual(pixelToCrs(gt, 0, 0)); // starts at the first pixel's outer corner
      const area = signedArea(ring);
      expect(area).toBeGreaterThan(0); // RFC 7946 exterior ring
      const [, a, b, , d, e] = gt;
      expect(area).toBeCloseTo(Math.abs(a * e - b * d) * w * h, 3);
    }
  });

  test('densified points lie on the straight pixel-space edges (here: evenly along the top edge)', () => {
    const ring = footprintRing(ROTATED, 10, 15, 4);
    // The rotated grid is left-handed in map space, so the CCW ring walks the left edge first; the top edge comes last.
    const top = [0, 1, 2, 3, 4].map((k) => pixelToCrs(ROTATED, (10 * k) / 4, 0));
    for (const p of top) expect(ring.some((q) => Math.hypot(q[0] - p[0], q[1] - p[1]) < 1e-9)).toBe(true);
  });

  test('the default densification is 16 points per edge', () => {
    expect(footprintRing(UTM_NORTH_UP, 791, 718)).toHaveLength(65);
  });

  test.each([
    [0, 10, 16],
    [10, 0, 16],
    [10.5, 10, 16],
    [10, 10, 0],
    [10, 10, 2.5],
  ])('rejects size %s×%s with %s points per edge', (w, h, n) => {
    expect(() => footprintRing(UTM_NORTH_UP, w, h, n)).toThrow(RangeError);
  });
});

describe('centreSamplePair', () => {
  test.each([
    ['north-up, along the row', UTM_NORTH_UP, 791, 718, 'column', 300.0379266750948],
    ['north-up, along the column', UTM_NORTH_UP, 791, 718, 'row', 300.041782729805],
    ['rotated, along the row (20 m pixels)', ROTATED, 10, 15, 'column', 20],
    ['rotated, along the column (10 m pixels)', ROTATED, 10, 15, 'row', 10],
    ['south-up', SOUTH_UP, 3, 2, 'column', 100],
  ] as const)('%s: two pixel centres one pixel apart at the centre', (_name, gt, w, h, step, distance) => {
    const [p, q] = centreSamplePair(gt, w, h, step);
    expect(Math.hypot(q[0] - p[0], q[1] - p[1])).toBeCloseTo(distance, 9);
    // p is the centre of pixel (⌊W/2⌋, ⌊H/2⌋)
    close(p, pixelToCrs(gt, Math.floor(w / 2) + 0.5, Math.floor(h / 2) + 0.5));
  });
});

describe('pixelSize and gsdFromPixelSize', () => {
  test.each([
    ['UTM 300 m', UTM_NORTH_UP, { epsg: 32618, axisUnit: 'metre' }, Math.sqrt(300.0379266750948 * 300.041782729805)],
    ['CGCS2000 3° GK 0.8 m', [500000, 0.8, 0, 4500000, 0, -0.8], { epsg: 4527, axisUnit: 'metre' }, 0.8],
    ['rotated 20 × 10 m → √200', ROTATED, { epsg: 4527, axisUnit: 'metre' }, Math.sqrt(200)],
    ['US survey feet', [0, 10, 0, 0, 0, -10], { epsg: 2263, axisUnit: 'us-survey-foot' }, (10 * 1200) / 3937],
    ['Web Mercator is not ground metres', [0, 0.597, 0, 0, 0, -0.597], { epsg: 3857, axisUnit: 'metre' }, null],
    ['geographic degrees', CGCS2000_GEOGRAPHIC, { epsg: 4490, axisUnit: 'degree' }, null],
    ['unknown unit', UTM_NORTH_UP, { epsg: 32618, axisUnit: 'unknown' }, null],
  ] as const)('%s', (_name, gt, crs, expected) => {
    const gsd = gsdFromPixelSize(gt as GeoTransform, crs);
    if (expected === null) expect(gsd).toBeNull();
    else expect(gsd).toBeCloseTo(expected, 9);
  });

  test('pixelSize measures along each grid axis, rotation included', () => {
    expect(pixelSize(ROTATED).x).toBeCloseTo(20, 12);
    expect(pixelSize(ROTATED).y).toBeCloseTo(10, 12);
    expect(pixelSize(SOUTH_UP)).toEqual({ x: 100, y: 100 });
  });
});
