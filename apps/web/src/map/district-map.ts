import { type Map as MapLibreMap, type MapMouseEvent, Marker } from 'maplibre-gl';
import { type AdminAreaCollection, type AdminAreaProps, boundsOf, labelPoint } from './admin-areas';
import { AREA_LAYERS, AREA_SOURCE, BACKGROUND_LAYER, DISTRICT_FILL_LAYER, withFillColours } from './map-style';
import { showGeoJson } from './overlay';

export interface DistrictEvents {
  onHover: (district: AdminAreaProps | null) => void;
  onSelect: (district: AdminAreaProps | null) => void;
}

/** District names as DOM markers (no glyph PBFs needed), in the page's Noto Sans SC. */
function districtLabels(map: MapLibreMap, areas: AdminAreaCollection): Marker[] {
  return areas.features.flatMap((f) => {
    const at = f.properties.level === 'district' ? labelPoint(f.geometry) : null;
    if (!at) return [];
    const element = document.createElement('div');
    element.className = 'district-label';
    element.dataset.testid = 'district-label';
    element.textContent = f.properties.name;
    return [new Marker({ element, anchor: 'center' }).setLngLat(at).addTo(map)];
  });
}

/**
 * Hover highlights a district, a click selects it (or clears the selection outside any district).
 * Returns the function that unbinds the handlers.
 */
export function bindDistrictEvents(map: MapLibreMap, areas: AdminAreaCollection, events: DistrictEvents): () => void {
  const byCode = new Map(areas.features.map((f) => [f.properties.code, f.properties]));
  let hoveredCode: string | null = null;
  let selectedCode: string | null = null;
  const setState = (code: string | null, state: Record<string, boolean>) => {
    if (code) map.setFeatureState({ source: AREA_SOURCE, id: code }, state);
  };

  const move = (e: MapMouseEvent & { features?: { id?: string | number }[] }) => {
    const code = String(e.features?.[0]?.id ?? '');
    if (!code || code === hoveredCode) return;
    setState(hoveredCode, { hover: false });
    setState(code, { hover: true });
    hoveredCode = code;
    map.getCanvas().style.cursor = 'pointer';
    events.onHover(byCode.get(code) ?? null);
  };
  const leave = () => {
    setState(hoveredCode, { hover: false });
    hoveredCode = null;
    map.getCanvas().style.cursor = '';
    events.onHover(null);
  };
  const click = (e: MapMouseEvent) => {
    const hit = map.queryRenderedFeatures(e.point, { layers: [DISTRICT_FILL_LAYER] })[0];
    const code = hit?.id === undefined ? null : String(hit.id);
    setState(selectedCode, { selected: false });
    setState(code, { selected: true });
    selectedCode = code;
    events.onSelect(code ? (byCode.get(code) ?? null) : null);
  };
  map.on('mousemove', DISTRICT_FILL_LAYER, move);
  map.on('mouseleave', DISTRICT_FILL_LAYER, leave);
  map.on('click', click);
  return () => {
    map.off('mousemove', DISTRICT_FILL_LAYER, move);
    map.off('mouseleave', DISTRICT_FILL_LAYER, leave);
    map.off('click', click);
  };
}

/**
 * Puts the city and its districts on a loaded map with their name labels, under any overlay already there, and fits
 * the view to the city. Returns the function that removes the labels.
 */
export function showAdminAreas(map: MapLibreMap, areas: AdminAreaCollection): () => void {
  const firstOverlay = map.getStyle().layers.find((l) => l.id !== BACKGROUND_LAYER)?.id;
  showGeoJson(map, AREA_SOURCE, withFillColours(areas), AREA_LAYERS, { promoteId: 'code', beforeId: firstOverlay });

  const city = areas.features.filter((f) => f.properties.level === 'city');
  const bounds = boundsOf((city.length > 0 ? city : areas.features).map((f) => f.geometry));
  if (bounds) map.fitBounds(bounds, { padding: 48, duration: 0 });
  const markers = districtLabels(map, areas);
  return () => {
    for (const marker of markers) marker.remove();
  };
}
