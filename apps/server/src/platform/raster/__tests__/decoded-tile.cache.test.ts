import { describe, expect, test } from 'vitest';
import { DecodedTileCache, Leases } from '../decoded-tile.cache.js';

const px = (n: number, v = 1) => new Uint8Array(n).fill(v);

describe('decoded-tile cache', () => {
  test('a second request is a hit, served from shared memory, without decoding again', async () => {
    const cache = new DecodedTileCache(1000);
    let decodes = 0;
    const decode = async () => {
      decodes++;
      return px(100, 7);
    };
    const a = (await cache.get('k', decode))!;
    const b = (await cache.get('k', decode))!;
    expect(decodes).toBe(1);
    expect(b.pixels).toBe(a.pixels);
    expect(a.pixels.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(a.pixels.length).toBe(100);
    expect(a.pixels[99]).toBe(7);
    expect(cache.counters).toEqual({ hits: 1, misses: 1 });
    expect(cache.bytes).toBe(100);
  });

  test('a decode may fill a slot it takes (a pixel worker writes there): kept as is; a failed one gives it back', async () => {
    const cache = new DecodedTileCache(1000);
    let filled: Uint8Array | null = null;
    const a = (await cache.get('a', async (slot) => {
      filled = slot(50);
      filled.fill(3);
      return filled;
    }))!;
    expect(a.pixels).toBe(filled);
    expect(a.pixels.buffer).toBeInstanceOf(SharedArrayBuffer);
    let lost: Uint8Array | null = null;
    await expect(
      cache.get('b', async (slot) => {
        lost = slot(50);
        throw new Error('corrupt');
      }),
    ).rejects.toThrow('corrupt');
    // the slot the failed decode took is the next one handed out
    const c = (await cache.get('c', async (slot) => slot(50).fill(4)))!;
    expect(c.pixels).toBe(lost);
    expect(cache.bytes).toBe(100);
  });

  test('concurrent requests share one decode in flight', async () => {
    const cache = new DecodedTileCache(1000);
    let decodes = 0;
    let release!: (v: Uint8Array) => void;
    const pending = new Promise<Uint8Array>((r) => {
      release = r;
    });
    const decode = () => {
      decodes++;
      return pending;
    };
    const both = Promise.all([cache.get('k', decode), cache.get('k', decode)]);
    release(px(10));
    const [a, b] = await both;
    expect(decodes).toBe(1);
    expect(a!.pixels).toBe(b!.pixels);
  });

  test('least recently used tiles leave first once over the byte budget', async () => {
    const cache = new DecodedTileCache(250);
    const get = async (k: string) => (await cache.get(k, async () => px(100)))!.release();
    for (const k of ['a', 'b', 'a', 'c']) await get(k); // a is more recent than b when c arrives
    expect(cache.bytes).toBe(200);
    let decoded = '';
    for (const k of ['a', 'c', 'b'])
      (
        await cache.get(k, async () => {
          decoded += k;
          return px(100);
        })
      )?.release();
    expect(decoded).toBe('b');
  });

  test('an evicted tile’s memory is reused only after its last lease is released', async () => {
    const cache = new DecodedTileCache(100);
    const held = (await cache.get('a', async () => px(100, 1)))!;
    (await cache.get('b', async () => px(100, 2)))!.release(); // evicts a, still leased
    const c = (await cache.get('c', async () => px(100, 3)))!; // evicts b
    expect(held.pixels[0]).toBe(1);
    held.release();
    held.release(); // a second release changes nothing
    c.release();
    await cache.get('d', async () => px(100, 4)); // takes the slot a left
    expect(held.pixels[0]).toBe(4);
  });

  test('failed decodes, sparse tiles and tiles larger than the budget are not kept', async () => {
    const cache = new DecodedTileCache(50);
    await expect(cache.get('bad', () => Promise.reject(new Error('corrupt')))).rejects.toThrow('corrupt');
    expect(await cache.get('sparse', async () => null)).toBeNull();
    expect((await cache.get('big', async () => px(100)))!.pixels.length).toBe(100);
    expect(cache.bytes).toBe(0);
    let again = 0;
    for (const k of ['bad', 'sparse', 'big'])
      await cache.get(k, async () => {
        again++;
        return px(10);
      });
    expect(again).toBe(3);
  });

  test('the slot of a tile larger than the budget goes back once its lease is released', async () => {
    const cache = new DecodedTileCache(50);
    const big = (await cache.get('big', async (slot) => slot(100).fill(1)))!;
    expect(cache.bytes).toBe(0);
    big.release();
    const next = (await cache.get('next', async (slot) => slot(100).fill(2)))!;
    expect(next.pixels).toBe(big.pixels);
  });

  test('a render’s leases are released together; one arriving after that is released at once', async () => {
    const cache = new DecodedTileCache(100);
    const leases = new Leases();
    expect(leases.add(null)).toBeNull();
    const a = leases.add(await cache.get('a', async () => px(100, 1)))!;
    (await cache.get('b', async () => px(100, 2)))!.release(); // evicts a, leased by the render
    (await cache.get('c', async () => px(100, 3)))!.release();
    expect(a[0]).toBe(1);
    leases.releaseAll();
    (await cache.get('d', async () => px(100, 4)))!.release(); // takes the slot a left
    expect(a[0]).toBe(4);
    const late = leases.add(await cache.get('e', async () => px(100, 5)))!; // released at once
    (await cache.get('f', async () => px(100, 6)))!.release(); // evicts e
    (await cache.get('g', async () => px(100, 7)))!.release(); // takes e's slot
    expect(late[0]).toBe(7);
  });
});
