import { api } from '../api/client';

export type Position = [number, number];

export type AreaGeometry =
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] };

/** Feature properties of GET /api/geo/admin-areas (areas are ellipsoidal on CGCS2000). */
export type AdminAreaProps = { code: string; name: string; level: 'city' | 'district'; areaKm2: number };
export type AdminAreaFeature = { type: 'Feature'; geometry: AreaGeometry; properties: AdminAreaProps };
/** The city and its districts in EPSG:4490 lon/lat. */
export type AdminAreaCollection = { type: 'FeatureCollection'; features: AdminAreaFeature[] };

export const fetchAdminAreas = (signal: AbortSignal) =>
  api.get<AdminAreaCollection>('/api/geo/admin-areas', undefined, signal);

/** The districts of the areas (none while they are not loaded or not available). */
export const districtsOf = (areas: AdminAreaCollection | null | undefined): AdminAreaFeature[] =>
  areas?.features.filter((f) => f.properties.level === 'district') ?? [];

const polygonsOf = (g: AreaGeometry): Position[][][] => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);

/** Area and centroid of a ring by the shoelace formula, planar in lon/lat: enough to place a label. */
function ringCentroid(ring: Position[]): { area: number; centroid: Position } {
  let twiceArea = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x0, y0] = ring[j]!;
    const [x1, y1] = ring[i]!;
    const cross = x0 * y1 - x1 * y0;
    twiceArea += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  if (twiceArea === 0) {
    const n = ring.length || 1;
    return { area: 0, centroid: [ring.reduce((s, p) => s + p[0], 0) / n, ring.reduce((s, p) => s + p[1], 0) / n] };
  }
  return { area: Math.abs(twiceArea / 2), centroid: [cx / (3 * twiceArea), cy / (3 * twiceArea)] };
}

/** Where an area's name goes: the centroid of the outer ring of its largest polygon. */
export function labelPoint(geometry: AreaGeometry): Position | null {
  let best: { area: number; centroid: Position } | null = null;
  for (const [outer] of polygonsOf(geometry)) {
    if (!outer || outer.length < 3) continue;
    const candidate = ringCentroid(outer);
    if (!best || candidate.area > best.area) best = candidate;
  }
  return best?.centroid ?? null;
}

/** [[west, south], [east, north]] of the given geometries, or null when they have no coordinates. */
export function boundsOf(geometries: AreaGeometry[]): [Position, Position] | null {
  let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const geometry of geometries) {
    for (const polygon of polygonsOf(geometry)) {
      for (const ring of polygon) {
        for (const [x, y] of ring) {
          west = Math.min(west, x);
          south = Math.min(south, y);
          east = Math.max(east, x);
          north = Math.max(north, y);
        }
      }
    }
  }
  return west <= east
    ? [
        [west, south],
        [east, north],
      ]
    : null;
}
