import { describe, expect, test } from 'vitest';
import type { ImageryLayer } from '../../catalogue/useImageryLayers';
import { leftSideLayers, swipePair } from './swipe-pair';

const layer = (key: string, visible = true): ImageryLayer => ({
  key,
  collectionId: 'dom',
  title: key,
  datetime: '2026-01-01T00:00:00Z',
  tileJson: { tilejson: '3.0.0', name: key, tiles: [], bounds: [0, 0, 1, 1], minzoom: 0, maxzoom: 18 },
  opacity: 1,
  visible,
});
const none = { left: null, right: null };

describe('swipe pair', () => {
  test('fewer than two layers: nothing to compare', () => {
    expect(swipePair([], none)).toBeNull();
    expect(swipePair([layer('a')], none)).toBeNull();
  });

  test('by default the top layer is on the right, the one below it on the left', () => {
    const pair = swipePair([layer('a'), layer('b'), layer('c')], none);
    expect([pair?.left.key, pair?.right.key]).toEqual(['b', 'c']);
  });

  test('picks hold while their layers are on the map; a removed or clashing pick falls back', () => {
    const layers = [layer('a'), layer('b'), layer('c')];
    const picked = swipePair(layers, { left: 'c', right: 'a' });
    expect([picked?.left.key, picked?.right.key]).toEqual(['c', 'a']);
    const gone = swipePair(layers, { left: 'x', right: 'a' });
    expect([gone?.left.key, gone?.right.key]).toEqual(['c', 'a']);
    const clash = swipePair(layers, { left: 'c', right: 'c' });
    expect([clash?.left.key, clash?.right.key]).toEqual(['b', 'c']);
  });

  test('the main map shows only the left layer', () => {
    const layers = [layer('a'), layer('b', false), layer('c')];
    const shown = leftSideLayers(layers, { left: layers[1]!, right: layers[2]! });
    expect(shown.map((l) => [l.key, l.visible])).toEqual([
      ['a', false],
      ['b', true],
      ['c', false],
    ]);
  });
});
