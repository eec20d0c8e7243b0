import type { ErrorEvent, Map as MapLibreMap, RasterTileSource } from 'maplibre-gl';
import type { ImageryLayer } from '../useImageryLayers';

const PREFIX = 'imagery:';

interface ShowOptions {
  /** the layer the imagery goes under (on top when absent or missing) */
  beforeId?: string;
  /** fly to a layer new to the map (false on a map that follows another one) */
  frame?: boolean;
}

/**
 * Puts the imagery layers on the map as raster sources, with their opacity and visibility, and removes those no
 * longer listed. A layer new to the map is flown to unless `frame` is false.
 */
export function showImagery(map: MapLibreMap, layers: ImageryLayer[], { beforeId, frame = true }: ShowOptions): void {
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
      map.addLayer({ id, type: 'raster', source: id }, beforeId && map.getLayer(beforeId) ? beforeId : undefined);
      const [w, s, e, n] = bounds;
      if (frame)
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

/** Calls `refused` with the layer key when the server refuses an imagery tile with HTTP 428. */
function onImageryRefused(map: MapLibreMap, refused: (layerKey: string) => void): () => void {
  const listener = (e: ErrorEvent & { sourceId?: string }) => {
    const status = (e.error as { status?: unknown }).status;
    if (status === 428 && e.sourceId?.startsWith(PREFIX)) refused(e.sourceId.slice(PREFIX.length));
    // A listener silences MapLibre's own logging of errors: keep the others visible.
    else console.error(e.error);
  };
  map.on('error', listener);
  return () => map.off('error', listener);
}

/**
 * Recovers imagery whose tiles the server refuses for want of the collection's online agreement (HTTP 428, MNR-16):
 * `ask` is called once per layer however many tiles fail, and when it resolves true (signed) the layer's tiles are
 * requested again. Returns the unsubscribe.
 */
export function recoverRefusedImagery(
  map: MapLibreMap,
  layerOf: (layerKey: string) => ImageryLayer | undefined,
  ask: (layer: ImageryLayer) => Promise<boolean>,
): () => void {
  const asking = new Set<string>();
  return onImageryRefused(map, (key) => {
    const layer = layerOf(key);
    if (!layer || asking.has(key)) return;
    asking.add(key);
    ask(layer)
      .then((again) => {
        if (again) map.getSource<RasterTileSource>(PREFIX + key)?.setTiles(layer.tileJson.tiles);
      }, console.error)
      .finally(() => asking.delete(key));
  });
}
