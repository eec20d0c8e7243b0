import type {
  FundingSource,
  ProductType,
  Secrecy,
  SharingMethod,
  SharingType,
  UpdateFrequency,
} from '@geoshare/shared';
import type { Geometry } from 'geojson';

/** [west, south, east, north] in lon/lat degrees (EPSG:4490). */
export type Bbox = [number, number, number, number];

/** A CQL2-JSON boolean expression (only what the UI builds: comparisons, IN, AND). */
export interface Cql2Expr {
  op: string;
  args: (Cql2Expr | { property: string } | string | number | boolean | (string | number)[])[];
}

/** The body of POST /api/stac/search (and, with `aggregations`, of POST /api/stac/aggregate). */
export interface StacSearchBody {
  collections?: string[];
  bbox?: Bbox;
  intersects?: Geometry;
  /** RFC 3339 interval `start/end` */
  datetime?: string;
  q?: string;
  filter?: Cql2Expr;
  'filter-lang'?: 'cql2-json';
  limit: number;
  sortby: { field: string; direction: 'asc' | 'desc' }[];
  /** the page, from a `next`/`prev` link */
  token?: string;
}

/** A paging link of a POST search: POST `body` (the same search plus its token) to the search endpoint. */
export interface StacLink {
  rel: string;
  href: string;
  method?: string;
  body?: StacSearchBody;
}

export interface StacAsset {
  /** absolute URL of /api/assets/{collection}/{item}/{key}; present only where the files may be fetched online */
  href: string;
  type?: string;
  title?: string;
  roles?: string[];
  'file:size'?: number;
}

/** Item properties (STAC, eo, and GeoShare's own under `geoshare:`); `full` metadata adds the rest. */
export interface StacItemProperties {
  datetime: string;
  title: string;
  description?: string;
  gsd?: number;
  platform?: string;
  'eo:cloud_cover'?: number;
  'geoshare:catalogue_no': string;
  'geoshare:product_type': ProductType;
  'geoshare:secrecy': Secrecy;
  'geoshare:sharing_type': SharingType;
  'geoshare:sharing_basis'?: string;
  'geoshare:sharing_method': SharingMethod;
  'geoshare:custodian'?: string;
  'geoshare:provider'?: string;
  'geoshare:districts': string[];
  'geoshare:published': boolean;
  'geoshare:secrecy_term'?: string;
  'geoshare:funding_source'?: FundingSource;
  'geoshare:update_frequency'?: UpdateFrequency;
  'geoshare:usage_requirements'?: string;
  /** `public`: the viewer's clearance is below the item's secrecy; only public metadata is given */
  'geoshare:metadata_level': 'full' | 'public';
  [field: string]: unknown;
}

export interface StacItem {
  type: 'Feature';
  id: string;
  collection: string;
  geometry: Geometry;
  bbox: Bbox;
  properties: StacItemProperties;
  assets: Record<string, StacAsset>;
}

export interface StacItemCollection {
  type: 'FeatureCollection';
  features: StacItem[];
  /** counting stops at MATCHED_CAP */
  numberMatched: number;
  numberReturned: number;
  links: StacLink[];
}

export interface StacCollection {
  id: string;
  title: string;
  description: string;
  keywords: string[];
  license: string;
  providers: { name: string; roles: string[] }[];
  'geoshare:product_type': ProductType;
  'geoshare:update_frequency': UpdateFrequency;
  'geoshare:sharing_type': SharingType;
  'geoshare:sharing_basis'?: string;
  'geoshare:sharing_method': SharingMethod;
  'geoshare:usage_requirements'?: string;
  'geoshare:published': boolean;
  'geoshare:item_count': number;
}

export interface FrequencyBucket {
  key: string;
  frequency: number;
}

export interface StacAggregation {
  name: string;
  value?: number | string | null;
  buckets?: FrequencyBucket[];
}

/** The server stops counting matches here; the UI shows 「10000+」. */
export const MATCHED_CAP = 10000;

/** Unique key of an item across collections (ids are unique per collection only). */
export const itemKey = (item: Pick<StacItem, 'collection' | 'id'>): string => `${item.collection}/${item.id}`;
