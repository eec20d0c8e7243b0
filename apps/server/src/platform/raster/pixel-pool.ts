import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import {
  type ComposeResult,
  type ComposeTask,
  compose,
  decodeJpegTask,
  type JpegTask,
  type PixelTask,
  type StretchResult,
  type StretchTask,
  stretch,
  type TilePayload,
} from './pixel.worker.js';

/**
 * Where tile pixel work runs: a worker pool in the server (the event loop keeps answering while tiles render), or in
 * this thread (the baseline the event-loop bench compares against, and pure unit tests).
 */
export interface PixelExecutor {
  /** worker threads, 0 when the work runs in this thread */
  readonly threads: number;
  /** The task's buffers (canvas, fetched tiles and masks) may be moved to a worker: the caller must not reuse them. */
  compose(task: ComposeTask): Promise<ComposeResult>;
  stretch(task: StretchTask): Promise<StretchResult>;
  /** Decodes a JPEG tile into the task's (shared) slot. */
  decodeJpeg(task: JpegTask): Promise<void>;
  /** Stops the workers (app shutdown); pending tasks fail. */
  close(): Promise<void>;
}

export function inProcessPixels(): PixelExecutor {
  return {
    threads: 0,
    compose: async (task) => compose(task),
    stretch: async (task) => stretch(task),
    decodeJpeg: async (task) => decodeJpegTask(task),
    close: async () => undefined,
  };
}

/**
 * The buffers a task may hand over instead of copying (the main thread lets go of them): the canvas and the fetched
 * tile and mask bytes, each only when it is the whole of its ArrayBuffer (never a slice of Node's shared Buffer pool).
 */
export function transferables(task: PixelTask): ArrayBuffer[] {
  const views: (Uint8Array | null)[] = [];
  const add = (p: TilePayload) => {
    if (p) views.push('stored' in p ? p.stored : p.pixels);
  };
  if (task.type === 'jpeg') {
    // the stored bytes; the slot it decodes into is shared memory
    views.push(task.tile);
  } else if (task.type === 'compose') {
    views.push(task.canvas);
    for (const l of task.layers) {
      l.tiles.forEach(add);
      views.push(...(l.masks?.tiles ?? []));
    }
  } else {
    for (const t of task.tiles) {
      add(t.payload);
      views.push(t.mask);
    }
  }
  const out = new Set<ArrayBuffer>();
  for (const v of views) {
    if (v && v.buffer instanceof ArrayBuffer && v.byteOffset === 0 && v.byteLength === v.buffer.byteLength)
      out.add(v.buffer);
  }
  return [...out];
}

/** Idle workers above the minimum exit after this long, milliseconds. */
const IDLE_TIMEOUT_MS = 60_000;

/**
 * A piscina pool of `threads` workers (default: the cores available). It starts on first use, so building the services
 * (tests, CLIs) costs no threads; once started, all workers stay warm. Idle workers do not keep the process alive.
 */
export function pixelPool(threads = availableParallelism()): PixelExecutor {
  let pool: Piscina | null = null;
  const start = () => {
    pool ??= new Piscina({
      filename: new URL('./pixel-worker.entry.mjs', import.meta.url).href,
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: IDLE_TIMEOUT_MS,
    });
    return pool;
  };
  return {
    threads,
    compose: (task) => start().run(task, { transferList: transferables(task) }) as Promise<ComposeResult>,
    stretch: (task) => start().run(task, { transferList: transferables(task) }) as Promise<StretchResult>,
    decodeJpeg: (task) => start().run(task, { transferList: transferables(task) }) as Promise<void>,
    close: async () => {
      const p = pool;
      pool = null;
      await p?.destroy();
    },
  };
}
