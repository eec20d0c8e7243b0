import { type Map as MapLibreMap, Marker } from 'maplibre-gl';
import { type AdminAreaCollection, type AdminAreaProps, boundsOf, labelPoint } from './admin-areas';
import { AREA_LAYERS, AREA_SOURCE, DISTRICT_FILL_LAYER, withFillColours } from './map-style';

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

/** Hover highlights a district, a click selects it (or clears the selection outside any district). */
function bindDistrictEvents(map: MapLibreMap, byCode: Map<string, AdminAreaProps>, events: DistrictEvents): void {
  let hoveredCode: string | null = null;
  let selectedCode: string | null = null;
  const setState = (code: string | null, state: Record<string, boolean>) => {
    if (code) map.setFeatureState({ source: AREA_SOURCE, id: code }, state);
  };

  map.on('mousemove', DISTRICT_FILL_LAYER, (e) => {
    const code = String(e.features?.[0]?.id ?? '');
    if (!code || code === hoveredCode) return;
    setState(hoveredCode, { hover: false });
    setState(code, { hover: true });
    hoveredCode = code;
    map.getCanvas().style.cursor = 'pointer';
    events.onHover(byCode.get(code) ?? null);
  });
  map.on('mouseleave', DISTRICT_FILL_LAYER, () => {
    setState(hoveredCode, { hover: false });
    hoveredCode = null;
    map.getCanvas().style.cursor = '';
    events.onHover(null);
  });
  map.on('click', (e) => {
    const hit = map.queryRenderedFeatures(e.point, { layers: [DISTRICT_FILL_LAYER] })[0];
    const code = hit?.id === undefined ? null : String(hit.id);
    setState(selectedCode, { selected: false });
    setState(code, { selected: true });
    selectedCode = code;
    events.onSelect(code ? (byCode.get(code) ?? null) : null);
  });
}

/**
 * Puts the city and its districts on a loaded map: source, layers, name labels, interactions; fits the view to
 * the city. Returns the label markers (to remove with the map).
 */
export function showAdminAreas(map: MapLibreMap, areas: AdminAreaCollection, events: DistrictEvents): Marker[] {
  map.addSource(AREA_SOURCE, { type: 'geojson', data: withFillColours(areas), promoteId: 'code' });
  for (const layer of AREA_LAYERS) map.addLayer(layer);

  const byCode = new Map(areas.features.map((f) => [f.properties.code, f.properties]));
  bindDistrictEvents(map, byCode, events);

  const city = areas.features.filter((f) => f.properties.level === 'city');
  const bounds = boundsOf(city.length > 0 ? city : areas.features);
  if (bounds) map.fitBounds(bounds, { padding: 48, duration: 0 });
  return districtLabels(map, areas);
}
