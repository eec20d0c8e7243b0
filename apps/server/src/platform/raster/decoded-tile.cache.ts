import { totalmem } from 'node:os';

/**
 * Source tiles already decoded (JPEG and WebP pixels from sharp), kept by byte budget, least recently used out first —
 * what GDAL's block cache does for MapServer: neighbouring output tiles, overview zooms and repeated views read the
 * same stored tiles, and a decode (1–2 ms of libvips per 256 px JPEG tile) is the largest cost of a tile left once the
 * resampling is cheap. Pixels live in SharedArrayBuffers, so the pixel workers read them without a copy; nobody writes
 * to them after the decode. A decode in flight is shared by every request that needs the tile.
 */

/** GDAL_CACHEMAX's default: 5 % of the machine's memory, here capped at 1 GiB. */
export const DEFAULT_DECODED_TILE_BYTES = Math.min(2 ** 30, Math.round(totalmem() * 0.05));

interface Entry {
  pixels: Promise<Uint8Array | null>;
  /** bytes held once decoded (0 while decoding) */
  bytes: number;
}

export class DecodedTileCache {
  /** Map order is recency: the first key is the least recently used. */
  private readonly entries = new Map<string, Entry>();
  private held = 0;
  readonly counters = { hits: 0, misses: 0 };

  constructor(private readonly maxBytes = DEFAULT_DECODED_TILE_BYTES) {}

  /** Bytes of decoded pixels held now. */
  get bytes(): number {
    return this.held;
  }

  /**
   * The pixels of `key`, decoded by `decode` on a miss (null: a sparse tile, not kept). The result is shared memory
   * that must not be written to. A failed decode is not kept.
   */
  get(key: string, decode: () => Promise<Uint8Array | null>): Promise<Uint8Array | null> {
    const hit = this.entries.get(key);
    if (hit) {
      this.counters.hits++;
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.pixels;
    }
    this.counters.misses++;
    const entry: Entry = { pixels: decode().then(shared), bytes: 0 };
    this.entries.set(key, entry);
    entry.pixels.then(
      (px) => {
        if (this.entries.get(key) !== entry) return;
        if (!px || px.byteLength > this.maxBytes) {
          this.entries.delete(key);
          return;
        }
        entry.bytes = px.byteLength;
        this.held += entry.bytes;
        this.evict();
      },
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    return entry.pixels;
  }

  /** Drops every tile (tests, shutdown). */
  clear(): void {
    this.entries.clear();
    this.held = 0;
  }

  private evict(): void {
    for (const [key, e] of this.entries) {
      if (this.held <= this.maxBytes) return;
      // decodes in flight hold nothing yet and stay
      if (e.bytes === 0) continue;
      this.entries.delete(key);
      this.held -= e.bytes;
    }
  }
}

/** The pixels copied once into shared memory (a worker reads them in place; a transfer would take them away). */
function shared(px: Uint8Array | null): Uint8Array | null {
  if (!px || px.buffer instanceof SharedArrayBuffer) return px;
  const out = new Uint8Array(new SharedArrayBuffer(px.byteLength));
  out.set(px);
  return out;
}
