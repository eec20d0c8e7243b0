import { Map as MapLibreMap, type Marker, NavigationControl, ScaleControl, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { type RefObject, useEffect, useState } from 'react';
import { useNotifyError } from '../api/useNotifyError';
import { type AdminAreaProps, fetchAdminAreas } from './admin-areas';
import { showAdminAreas } from './district-map';
import { BASE_STYLE } from './map-style';

// MapLibre 6 finds its worker relative to its own module, which a bundler moves: ship the worker as an asset.
setWorkerUrl(workerUrl);

export interface DistrictMapState {
  city: AdminAreaProps | null;
  hovered: AdminAreaProps | null;
  selected: AdminAreaProps | null;
  /** set when the map cannot be shown at all (no WebGL) */
  failure: string | null;
}

/** The MapLibre map of the city and its districts inside `containerRef`, with hover and selection state. */
export function useDistrictMap(containerRef: RefObject<HTMLDivElement | null>): DistrictMapState {
  const notifyError = useNotifyError();
  const [city, setCity] = useState<AdminAreaProps | null>(null);
  const [hovered, setHovered] = useState<AdminAreaProps | null>(null);
  const [selected, setSelected] = useState<AdminAreaProps | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    let map: MapLibreMap;
    try {
      map = new MapLibreMap({ container, style: BASE_STYLE, center: [105, 35], zoom: 3, attributionControl: false });
    } catch {
      setFailure('当前浏览器无法显示地图（需要 WebGL 支持）');
      return;
    }
    map.addControl(new NavigationControl({ visualizePitch: false }), 'top-right');
    map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-right');

    const ctl = new AbortController();
    const markers: Marker[] = [];
    const styleLoaded = new Promise<void>((resolve) => map.once('load', () => resolve()));
    Promise.all([fetchAdminAreas(ctl.signal), styleLoaded]).then(
      ([areas]) => {
        if (ctl.signal.aborted) return;
        setCity(areas.features.find((f) => f.properties.level === 'city')?.properties ?? null);
        markers.push(...showAdminAreas(map, areas, { onHover: setHovered, onSelect: setSelected }));
      },
      (err: unknown) => notifyError(err),
    );
    return () => {
      ctl.abort();
      for (const marker of markers) marker.remove();
      map.remove();
    };
  }, [containerRef, notifyError]);

  return { city, hovered, selected, failure };
}
