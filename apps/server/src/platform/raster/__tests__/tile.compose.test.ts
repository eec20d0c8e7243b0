import { describe, expect, test } from 'vitest';
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
    const [viaPool, inline] = await Promise.all([pool.compose(task), inProcessPixels().compose(task)]);
    expect(viaPool.drawn).toEqual([true]);
    expect(Buffer.from(viaPool.canvas).equals(Buffer.from(inline.canvas))).toBe(true);
    await pool.close();
    await pool.close();
  });
});
