import { describe, expect, test } from 'vitest';
import { DecodedTileCache } from '../decoded-tile.cache.js';

const px = (n: number, v = 1) => new Uint8Array(n).fill(v);

describe('decoded-tile cache', () => {
  test('a second request is a hit, served from shared memory, without decoding again', async () => {
    const cache = new DecodedTileCache(1000);
    let decodes = 0;
    const decode = async () => {
      decodes++;
      return px(100, 7);
    };
    const a = await cache.get('k', decode);
    const b = await cache.get('k', decode);
    expect(decodes).toBe(1);
    expect(b).toBe(a);
    expect(a!.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(a![99]).toBe(7);
    expect(cache.counters).toEqual({ hits: 1, misses: 1 });
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
    expect(a).toBe(b);
  });

  test('least recently used tiles leave first once over the byte budget', async () => {
    const cache = new DecodedTileCache(250);
    for (const k of ['a', 'b']) await cache.get(k, async () => px(100));
    await cache.get('a', async () => px(100)); // a is now the most recent
    await cache.get('c', async () => px(100));
    expect(cache.bytes).toBe(200);
    let decoded = '';
    for (const k of ['a', 'c', 'b'])
      await cache.get(k, async () => {
        decoded += k;
        return px(100);
      });
    expect(decoded).toBe('b');
  });

  test('failed decodes, sparse tiles and tiles larger than the budget are not kept', async () => {
    const cache = new DecodedTileCache(50);
    await expect(cache.get('bad', () => Promise.reject(new Error('corrupt')))).rejects.toThrow('corrupt');
    expect(await cache.get('sparse', async () => null)).toBeNull();
    expect((await cache.get('big', async () => px(100)))!.length).toBe(100);
    expect(cache.bytes).toBe(0);
    let again = 0;
    for (const k of ['bad', 'sparse', 'big'])
      await cache.get(k, async () => {
        again++;
        return px(10);
      });
    expect(again).toBe(3);
  });
});
