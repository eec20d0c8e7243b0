import { totalmem } from 'node:os';

/**
 * Source tiles already decoded (JPEG and WebP pixels), kept by byte budget, least recently used out first — what
 * GDAL's block cache does for MapServer: neighbouring output tiles, overview zooms and repeated views read the same
 * stored tiles, and a decode (~0.5 ms per 256 px JPEG tile) is the largest cost of a tile left once the resampling is
 * cheap. A decode in flight is shared by every request that needs the tile.
 *
 * Pixels live in shared memory, so the pixel workers read them without a copy; nobody writes to them after the
 * decode. They are slots of large SharedArrayBuffers (allocating a SharedArrayBuffer per tile cost ~80 µs — fresh
 * pages, zeroed — against ~15 µs for copying the pixels in). A slot is handed out as a lease: an evicted tile's slot is
 * reused only once every lease on it is released, i.e. no render still reads it.
 */

/** GDAL_CACHEMAX's default: 5 % of the machine's memory, here capped at 1 GiB. */
export const DEFAULT_DECODED_TILE_BYTES = Math.min(2 ** 30, Math.round(totalmem() * 0.05));
/** Shared memory is allocated this much at a time (whole slots of one size). */
const CHUNK_BYTES = 8 * 2 ** 20;

/** Read access to a cached tile's pixels until `release` (call it exactly once). */
export interface Lease {
  pixels: Uint8Array;
  release(): void;
}

/** Decodes a tile: into a slot it takes (`slot(bytes)`), or into pixels of its own; null for a sparse tile. */
export type Decode = (slot: (bytes: number) => Uint8Array) => Promise<Uint8Array | null>;

interface Entry {
  pixels: Promise<Uint8Array | null>;
  /** bytes held once decoded (0 while decoding) */
  bytes: number;
  leases: number;
  evicted: boolean;
}

/** Fixed-size slots carved out of large SharedArrayBuffers, reused once freed. */
class SharedSlots {
  private readonly free = new Map<number, Uint8Array[]>();

  take(size: number): Uint8Array {
    let list = this.free.get(size);
    if (!list) {
      list = [];
      this.free.set(size, list);
    }
    if (!list.length) {
      const n = Math.max(1, Math.floor(CHUNK_BYTES / size));
      const chunk = new SharedArrayBuffer(n * size);
      for (let i = n - 1; i >= 0; i--) list.push(new Uint8Array(chunk, i * size, size));
    }
    return list.pop()!;
  }

  give(slot: Uint8Array): void {
    this.free.get(slot.byteLength)?.push(slot);
  }

  clear(): void {
    this.free.clear();
  }
}

export class DecodedTileCache {
  /** Map order is recency: the first key is the least recently used. */
  private readonly entries = new Map<string, Entry>();
  private readonly slots = new SharedSlots();
  private held = 0;
  readonly counters = { hits: 0, misses: 0 };

  constructor(private readonly maxBytes = DEFAULT_DECODED_TILE_BYTES) {}

  /** Bytes of decoded pixels held now. */
  get bytes(): number {
    return this.held;
  }

  /**
   * A lease on the pixels of `key`, decoded by `decode` on a miss (null: a sparse tile, not kept). `decode` may take a
   * slot of the size it needs and return it filled (a pixel worker writes there directly), or return pixels of its
   * own, copied into a slot. The pixels are shared memory that must not be written to. A failed decode is not kept.
   */
  async get(key: string, decode: Decode): Promise<Lease | null> {
    let entry = this.entries.get(key);
    if (entry) {
      this.counters.hits++;
      this.entries.delete(key);
    } else {
      this.counters.misses++;
      entry = { pixels: this.load(decode), bytes: 0, leases: 0, evicted: false };
      this.settle(key, entry);
    }
    this.entries.set(key, entry);
    entry.leases++;
    const e = entry;
    let pixels: Uint8Array | null;
    try {
      pixels = await e.pixels;
    } catch (err) {
      e.leases--;
      throw err;
    }
    if (!pixels) {
      e.leases--;
      return null;
    }
    let released = false;
    return {
      pixels,
      release: () => {
        if (released) return;
        released = true;
        e.leases--;
        if (e.evicted && e.leases === 0) this.slots.give(pixels);
      },
    };
  }

  /** Drops every tile (tests, shutdown); leases still out stay readable. */
  clear(): void {
    this.entries.clear();
    this.slots.clear();
    this.held = 0;
  }

  private async load(decode: Decode): Promise<Uint8Array | null> {
    const taken: Uint8Array[] = [];
    let px: Uint8Array | null;
    try {
      px = await decode((bytes) => {
        const slot = this.slots.take(bytes);
        taken.push(slot);
        return slot;
      });
    } catch (e) {
      for (const slot of taken) this.slots.give(slot);
      throw e;
    }
    for (const slot of taken) if (slot !== px) this.slots.give(slot);
    if (!px || taken.includes(px)) return px;
    const slot = this.slots.take(px.byteLength);
    slot.set(px);
    return slot;
  }

  /** Once decoded: counted against the budget, or dropped (failed, sparse, larger than the whole budget). */
  private settle(key: string, entry: Entry): void {
    entry.pixels.then(
      (px) => {
        if (this.entries.get(key) !== entry) return;
        if (!px || px.byteLength > this.maxBytes) {
          this.entries.delete(key);
          // not kept: its slot goes back once the leases already out are released
          entry.evicted = true;
          if (px && entry.leases === 0) this.slots.give(px);
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
  }

  private evict(): void {
    for (const [key, e] of this.entries) {
      if (this.held <= this.maxBytes) return;
      // decodes in flight hold nothing yet and stay
      if (e.bytes === 0) continue;
      this.entries.delete(key);
      this.held -= e.bytes;
      e.evicted = true;
      if (e.leases === 0) void e.pixels.then((px) => px && this.slots.give(px));
    }
  }
}

/** The leases one render holds: released together when its pixel work is done (or has failed). */
export class Leases {
  private held: Lease[] = [];
  private done = false;

  /** Keeps `lease` and gives its pixels; a lease arriving after `releaseAll` (a failed render) is released at once. */
  add(lease: Lease | null): Uint8Array | null {
    if (!lease) return null;
    if (this.done) lease.release();
    else this.held.push(lease);
    return lease.pixels;
  }

  releaseAll(): void {
    this.done = true;
    for (const l of this.held) l.release();
    this.held = [];
  }
}
