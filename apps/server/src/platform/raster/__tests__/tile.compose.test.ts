import { describe, expect, test } from 'vitest';
import { colormapTable } from '../colormap.js';
import type { ComposeTask, LayerJob } from '../pixel.worker.js';
import { inProcessPixels, pixelPool } from '../pixel-pool.js';
import { bandPercentiles, type DecodedLayer, drawUnder, isOpaque, newCanvas } from '../tile.compose.js';
import type { ReadPlan } from '../tile.plan.js';

/** One 256 px source tile mapped 1:1 onto the output tile. */
const plan: ReadPlan = {
  type: 'read',
  level: 0,
  region: { x: 0, y: 0, width: 256, height: 256 },
  tiles: [
    {
      col: 0,
      row: 0,
      window: { x: 0, y: 0, width: 256, height: 256 },
      at: { x: 0, y: 0 },
      target: { x: 0, y: 0, width: 256, height: 256 },
    },
  ],
  affine: [1, 0, 0, 0, 1, 0],
  target: { x: 0, y: 0, width: 256, height: 256 },
  resampling: 'bilinear',
};
const style = { bands: [0], alphaBand: null, nodata: 0, scale: [[0, 100]] as [number, number][], colormap: null };
/** Single-band layer: value(x) in the west `split` columns, nodata (0) east of them. */
const layer = (value: number, split: number): DecodedLayer => ({
  plan,
  tileWidth: 256,
  samplesPerPixel: 1,
  tiles: [Uint16Array.from({ length: 256 * 256 }, (_, i) => (i % 256 < split ? value : 0))],
  masks: null,
  style,
});
const at = (c: Uint8Array, u: number, v = 0) => [...c.subarray((v * 256 + u) * 4, (v * 256 + u) * 4 + 4)];

describe('layering (mosaics: newest first, older items fill what is still transparent)', () => {
  test('a layer draws only where the canvas is transparent; nodata stays transparent', () => {
    const canvas = newCanvas();
    expect(drawUnder(canvas, layer(100, 128))).toBe(true);
    expect(isOpaque(canvas)).toBe(false);
    expect(isOpaque(canvas, { x: 0, y: 0, width: 128, height: 256 })).toBe(true);
    expect(drawUnder(canvas, layer(40, 256))).toBe(true);
    expect(at(canvas, 10)).toEqual([255, 255, 255, 255]); // the newer layer kept its pixels
    expect(at(canvas, 200)).toEqual([102, 102, 102, 255]); // 40 of 0–100 → 102 of 0–255
    expect(isOpaque(canvas)).toBe(true);
    expect(drawUnder(canvas, layer(75, 256))).toBe(false);
  });

  test('the 2–98 % range per band ignores nodata, NaN, masked pixels and the padding of edge tiles', () => {
    const samples = Float32Array.from({ length: 16 }, (_, i) => (i === 3 ? Number.NaN : i === 5 ? -1 : i));
    const mask = Uint8Array.from({ length: 16 }, (_, i) => (i === 6 ? 0 : 1));
    // 4 × 4 tile, 3 × 3 of it image: indices 3, 7, 11 and 12–15 are padding
    const r = bandPercentiles(
      [{ samples, mask, tileWidth: 4, width: 3, height: 3 }],
      {
        samplesPerPixel: 1,
        alphaBand: null,
        nodata: -1,
      },
      0,
      1,
    );
    expect(r).toEqual([[0, 10]]);
  });
});

/** 2 × 2 source tiles of 256 px read whole into a 512 px region, mapped into the output by `affine`. */
const planOf = (affine: ReadPlan['affine']): ReadPlan => ({
  ...plan,
  region: { x: 0, y: 0, width: 512, height: 512 },
  tiles: [0, 1, 2, 3].map((i) => ({
    col: i & 1,
    row: i >> 1,
    window: { x: 0, y: 0, width: 256, height: 256 },
    at: { x: (i & 1) * 256, y: (i >> 1) * 256 },
    target: { x: 0, y: 0, width: 256, height: 256 },
  })),
  affine,
});

