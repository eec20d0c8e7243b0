import { Map as MapLibreMap, NavigationControl, ScaleControl, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { type RefObject, useEffect, useState } from 'react';
import { BASE_STYLE } from './map-style';

// MapLibre 6 finds its worker relative to its own module, which a bundler moves: ship the worker as an asset.
setWorkerUrl(workerUrl);

export interface MapLibreState {
  /** the map once its style has loaded (layers may be added), else null */
  map: MapLibreMap | null;
  /** set when the map cannot be shown at all (no WebGL) */
  failure: string | null;
}

/** An offline MapLibre map (base style, zoom and scale controls) inside `containerRef`, removed on unmount. */
export function useMapLibre(containerRef: RefObject<HTMLDivElement | null>): MapLibreState {
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    let created: MapLibreMap;
    try {
      created = new MapLibreMap({
        container,
        style: BASE_STYLE,
        center: [105, 35],
        zoom: 3,
        attributionControl: false,
      });
    } catch {
      setFailure('当前浏览器无法显示地图（需要 WebGL 支持）');
      return;
    }
    created.addControl(new NavigationControl({ visualizePitch: false }), 'top-right');
    created.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-right');
    created.once('load', () => setMap(created));
    return () => {
      setMap(null);
      created.remove();
    };
  }, [containerRef]);

  return { map, failure };
}
