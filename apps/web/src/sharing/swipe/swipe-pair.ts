import type { ImageryLayer } from '../../catalogue/useImageryLayers';

/**
 * Which two imagery layers a swipe (卷帘) compares (pure, unit-tested). The user's picks hold while their layers are
 * on the map; otherwise the right side is the top layer and the left side the highest layer below it.
 */

export interface SwipeChoice {
  left: string | null;
  right: string | null;
}

export interface SwipePair {
  left: ImageryLayer;
  right: ImageryLayer;
}

/** The compared pair, or null with fewer than two layers. `layers` are in drawing order (last on top). */
export function swipePair(layers: ImageryLayer[], choice: SwipeChoice): SwipePair | null {
  if (layers.length < 2) return null;
  const byKey = (key: string | null) => layers.find((l) => l.key === key);
  const right = byKey(choice.right) ?? layers.at(-1)!;
  const picked = byKey(choice.left);
  const left = picked && picked.key !== right.key ? picked : layers.findLast((l) => l.key !== right.key)!;
  return { left, right };
}

/**
 * The layers of the main map while swiping: only the left layer shows there (the right one is drawn on the clipped
 * map over it), with its own opacity.
 */
export const leftSideLayers = (layers: ImageryLayer[], pair: SwipePair): ImageryLayer[] =>
  layers.map((l) => (l.visible === (l.key === pair.left.key) ? l : { ...l, visible: l.key === pair.left.key }));
