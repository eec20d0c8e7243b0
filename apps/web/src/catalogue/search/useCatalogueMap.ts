import type { FeatureCollection, Geometry, MultiPolygon, Polygon } from 'geojson';
import type { AddLayerObject, MapLayerMouseEvent } from 'maplibre-gl';
import { type RefObject, useEffect, useEffectEvent, useRef, useState } from 'react';
import { type AdminAreaCollection, boundsOf } from '../../map/admin-areas';
import { showAdminAreas } from '../../map/district-map';
import { hovered, selected } from '../../map/map-style';
import { geometries, showGeoJson } from '../../map/overlay';
import { useMapLibre } from '../../map/useMapLibre';
import { bboxPolygon, type SearchArea } from '../search-request';
import { itemKey, type StacItem } from '../stac';
import type { ImageryLayer } from '../useImageryLayers';
import { drawBox, drawPolygon } from './draw-tools';
import { recoverRefusedImagery, showImagery } from './imagery-map';

export type DrawMode = 'box' | 'polygon';

const AREA_OVERLAY = 'search-area';
const FOOTPRINTS = 'footprints';
const FOOTPRINT_FILL = 'footprint-fill';
/** The lowest overlay: imagery goes under it (above the districts). */
const AREA_FILL = 'search-area-fill';

/** The search area (or the shape being drawn): dashed orange. */
const AREA_LAYERS: AddLayerObject[] = [
  {
    id: AREA_FILL,
    type: 'fill',
    source: AREA_OVERLAY,
    paint: { 'fill-color': '#fa8c16', 'fill-opacity': 0.1 },
  },
  {
    id: 'search-area-line',
    type: 'line',
    source: AREA_OVERLAY,
    paint: { 'line-color': '#d46b08', 'line-width': 2, 'line-dasharray': [3, 2] },
  },
];

/** Footprints of the results page; hover and selection come from feature state. */
const FOOTPRINT_LAYERS: AddLayerObject[] = [
  {
    id: FOOTPRINT_FILL,
    type: 'fill',
    source: FOOTPRINTS,
    paint: {
      'fill-color': ['case', selected, '#d4380d', '#1d5fa8'],
      'fill-opacity': ['case', selected, 0.35, hovered, 0.3, 0.08],
    },
  },
  {
    id: 'footprint-line',
    type: 'line',
    source: FOOTPRINTS,
    paint: {
      'line-color': ['case', selected, '#d4380d', hovered, '#0b3d91', '#1d5fa8'],
      'line-width': ['case', selected, 3, hovered, 2.5, 1.2],
    },
  },
];

/** The search area as a polygon (a box) or the district's (Multi)Polygon. */
export const areaGeometry = (area: SearchArea | null): Polygon | MultiPolygon | null =>
  !area ? null : area.kind === 'box' ? bboxPolygon(area.bbox) : area.geometry;

const footprints = (items: StacItem[]): FeatureCollection => ({
  type: 'FeatureCollection',
  features: items.map((item) => ({ type: 'Feature', geometry: item.geometry, properties: { key: itemKey(item) } })),
});

export interface CatalogueMapProps {
  /** undefined while loading; null when the districts are not available (anonymous) */
  areas: AdminAreaCollection | null | undefined;
  area: SearchArea | null;
  items: StacItem[];
  /** 在线浏览 imagery, under the search area and the footprints */
  imagery: ImageryLayer[];
  hoveredKey: string | null;
  selectedKey: string | null;
  drawMode: DrawMode | null;
  onAreaDrawn: (area: SearchArea) => void;
  onHover: (key: string | null) => void;
  onSelect: (key: string) => void;
  /**
   * tiles of this layer were refused for want of the collection's online agreement (HTTP 428, MNR-16): resolves
   * true when they should be requested again
   */
  onImageryRefused: (layer: ImageryLayer) => Promise<boolean>;
}

/**
 * The search map: districts and their names, imagery viewed online, the search area, the footprints of the results
 * page (hover and click them), and the 框选 / 多边形 tools. Returns the map once loaded, and why it cannot be shown,
 * if it cannot.
 */
