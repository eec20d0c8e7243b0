import { type RefObject, useEffect, useState } from 'react';
import { useApiData } from '../api/useApiData';
import { type AdminAreaProps, fetchAdminAreas } from './admin-areas';
import { bindDistrictEvents, showAdminAreas } from './district-map';
import { useMapLibre } from './useMapLibre';

export interface DistrictMapState {
  city: AdminAreaProps | null;
  hovered: AdminAreaProps | null;
  selected: AdminAreaProps | null;
  /** set when the map cannot be shown at all (no WebGL) */
  failure: string | null;
}

/** The MapLibre map of the city and its districts inside `containerRef`, with hover and selection state. */
export function useDistrictMap(containerRef: RefObject<HTMLDivElement | null>): DistrictMapState {
  const { map, failure } = useMapLibre(containerRef);
  const { data: areas } = useApiData(fetchAdminAreas);
  const [hovered, setHovered] = useState<AdminAreaProps | null>(null);
  const [selected, setSelected] = useState<AdminAreaProps | null>(null);

  useEffect(() => {
    if (!map || !areas) return;
    const removeLabels = showAdminAreas(map, areas);
    const unbind = bindDistrictEvents(map, areas, { onHover: setHovered, onSelect: setSelected });
    return () => {
      unbind();
      removeLabels();
    };
  }, [map, areas]);

  const city = areas?.features.find((f) => f.properties.level === 'city')?.properties ?? null;
  return { city, hovered, selected, failure };
}