describe('the 8-bit path (RGB(A) and grey shown as stored)', () => {
  /** 2 × 2 source tiles of 256 px, pseudo-random bytes, with an alpha band, a mask and nodata pixels. */
  const source = (spp: number) => {
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed >>> 24;
    };
    const tiles = [0, 1, 2, 3].map(() => Uint8Array.from({ length: 256 * 256 * spp }, rand));
    const masks = [0, 1, 2, 3].map((k) =>
      Uint8Array.from({ length: 256 * 256 }, (_, i) => (k === 1 && i % 7 === 0 ? 0 : 1)),
    );
    return { tiles, masks };
  };
  const cases: [string, ReadPlan['affine'], number, Partial<DecodedLayer['style']>][] = [
    ['1:1 on the grid (exact copy)', [1, 0, 128, 0, 1, 64], 3, {}],
    ['overview reduction with RGBA and nodata', [1.7, 0, 3.25, 0, 1.7, 5.5], 4, { alphaBand: 3, nodata: 0 }],
    ['rotated (warped), bands 3,2,1', [1.3, 0.2, 20.1, -0.2, 1.3, 80.7], 3, { bands: [2, 1, 0], nodata: 17 }],
    ['grey', [1.5, 0, 0.3, 0, 1.5, 0.6], 1, { bands: [0] }],
    ['colour map', [0.6, 0, 300.2, 0, 0.6, 300.9], 1, { bands: [0], colormap: colormapTable('viridis') }],
  ];
  test.each(cases)('%s: the same pixels as the generic path', (_name, affine, spp, over) => {
    const { tiles, masks } = source(spp);
    const bands = over.bands ?? [0, 1, 2];
    const s = {
      bands,
      alphaBand: null,
      nodata: null,
      scale: bands.map((): [number, number] => [0, 255]),
      colormap: null,
      ...over,
    };
    const eight: DecodedLayer = { plan: planOf(affine), tileWidth: 256, samplesPerPixel: spp, tiles, masks, style: s };
    // 16-bit copies of the same values take the generic (float) path
    const wide: DecodedLayer = { ...eight, tiles: tiles.map((t) => Uint16Array.from(t)) };
    const [a, b] = [newCanvas(), newCanvas()];
    // a newer layer already drew a block: neither path may paint over it
    for (const c of [a, b]) c.fill(9, 0, 40 * 256 * 4);
    expect(drawUnder(a, eight)).toBe(true);
    expect(drawUnder(b, wide)).toBe(true);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });
});

describe('the dense 8-bit path (every pixel data, fixed-point weights)', () => {
  const rand = (() => {
    let seed = 11;
    return () => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed >>> 24;
    };
  })();
  const cases: [string, ReadPlan['affine'], number, number[]][] = [
    ['1:1 on the grid', [1, 0, 128, 0, 1, 64], 3, [0, 1, 2]],
    ['overview reduction', [1.7, 0, 3.25, 0, 1.7, 5.5], 3, [0, 1, 2]],
    ['rotated (warped), bands 3,2,1 of RGBA', [1.3, 0.2, 20.1, -0.2, 1.3, 80.7], 4, [2, 1, 0]],
    ['grey, magnified near the region edge', [0.6, 0, 300.2, 0, 0.6, 300.9], 1, [0]],
  ];
  test.each(cases)(
    '%s: within 1 level of the generic path, edges and untouched pixels identical',
    (_n, affine, spp, bands) => {
      const tiles = [0, 1, 2, 3].map(() => Uint8Array.from({ length: 256 * 256 * spp }, rand));
      const plan4 = planOf(affine);
      const style = {
        bands,
        alphaBand: null,
        nodata: null,
        scale: bands.map((): [number, number] => [0, 255]),
        colormap: null,
      };
      const dense: DecodedLayer = { plan: plan4, tileWidth: 256, samplesPerPixel: spp, tiles, masks: null, style };
      const wide: DecodedLayer = { ...dense, tiles: tiles.map((t) => Uint16Array.from(t)) };
      const [a, b] = [newCanvas(), newCanvas()];
      for (const c of [a, b]) c.fill(9, 0, 40 * 256 * 4);
      expect(drawUnder(a, dense)).toBe(true);
      expect(drawUnder(b, wide)).toBe(true);
      let worst = 0;
      for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
      expect(worst).toBeLessThanOrEqual(1);
      expect(Buffer.from(a.subarray(0, 40 * 256 * 4)).equals(Buffer.from(b.subarray(0, 40 * 256 * 4)))).toBe(true);
    },
  );
});

describe('the pixel worker pool', () => {
  test('starts on first use, gives what the in-process code gives, and stops cleanly', async () => {
    const pool = pixelPool(1);
    const job: LayerJob = {
      plan,
      layout: {
        width: 256,
        height: 256,
        samplesPerPixel: 1,
        sampleType: 'uint8',
        compression: 1,
        predictor: 1,
        littleEndian: true,
      },
      tiles: [{ stored: Uint8Array.from({ length: 256 * 256 }, (_, i) => i % 251) }],
      masks: null,
      style: { ...style, nodata: null, scale: [[0, 255]] },
    };
    const task: ComposeTask = { type: 'compose', canvas: null, layers: [job] };
    const inline = await inProcessPixels().compose(task);
    const stored = (job.tiles[0] as { stored: Uint8Array }).stored;
    const viaPool = await pool.compose(task);
    expect(stored.byteLength).toBe(0); // the fetched bytes were moved to the worker, not copied
    expect(viaPool.drawn).toEqual([true]);
    expect(Buffer.from(viaPool.canvas).equals(Buffer.from(inline.canvas))).toBe(true);
    await pool.close();
    await pool.close();
  });
});
