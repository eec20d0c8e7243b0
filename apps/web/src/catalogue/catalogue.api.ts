import type { CollectionInput, ItemPatch } from '@geoshare/shared';
import type { Geometry } from 'geojson';
import { api } from '../api/client';
import type { ResolutionClass } from './search-request';
import type { FrequencyBucket, StacAggregation, StacCollection, StacItemCollection, StacSearchBody } from './stac';

/** Aggregations the search page asks for with its search. */
export type AggregationName =
  | 'total_count'
  | 'collection_frequency'
  | 'platform_frequency'
  | 'geoshare:district_frequency';

export type IngestResult =
  | { file: string; ok: true; collectionId: string; itemId: string; catalogueNo: string; warnings: string[] }
  | { file: string; ok: false; code: string; message: string };

export interface CoverageQuery {
  district: string;
  resolution: ResolutionClass;
  /** YYYY-MM-DD: items acquired after this day */
  since: string;
}

export interface Coverage {
  districtCode: string;
  districtName: string;
  districtAreaKm2: number;
  coveredAreaKm2: number;
  /** 0..1 */
  share: number;
  itemCount: number;
  covered: Geometry | null;
}

/** TileJSON 3.0.0 of an entry's imagery (GET /api/tiles/{collection}/{item}/tilejson.json). */
export interface TileJson {
  tilejson: string;
  name: string;
  /** XYZ URL templates, Web Mercator 256 px tiles */
  tiles: string[];
  bounds: [number, number, number, number];
  minzoom: number;
  maxzoom: number;
}

const path = (...parts: string[]) => parts.map(encodeURIComponent).join('/');

export const catalogueApi = {
  search: (body: StacSearchBody, signal?: AbortSignal) =>
    api.post<StacItemCollection>('/api/stac/search', body, signal),
  /** `body` without paging: the same search the results come from */
  aggregate: (body: Partial<StacSearchBody>, names: AggregationName[], signal?: AbortSignal) =>
    api
      .post<{ aggregations: StacAggregation[] }>(
        '/api/stac/aggregate',
        { ...body, aggregations: names.join(',') },
        signal,
      )
      .then((r) => r.aggregations),
  /** a catalogue keeper also gets the unpublished ones */
  collections: (signal?: AbortSignal) =>
    api.get<{ collections: StacCollection[] }>('/api/stac/collections', undefined, signal).then((r) => r.collections),
  createCollection: (input: CollectionInput) => api.post<{ id: string }>('/api/catalog/collections', input),
  updateCollection: (id: string, input: Omit<CollectionInput, 'id'>) =>
    api.put<void>(`/api/catalog/collections/${path(id)}`, input),
  publishCollection: (id: string, published: boolean) =>
    api.post<void>(`/api/catalog/collections/${path(id)}/publish`, { published }),
  updateItem: (collectionId: string, itemId: string, patch: ItemPatch) =>
    api.patch<void>(`/api/catalog/collections/${path(collectionId, 'items', itemId)}`, patch),
  publishItem: (collectionId: string, itemId: string, published: boolean) =>
    api.post<void>(`/api/catalog/collections/${path(collectionId, 'items', itemId)}/publish`, { published }),
  /** all files in one multipart request */
  ingest: (form: FormData) => api.post<{ results: IngestResult[] }>('/api/catalog/ingest', form),
  /** refused (403, with the reason) for classified data */
  tileJson: (collectionId: string, itemId: string) =>
    api.get<TileJson>(`/api/tiles/${path(collectionId, itemId)}/tilejson.json`),
  coverage: (query: CoverageQuery, signal?: AbortSignal) =>
    api.get<Coverage>('/api/catalog/coverage', { ...query }, signal),
};

export const loadCollections = (signal: AbortSignal) => catalogueApi.collections(signal);

/** The buckets of one aggregation of an answer (none when it is missing). */
export function bucketsOf(aggregations: StacAggregation[] | undefined, name: AggregationName): FrequencyBucket[] {
  return aggregations?.find((a) => a.name === name)?.buckets ?? [];
}
