import type { AddLayerObject, MapOptions } from 'maplibre-gl';
import type { AdminAreaCollection, AdminAreaProps } from './admin-areas';

export const BACKGROUND_LAYER = 'background';
export const AREA_SOURCE = 'admin-areas';
export const DISTRICT_FILL_LAYER = 'district-fill';

/** Soft, clearly distinct district colours. */
const PALETTE = ['#a8d5ba', '#f6d186', '#b8c0ff', '#f4a6a6', '#9fd8df', '#d7b9e8', '#c9e4a5', '#f9c5a0'];

/**
 * The offline base style: a plain background and nothing remote (no tiles, glyphs or sprites). Names are drawn
 * as DOM markers, so there is no symbol layer and no `glyphs` URL.
 */
export const BASE_STYLE: MapOptions['style'] = {
  version: 8,
  sources: {},
  layers: [{ id: BACKGROUND_LAYER, type: 'background', paint: { 'background-color': '#e4ebf3' } }],
};

/** The areas with a `fill` colour property per district, as the source data. */
export function withFillColours(areas: AdminAreaCollection): AdminAreaCollection {
  let district = 0;
  return {
    ...areas,
    features: areas.features.map((f) =>
      f.properties.level === 'district'
        ? { ...f, properties: { ...f.properties, fill: PALETTE[district++ % PALETTE.length] } }
        : f,
    ),
  };
}

type LevelFilter = ['==', ['get', 'level'], AdminAreaProps['level']];
const levelIs = (level: AdminAreaProps['level']): LevelFilter => ['==', ['get', 'level'], level];
type StateTest = ['boolean', ['feature-state', 'hover' | 'selected'], false];
/** Paint expression tests of the feature states `selected` and `hover` (set with map.setFeatureState). */
export const selected: StateTest = ['boolean', ['feature-state', 'selected'], false];
export const hovered: StateTest = ['boolean', ['feature-state', 'hover'], false];

/** District fills and outlines, the city outline on top. Hover and selection come from feature state. */
export const AREA_LAYERS: AddLayerObject[] = [
  {
    id: DISTRICT_FILL_LAYER,
    type: 'fill',
    source: AREA_SOURCE,
    filter: levelIs('district'),
    paint: {
      'fill-color': ['get', 'fill'],
      'fill-opacity': ['case', selected, 0.9, hovered, 0.8, 0.6],
    },
  },
  {
    id: 'district-outline',
    type: 'line',
    source: AREA_SOURCE,
    filter: levelIs('district'),
    paint: {
      'line-color': ['case', selected, '#1d4f91', '#ffffff'],
      'line-width': ['case', selected, 2.5, 1.2],
    },
  },
  {
    id: 'city-outline',
    type: 'line',
    source: AREA_SOURCE,
    filter: levelIs('city'),
    paint: { 'line-color': '#1d4f91', 'line-width': 3 },
  },
];
