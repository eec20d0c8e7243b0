import { type ProductType, RESOLUTION_CLASSES, type Secrecy, type SharingType } from '@geoshare/shared';
import type { Polygon } from 'geojson';
import type { AreaGeometry } from '../map/admin-areas';
import type { Bbox, Cql2Expr, StacSearchBody } from './stac';

/**
 * Builds STAC searches from what the user picked: one CQL2-JSON `filter` for the attribute conditions, `bbox` or
 * `intersects` for the area, `datetime`, free text `q`. Pure, so it is unit-tested on its own.
 */

export type ResolutionClass = (typeof RESOLUTION_CLASSES)[number]['key'];

/** Where to search: a district (sent as its geometry), a drawn box, or a drawn polygon. */
export type SearchArea =
  | { kind: 'district'; code: string; geometry: AreaGeometry }
  | { kind: 'box'; bbox: Bbox }
  | { kind: 'polygon'; geometry: Polygon };

export interface SearchFilters {
  /** [start, end] as RFC 3339 instants; `..` leaves an end open */
  period?: [string, string];
  resolution?: ResolutionClass;
  platforms?: string[];
  productType?: ProductType;
  /** percent; 100 or more means no limit */
  maxCloudCover?: number;
  secrecy?: Secrecy;
  sharingType?: SharingType;
  q?: string;
}

export const PAGE_SIZE = 20;
export const NEWEST_FIRST: StacSearchBody['sortby'] = [{ field: 'datetime', direction: 'desc' }];

type Scalar = string | number | boolean;

export const compare = (op: '=' | '<=' | '>', property: string, value: Scalar): Cql2Expr => ({
  op,
  args: [{ property }, value],
});

/** The AND of `conditions`: none → undefined, one → itself (a CQL2 `and` takes two or more). */
export function allOf(conditions: Cql2Expr[]): Cql2Expr | undefined {
  if (conditions.length <= 1) return conditions[0];
  return { op: 'and', args: conditions };
}

/** `filter` with its language, or nothing when there is no condition. */
export const withFilter = (filter: Cql2Expr | undefined): Pick<StacSearchBody, 'filter' | 'filter-lang'> =>
  filter ? { filter, 'filter-lang': 'cql2-json' } : {};

/** A resolution class as a GSD condition: `gsd <= max`, and for the coarsest class `gsd >` the finest bound above. */
export function resolutionCondition(key: ResolutionClass): Cql2Expr {
  const cls = RESOLUTION_CLASSES.find((c) => c.key === key)!;
  if (Number.isFinite(cls.maxGsd)) return compare('<=', 'gsd', cls.maxGsd);
  const finite = RESOLUTION_CLASSES.filter((c) => Number.isFinite(c.maxGsd)).map((c) => c.maxGsd);
  return compare('>', 'gsd', Math.max(...finite));
}

/** The attribute conditions of `f` as one CQL2-JSON expression (undefined when there are none). */
export function filterOf(f: SearchFilters): Cql2Expr | undefined {
  const conditions: Cql2Expr[] = [];
  if (f.resolution) conditions.push(resolutionCondition(f.resolution));
  const platforms = (f.platforms ?? []).map((p) => p.trim()).filter(Boolean);
  if (platforms.length > 0) conditions.push({ op: 'in', args: [{ property: 'platform' }, platforms] });
  if (f.productType) conditions.push(compare('=', 'geoshare:product_type', f.productType));
  if (f.maxCloudCover !== undefined && f.maxCloudCover < 100)
    conditions.push(compare('<=', 'eo:cloud_cover', f.maxCloudCover));
  if (f.secrecy) conditions.push(compare('=', 'geoshare:secrecy', f.secrecy));
  if (f.sharingType) conditions.push(compare('=', 'geoshare:sharing_type', f.sharingType));
  return allOf(conditions);
}

function areaParams(area: SearchArea | null): Pick<StacSearchBody, 'bbox' | 'intersects'> {
  if (!area) return {};
  return area.kind === 'box' ? { bbox: area.bbox } : { intersects: area.geometry };
}

/** The first page of the search, newest first. */
export function searchBody(area: SearchArea | null, f: SearchFilters): StacSearchBody {
  const q = f.q?.trim();
  return {
    ...areaParams(area),
    ...(f.period ? { datetime: `${f.period[0]}/${f.period[1]}` } : {}),
    ...(q ? { q } : {}),
    ...withFilter(filterOf(f)),
    limit: PAGE_SIZE,
    sortby: NEWEST_FIRST,
  };
}

/** [west, south, east, north] of two corners, in any order. */
export function bboxOf([x0, y0]: [number, number], [x1, y1]: [number, number]): Bbox {
  return [Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1)];
}

/** A bbox as a closed polygon (to draw it). */
export function bboxPolygon([w, s, e, n]: Bbox): Polygon {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [w, s],
        [e, s],
        [e, n],
        [w, n],
        [w, s],
      ],
    ],
  };
}
