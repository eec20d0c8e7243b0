import type { FeatureCollection, GeoJSON, Geometry } from 'geojson';
import type { AddLayerObject, GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';

interface GeoJsonOptions {
  /** the property that gives features their feature-state id */
  promoteId?: string;
  /** add the layers under this one (when it exists) instead of on top */
  beforeId?: string;
}

/** Shows `data` in the GeoJSON source `id`: the first call adds the source and its `layers`, later calls replace the data. */
export function showGeoJson(
  map: MapLibreMap,
  id: string,
  data: GeoJSON,
  layers: AddLayerObject[],
  { promoteId, beforeId }: GeoJsonOptions = {},
): void {
  const source = map.getSource<GeoJSONSource>(id);
  if (source) {
    void source.setData(data);
    return;
  }
  map.addSource(id, { type: 'geojson', data, ...(promoteId ? { promoteId } : {}) });
  for (const layer of layers) map.addLayer(layer, beforeId && map.getLayer(beforeId) ? beforeId : undefined);
}

/** A FeatureCollection of bare geometries (for overlays without properties). */
export function geometries(list: (Geometry | null | undefined)[]): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: list.flatMap((geometry) => (geometry ? [{ type: 'Feature', geometry, properties: {} }] : [])),
  };
}
