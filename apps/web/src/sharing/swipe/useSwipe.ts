import { useCallback, useMemo, useState } from 'react';
import type { ImageryLayer } from '../../catalogue/useImageryLayers';
import { type SwipeChoice, type SwipePair, swipePair } from './swipe-pair';

export interface Swipe {
  /** two layers at least are on the map */
  available: boolean;
  /** the compared layers while the swipe is on, else null */
  pair: SwipePair | null;
  /** where the divider is: 0 (left edge) .. 1 (right edge) of the map */
  position: number;
  setOn: (on: boolean) => void;
  choose: (side: keyof SwipeChoice, layerKey: string) => void;
  setPosition: (position: number) => void;
}

/** The state of the 卷帘对比 of the imagery layers: on/off, the two layers compared, the divider's position. */
export function useSwipe(layers: ImageryLayer[]): Swipe {
  const [on, setOn] = useState(false);
  const [choice, setChoice] = useState<SwipeChoice>({ left: null, right: null });
  const [position, setPosition] = useState(0.5);
  const pair = useMemo(() => (on ? swipePair(layers, choice) : null), [on, layers, choice]);
  const choose = useCallback(
    (side: keyof SwipeChoice, layerKey: string) => setChoice((c) => ({ ...c, [side]: layerKey })),
    [],
  );
  return { available: layers.length >= 2, pair, position, setOn, choose, setPosition };
}