export function useCatalogueMap(containerRef: RefObject<HTMLDivElement | null>, props: CatalogueMapProps) {
  const { areas, area, items, imagery, hoveredKey, selectedKey, drawMode } = props;
  const { map, failure } = useMapLibre(containerRef);
  const [draft, setDraft] = useState<Geometry | null>(null);
  const fittedToItems = useRef(false);
  const areaDrawn = useEffectEvent(props.onAreaDrawn);
  const hover = useEffectEvent(props.onHover);
  const select = useEffectEvent(props.onSelect);
  const drawing = useEffectEvent(() => props.drawMode !== null);
  const imageryRefused = useEffectEvent(props.onImageryRefused);
  const layerOf = useEffectEvent((key: string) => props.imagery.find((l) => l.key === key));

  useEffect(() => {
    if (map && areas) return showAdminAreas(map, areas);
  }, [map, areas]);

  useEffect(() => {
    if (map) showGeoJson(map, AREA_OVERLAY, geometries([draft ?? areaGeometry(area)]), AREA_LAYERS);
  }, [map, area, draft]);

  useEffect(() => {
    if (map) showGeoJson(map, FOOTPRINTS, footprints(items), FOOTPRINT_LAYERS, { promoteId: 'key' });
  }, [map, items]);

  useEffect(() => {
    if (map) showImagery(map, imagery, { beforeId: AREA_FILL });
  }, [map, imagery]);

  useEffect(() => {
    if (map)
      return recoverRefusedImagery(
        map,
        (key) => layerOf(key),
        (layer) => imageryRefused(layer),
      );
  }, [map]);

  useEffect(() => {
    if (!map) return;
    map.removeFeatureState({ source: FOOTPRINTS });
    if (hoveredKey) map.setFeatureState({ source: FOOTPRINTS, id: hoveredKey }, { hover: true });
    if (selectedKey) map.setFeatureState({ source: FOOTPRINTS, id: selectedKey }, { selected: true });
  }, [map, hoveredKey, selectedKey]);

  // A chosen district: show all of it.
  useEffect(() => {
    const bounds = area?.kind === 'district' ? boundsOf([area.geometry]) : null;
    if (map && bounds) map.fitBounds(bounds, { padding: 48 });
  }, [map, area]);

  // Without districts to frame the city, frame the first results instead.
  useEffect(() => {
    if (!map || areas !== null || fittedToItems.current || items.length === 0) return;
    fittedToItems.current = true;
    const [w, s, e, n] = items.reduce(
      ([w0, s0, e0, n0], { bbox: [w1, s1, e1, n1] }) => [
        Math.min(w0, w1),
        Math.min(s0, s1),
        Math.max(e0, e1),
        Math.max(n0, n1),
      ],
      [Infinity, Infinity, -Infinity, -Infinity],
    );
    map.fitBounds(
      [
        [w, s],
        [e, n],
      ],
      { padding: 48, duration: 0 },
    );
  }, [map, areas, items]);

  useEffect(() => {
    if (!map || !drawMode) return;
    const stop =
      drawMode === 'box'
        ? drawBox(map, { preview: setDraft, done: (bbox) => areaDrawn({ kind: 'box', bbox }) })
        : drawPolygon(map, { preview: setDraft, done: (geometry) => areaDrawn({ kind: 'polygon', geometry }) });
    return () => {
      stop();
      setDraft(null);
    };
  }, [map, drawMode]);

  useEffect(() => {
    if (!map) return;
    let current: string | null = null;
    const keyOf = (e: MapLayerMouseEvent) => {
      const key = e.features?.[0]?.properties?.key;
      return typeof key === 'string' ? key : null;
    };
    const move = (e: MapLayerMouseEvent) => {
      const key = keyOf(e);
      if (drawing() || key === current) return;
      current = key;
      map.getCanvas().style.cursor = 'pointer';
      hover(key);
    };
    const leave = () => {
      if (current === null) return;
      current = null;
      if (!drawing()) map.getCanvas().style.cursor = '';
      hover(null);
    };
    const click = (e: MapLayerMouseEvent) => {
      const key = keyOf(e);
      if (key && !drawing()) select(key);
    };
    map.on('mousemove', FOOTPRINT_FILL, move);
    map.on('mouseleave', FOOTPRINT_FILL, leave);
    map.on('click', FOOTPRINT_FILL, click);
    return () => {
      map.off('mousemove', FOOTPRINT_FILL, move);
      map.off('mouseleave', FOOTPRINT_FILL, leave);
      map.off('click', FOOTPRINT_FILL, click);
    };
  }, [map]);

  return { map, failure };
}
