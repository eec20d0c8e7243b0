import type { Map as MapLibreMap } from 'maplibre-gl';
import type { ImageryLayer } from '../useImageryLayers';

const PREFIX = 'imagery:';

/**
 * Puts the imagery layers on the map as raster sources under `beforeId`, with their opacity and visibility, and
 * removes those no longer listed. A layer new to the map is flown to.
 */
export function showImagery(map: MapLibreMap, layers: ImageryLayer[], beforeId: string): void {
  const wanted = new Set(layers.map((l) => PREFIX + l.key));
  for (const id of Object.keys(map.getStyle().sources)) {
    if (!id.startsWith(PREFIX) || wanted.has(id)) continue;
    map.removeLayer(id);
    map.removeSource(id);
  }
  for (const { key, tileJson, opacity, visible } of layers) {
    const id = PREFIX + key;
    if (!map.getSource(id)) {
      const { tiles, bounds, minzoom, maxzoom } = tileJson;
      map.addSource(id, { type: 'raster', tiles, tileSize: 256, bounds, minzoom, maxzoom });
      map.addLayer({ id, type: 'raster', source: id }, map.getLayer(beforeId) ? beforeId : undefined);
      const [w, s, e, n] = bounds;
      map.fitBounds(
        [
          [w, s],
          [e, n],
        ],
        { padding: 48, maxZoom: maxzoom },
      );
    }
    map.setPaintProperty(id, 'raster-opacity', opacity);
    map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
  }
}
