import { availableParallelism } from 'node:os';
import { Pool } from 'geotiff';

/**
 * One geotiff.js decoder pool (worker threads) shared by every analytic raster read — catalogue thumbnails and area
 * clips: compressed blocks (JPEG, deflate, LZW, …) decode off the event loop. Idle workers would keep the process
 * alive, so the pool shuts down a while after the last user.
 */

const POOL_IDLE_MS = 10_000;

let pool: Pool | null = null;
let users = 0;
let idleTimer: NodeJS.Timeout | null = null;

/** Runs `fn` with the pool, started on first use. */
export async function withDecoderPool<T>(fn: (pool: Pool) => Promise<T>): Promise<T> {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  // One core stays with the event loop; more than four decoders do not help reads of this size.
  pool ??= new Pool(Math.max(1, Math.min(4, availableParallelism() - 1)));
  users++;
  try {
    return await fn(pool);
  } finally {
    users--;
    if (users === 0 && pool) {
      idleTimer = setTimeout(() => void closeDecoderPool(), POOL_IDLE_MS);
      idleTimer.unref();
    }
  }
}

/** Terminates the decoder workers now (server shutdown, end of a test file). Reads in progress will fail. */
export async function closeDecoderPool(): Promise<void> {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  const p = pool;
  pool = null;
  await p?.destroy();
}
