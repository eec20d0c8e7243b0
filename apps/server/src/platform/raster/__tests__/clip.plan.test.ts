import { describe, expect, test } from 'vitest';
import { isDomainError } from '../../errors/domain-error.js';
import { chooseSourceLevel, planClip, polygonMask, type SourceGrid, sourcePixels } from '../clip.plan.js';
import { cgcs2000GaussKruger } from '../gauss-kruger.js';

/** 1024 px over 0.1° (EPSG:4490), north-west corner 114.2°E 27.55°N — the tile fixtures' COG. */
const SOURCE: SourceGrid = {
  epsg: 4490,
  transform: [0.1 / 1024, 0, 114.2, 0, -0.1 / 1024, 27.55],
  width: 1024,
  height: 1024,
};
const PX = 0.1 / 1024;
const rect = (w: number, s: number, e: number, n: number) => [
  [
    [
      [w, s],
      [e, s],
      [e, n],
      [w, n],
      [w, s],
    ] as [number, number][],
  ],
];

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (isDomainError(e)) return e.code;
    throw e;
  }
  return null;
};

describe('area clip planning', () => {
  test('same CRS: a pixel-aligned window of the source grid, pixels mapped one to one', () => {
    // 100.5 px from the west edge to 300.2 px; 50.3 to 250.9 px below the north edge.
    const plan = planClip(
      SOURCE,
      4490,
      rect(114.2 + 100.5 * PX, 27.55 - 250.9 * PX, 114.2 + 300.2 * PX, 27.55 - 50.3 * PX),
      1e8,
    );
    expect(plan.aligned).toBe(true);
    expect(plan.grid).toMatchObject({ epsg: 4490, geographic: true, width: 201, height: 201 });
    expect(plan.grid.origin[0]).toBeCloseTo(114.2 + 100 * PX, 12);
    expect(plan.grid.origin[1]).toBeCloseTo(27.55 - 50 * PX, 12);
    const at = sourcePixels(plan, [1, 1], { x: 0, y: 0, width: 3, height: 2 });
    expect([...at.x].map(Math.floor)).toEqual([100, 101, 102, 100, 101, 102]);
    expect([...at.y].map(Math.floor)).toEqual([50, 50, 50, 51, 51, 51]);
  });

  test('the window stops at the image edge', () => {
    // (a WGS 84 source delivered in CGCS2000: the same grid, they agree to centimetres)
    const plan = planClip({ ...SOURCE, epsg: 4326 }, 4490, rect(114.15, 27.5, 114.21, 27.6), 1e8);
    expect(plan.aligned).toBe(true);
    expect(plan.grid.origin).toEqual([114.2, 27.55]);
    expect(plan.grid.width).toBe(Math.ceil(0.01 / PX));
  });

  test('Gauss-Krüger target: square pixels at the source resolution, corner snapped, lattice interpolation < 0.001 px', () => {
    const plan = planClip(SOURCE, 4526, rect(114.22, 27.47, 114.26, 27.52), 1e8);
    expect(plan.aligned).toBe(false);
    const [sx, sy] = plan.grid.pixelSize;
    expect(sx).toBe(sy);
    // 0.1°/1024 is 9.65 m east-west and 10.82 m north-south at 27.5°N: the same area per pixel.
    expect(sx).toBeGreaterThan(10.1);
    expect(sx).toBeLessThan(10.4);
    expect(plan.grid.origin[0] / sx).toBeCloseTo(Math.round(plan.grid.origin[0] / sx), 6);
    const gk = cgcs2000GaussKruger(4526)!;
    const [e, n] = gk.forward(114.22, 27.52);
    expect(plan.grid.origin[0]).toBeLessThanOrEqual(e + 1e-6);
    expect(plan.grid.origin[1]).toBeGreaterThanOrEqual(n - 1e-6);

    const r = { x: 3, y: 5, width: 40, height: 37 };
    const approx = sourcePixels(plan, [1, 1], r);
    for (const [i, j] of [
      [0, 0],
      [7, 9],
      [39, 36],
      [20, 30],
    ] as const) {
      const x = plan.grid.origin[0] + (r.x + i + 0.5) * sx;
      const y = plan.grid.origin[1] - (r.y + j + 0.5) * sy;
      const [lon, lat] = gk.inverse(x, y);
      expect(approx.x[j * r.width + i]).toBeCloseTo((lon - 114.2) / PX, 3);
      expect(approx.y[j * r.width + i]).toBeCloseTo((27.55 - lat) / PX, 3);
    }
  });

  test('refusals: unsupported target CRS, nothing left inside the image, too many pixels', () => {
    expect(code(() => planClip(SOURCE, 3857, rect(114.22, 27.47, 114.26, 27.52), 1e8))).toBe(
      'DOWNLOAD_CLIP_CRS_UNSUPPORTED',
    );
    expect(code(() => planClip(SOURCE, 4490, rect(115, 28, 115.1, 28.1), 1e8))).toBe('DOWNLOAD_CLIP_OUTSIDE_ITEM');
    expect(code(() => planClip(SOURCE, 4490, rect(114.2, 27.45, 114.3, 27.55), 1000 * 1000))).toBe(
      'DOWNLOAD_CLIP_TOO_LARGE',
    );
    expect(code(() => planClip({ ...SOURCE, epsg: 32650 }, 4490, rect(114.22, 27.47, 114.26, 27.52), 1e8))).toBe(
      'DOWNLOAD_SOURCE_UNSUPPORTED',
    );
  });
});

describe('polygon mask (pixel centres, even-odd)', () => {
  const square = (x0: number, y0: number, x1: number, y1: number): [number, number][] => [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
    [x0, y0],
  ];

  test('a square with a hole: centres inside the outer ring and outside the hole', () => {
    const mask = polygonMask([square(1, 1, 9, 9), square(4, 4, 6, 6)], [1, 1], { x: 0, y: 0, width: 10, height: 10 });
    const row = (j: number) => [...mask.subarray(j * 10, j * 10 + 10)].join('');
    expect(row(0)).toBe('0000000000');
    expect(row(1)).toBe('0111111110');
    expect(row(4)).toBe('0111001110');
    expect(row(9)).toBe('0000000000');
  });

  test('a triangle at an overview level (2× coarser) and in a sub-rectangle', () => {
    const tri: [number, number][] = [
      [0, 0],
      [16, 0],
      [0, 16],
      [0, 0],
    ];
    const mask = polygonMask([tri], [2, 2], { x: 2, y: 0, width: 4, height: 4 });
    // Level-1 pixel (u, v) has its centre at ((u + 0.5)·2, (v + 0.5)·2): inside when x + y < 16.
    const rows = [0, 1, 2, 3].map((v) => [...mask.subarray(v * 4, v * 4 + 4)].join(''));
    expect(rows).toEqual(['1111', '1111', '1110', '1100']);
  });

  test('the overview level to read: the coarsest no coarser than the output', () => {
    const levels = [{ width: 1024 }, { width: 512 }, { width: 256 }];
    expect(chooseSourceLevel(levels, 1)).toBe(0);
    expect(chooseSourceLevel(levels, 2)).toBe(1);
    expect(chooseSourceLevel(levels, 3.5)).toBe(1);
    expect(chooseSourceLevel(levels, 16)).toBe(2);
  });
});
