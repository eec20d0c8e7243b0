import { describe, expect, test } from 'vitest';
import { CGCS2000Quad, WebMercatorQuad } from '../../../platform/raster/tile-matrix-set.js';
import { canonicalCriteria, drawnInEtag, mosaicDigest, mosaicEtag, mosaicId } from '../mosaic.rules.js';

describe('mosaic identities (BX-16)', () => {
  test('a search id ignores key order and repeated or reordered collections; other criteria change it', () => {
    const id = mosaicId({ collections: ['b', 'a'], datetime: { start: '2024-01-01T00:00:00.000Z', end: null } });
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(mosaicId({ datetime: { end: null, start: '2024-01-01T00:00:00.000Z' }, collections: ['a', 'b', 'a'] })).toBe(
      id,
    );
    expect(mosaicId({ collections: ['a', 'b'] })).not.toBe(id);
    expect(canonicalCriteria({ ids: ['z', 'y'], bbox: [1, 2, 3, 4] })).toEqual({ bbox: [1, 2, 3, 4], ids: ['y', 'z'] });
  });

  test('a tile digest changes with the candidates, their versions, the grid, the tile, the format and the style', () => {
    const s = [{ collectionId: 'c', itemId: 'a', version: 'v1' }];
    const t = { z: 5, x: 1, y: 2 };
    const d = mosaicDigest(s, WebMercatorQuad, t, 'png', {});
    expect(mosaicDigest([...s], WebMercatorQuad, { ...t }, 'png', {})).toBe(d);
    for (const other of [
      mosaicDigest([{ ...s[0]!, version: 'v2' }], WebMercatorQuad, t, 'png', {}),
      mosaicDigest([], WebMercatorQuad, t, 'png', {}),
      mosaicDigest(s, CGCS2000Quad, t, 'png', {}),
      mosaicDigest(s, WebMercatorQuad, { ...t, x: 2 }, 'png', {}),
      mosaicDigest(s, WebMercatorQuad, t, 'jpg', {}),
      mosaicDigest(s, WebMercatorQuad, t, 'png', { bands: [1] }),
    ])
      expect(other).not.toBe(d);
  });

  test('the ETag carries which candidates drew; only a current digest revalidates', () => {
    const d = 'a'.repeat(32);
    for (const drawn of [[], [0], [0, 3], [1, 19]]) expect(drawnInEtag(mosaicEtag(d, drawn), d)).toEqual(drawn);
    expect(drawnInEtag(mosaicEtag(d, [0]), 'b'.repeat(32))).toBeNull();
    expect(drawnInEtag('"v1-WebMercatorQuad-1-0-0-png"', d)).toBeNull();
    expect(drawnInEtag(undefined, d)).toBeNull();
  });
});
