import { Piscina } from 'piscina';
import { decodeJpeg } from './jpeg-decode.js';
import { encodePng } from './png-encode.js';
import type { LayerStyle } from './render-style.js';
import { decodeMask, decodeSamples, type Samples, type StoredLayout } from './tiff-decode.js';
import { bandPercentiles, type DecodedLayer, drawUnder, isOpaque, newCanvas, withoutAlpha } from './tile.compose.js';
import type { ReadPlan } from './tile.plan.js';
import { TILE_SIZE } from './tile-matrix-set.js';

/**
 * The pixel worker's task handler (piscina runs it in worker threads through pixel-worker.entry.mjs; pixel-pool.ts can
 * also run it in-process). Everything here is CPU work on bytes already fetched: decompression, byte order, predictors,
 * 16-bit and float samples, mask bits, resampling, stretching, colour maps, layering and PNG encoding — and decoding
 * JPEG tiles into the decoded-tile cache (its own task, so a render never waits on another render's task). WebP tiles
 * arrive already decoded by sharp (libvips threads).
 */

/** A fetched tile: the bytes as stored (decoded here), decoded 8-bit pixels (interleaved; JPEG, WebP), or null (sparse). */
export type TilePayload = { stored: Uint8Array } | { pixels: Uint8Array } | null;

/** Mask tiles as stored (1-bit, compressed), per plan tile, with the mask's compression. */
export interface MaskPayload {
  compression: number;
  tiles: (Uint8Array | null)[];
}

export interface LayerJob {
  plan: ReadPlan;
  layout: StoredLayout;
  tiles: TilePayload[];
  masks: MaskPayload | null;
  style: LayerStyle;
}

/** Layers drawn newest first, each under what is already on `canvas` (null: start transparent). */
export interface ComposeTask {
  type: 'compose';
  canvas: Uint8Array | null;
  layers: LayerJob[];
  /** also encode the result as PNG (png-encode.ts), here in the worker */
  png?: boolean;
  /** also give the colours without alpha, 3 bytes per pixel (sharp encodes JPEG from them) */
  rgb?: boolean;
}
export interface ComposeResult {
  canvas: Uint8Array;
  /** per layer: whether it drew any pixel */
  drawn: boolean[];
  opaque: boolean;
  /** the PNG, when the task asked for it */
  png?: Uint8Array;
  /** the colours without alpha, when the task asked for them */
  rgb?: Uint8Array;
}

/** A JPEG tile to decode into a slot of the decoded-tile cache (shared memory): see jpeg-decode.ts. */
export interface JpegTask {
  type: 'jpeg';
  tables: Uint8Array | null;
  tile: Uint8Array;
  into: Uint8Array;
  width: number;
  height: number;
  channels: 1 | 3;
}

/** The 2–98 % range of every band from the tiles of one (small) level. */
export interface StretchTask {
  type: 'stretch';
  layout: StoredLayout;
  tiles: { payload: TilePayload; mask: Uint8Array | null; width: number; height: number }[];
  maskCompression: number | null;
  alphaBand: number | null;
  nodata: number | null;
}
export type StretchResult = [number, number][];

export type PixelTask = ComposeTask | StretchTask | JpegTask;

function samplesOf(p: Exclude<TilePayload, null>, layout: StoredLayout): Samples {
  return 'pixels' in p ? p.pixels : decodeSamples(p.stored, layout);
}

const maskOf = (bytes: Uint8Array | null | undefined, compression: number, l: StoredLayout) =>
  bytes ? decodeMask(bytes, { width: l.width, height: l.height, compression }) : null;

function decodeLayer(job: LayerJob): DecodedLayer {
  const { layout, masks } = job;
  return {
    plan: job.plan,
    tileWidth: layout.width,
    samplesPerPixel: layout.samplesPerPixel,
    tiles: job.tiles.map((p) => (p ? samplesOf(p, layout) : null)),
    masks: masks ? masks.tiles.map((m) => maskOf(m, masks.compression, layout)) : null,
    style: job.style,
  };
}

export function compose(task: ComposeTask): ComposeResult {
  const canvas = task.canvas ?? newCanvas();
  const drawn = task.layers.map((job) => drawUnder(canvas, decodeLayer(job)));
  const opaque = isOpaque(canvas);
  return {
    canvas,
    drawn,
    opaque,
    ...(task.png && { png: encodePng(canvas, TILE_SIZE, TILE_SIZE, opaque) }),
    ...(task.rgb && { rgb: withoutAlpha(canvas) }),
  };
}

export function stretch(task: StretchTask): StretchResult {
  const { layout } = task;
  const tiles = task.tiles.flatMap((t) =>
    t.payload
      ? [
          {
            samples: samplesOf(t.payload, layout),
            mask: task.maskCompression === null ? null : maskOf(t.mask, task.maskCompression, layout),
            tileWidth: layout.width,
            width: t.width,
            height: t.height,
          },
        ]
      : [],
  );
  return bandPercentiles(tiles, {
    samplesPerPixel: layout.samplesPerPixel,
    alphaBand: task.alphaBand,
    nodata: task.nodata,
  });
}

export function decodeJpegTask(t: JpegTask): void {
  decodeJpeg(t.tables, t.tile, t.into, t.width, t.height, t.channels);
}

/** The piscina handler: a composed canvas (and its PNG or colours) go back to the main thread moved, not copied. */
export default function runPixelTask(
  task: PixelTask,
): ComposeResult | StretchResult | ReturnType<typeof Piscina.move> | null {
  if (task.type === 'jpeg') {
    decodeJpegTask(task);
    return null;
  }
  if (task.type !== 'compose') return stretch(task);
  const result = compose(task);
  return Piscina.move({
    [Piscina.transferableSymbol]: [result.canvas, result.png, result.rgb].flatMap((b) => (b ? [b.buffer] : [])),
    [Piscina.valueSymbol]: result,
  } as unknown as Parameters<typeof Piscina.move>[0]);
}
