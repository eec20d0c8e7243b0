import type { MultiPolygon, Polygon, Position } from 'geojson';

/**
 * Output grids of an area clip (pure, unit-tested): CGCS2000 geographic lon/lat (EPSG:4490) or a CGCS2000
 * Gauss-Krüger zone with the zone number prefixed to the easting — 3° zones 25–45 (central meridian 3n °E,
 * EPSG:4513–4533) and 6° zones 13–23 (central meridian 6n − 3 °E, EPSG:4491–4501), which cover China's 73°–135°E.
 */

export type ClipArea = Polygon | MultiPolygon;

export const CGCS2000_GEOGRAPHIC = 4490;

interface ZoneSystem {
  /** zone width, degrees of longitude */
  width: 3 | 6;
  first: number;
  last: number;
  /** EPSG code of the first zone; the others follow in order */
  firstEpsg: number;
}

const THREE_DEGREE: ZoneSystem = { width: 3, first: 25, last: 45, firstEpsg: 4513 };
const SIX_DEGREE: ZoneSystem = { width: 6, first: 13, last: 23, firstEpsg: 4491 };

export interface CrsOption {
  value: number;
  label: string;
}

const zoneOptions = ({ width, first, last, firstEpsg }: ZoneSystem): CrsOption[] =>
  Array.from({ length: last - first + 1 }, (_, i) => ({
    value: firstEpsg + i,
    label: `CGCS2000 ${width}度带 第${first + i}带 (EPSG:${firstEpsg + i})`,
  }));

/** The CRS choices, grouped as a Select wants them. */
export const CLIP_CRS_GROUPS: { label: string; options: CrsOption[] }[] = [
  { label: '地理坐标', options: [{ value: CGCS2000_GEOGRAPHIC, label: 'CGCS2000 经纬度 (EPSG:4490)' }] },
  { label: '高斯-克吕格 3 度带', options: zoneOptions(THREE_DEGREE) },
  { label: '高斯-克吕格 6 度带', options: zoneOptions(SIX_DEGREE) },
];

/** The 3° zone holding longitude `lon` (n = round(lon / 3)), or null outside zones 25–45. */
export function threeDegreeZone(lon: number): number | null {
  const n = Math.round(lon / 3);
  return n >= THREE_DEGREE.first && n <= THREE_DEGREE.last ? n : null;
}

/** EPSG code of a 3° zone (EPSG:4513 + n − 25). */
export const threeDegreeEpsg = (zone: number): number => THREE_DEGREE.firstEpsg + zone - THREE_DEGREE.first;

/**
 * Longitude of the area's centroid: the area-weighted centroid of the outer rings, planar in degrees (enough to
 * choose a zone); the mean of the vertices when the rings enclose no area.
 */
export function centroidLon(area: ClipArea): number {
  const outerRings: Position[][] =
    area.type === 'Polygon' ? area.coordinates.slice(0, 1) : area.coordinates.flatMap((p) => p.slice(0, 1));
  let twiceArea = 0;
  let weighted = 0;
  const vertices: number[] = [];
  for (const ring of outerRings) {
    for (let i = 0; i + 1 < ring.length; i++) {
      const [x0, y0] = ring[i] as [number, number];
      const [x1, y1] = ring[i + 1] as [number, number];
      const cross = x0 * y1 - x1 * y0;
      twiceArea += cross;
      weighted += (x0 + x1) * cross;
      vertices.push(x0);
    }
  }
  if (Math.abs(twiceArea) > 1e-12) return weighted / (3 * twiceArea);
  return vertices.reduce((sum, x) => sum + x, 0) / Math.max(vertices.length, 1);
}

/** The pre-selected output grid of a clip: the 3° zone of its centroid, else (outside China) 4490. */
export function suggestedClipCrs(area: ClipArea | null): number {
  const zone = area ? threeDegreeZone(centroidLon(area)) : null;
  return zone === null ? CGCS2000_GEOGRAPHIC : threeDegreeEpsg(zone);
}
