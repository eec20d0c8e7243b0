import type {
  ApiTokenView,
  CreateApiTokenBody,
  CreateDownloadBody,
  CreatedApiToken,
  DownloadLink,
  DownloadQuota,
  SharingAgreementStatus,
  SharingAgreementText,
} from '@geoshare/shared';
import { api } from '../api/client';
import type { TileJson } from '../catalogue/catalogue.api';

/** How statistics are grouped: department (org name), collection id, `collection/item`, or month `YYYY-MM`. */
export type UsageGroupBy = 'org' | 'collection' | 'item' | 'month';

/** What was used online (MNR-16): map tiles, downloads, other API calls. */
export type UsageKind = 'tile' | 'download' | 'api';

export interface UsageQuery {
  /** YYYY-MM-DD, China time, inclusive */
  from: string;
  to: string;
  groupBy: UsageGroupBy;
}

/** One row of GET /api/usage/stats: the totals of one group and one kind of use. */
export interface UsageRow {
  /** identifies the group: org name, collection id, `collection/item`, `YYYY-MM` */
  key: string;
  /** names it for people: org name, collection title, item title, 「2026年11月」 */
  label: string;
  kind: UsageKind;
  count: number;
  /** bytes served */
  bytes: number;
  /** distinct users of this group and kind (anonymous visitors count as none) */
  users: number;
}

/** The HTTP 428 answer of any online use before the agreement of the collection is signed (MNR-16). */
export const AGREEMENT_REQUIRED = 'SHARING_AGREEMENT_REQUIRED';

export const sharingApi = {
  tokens: (signal?: AbortSignal) =>
    api.get<{ items: ApiTokenView[] }>('/api/me/tokens', undefined, signal).then((r) => r.items),
  /** the answer holds the secret, shown once */
  createToken: (body: CreateApiTokenBody) => api.post<CreatedApiToken>('/api/me/tokens', body),
  revokeToken: (id: string) => api.delete(`/api/me/tokens/${encodeURIComponent(id)}`),

  agreement: (signal?: AbortSignal) => api.get<SharingAgreementText>('/api/sharing/agreement', undefined, signal),
  myAgreement: (collectionId: string) =>
    api.get<SharingAgreementStatus>('/api/sharing/agreements/mine', { collectionId }),
  signAgreement: (collectionId: string, version: string) =>
    api.post<SharingAgreementStatus>('/api/sharing/agreements', { collectionId, version }),

  /** a signed, expiring link; 428 without the agreement, refused past the daily quota */
  createDownload: (body: CreateDownloadBody) => api.post<DownloadLink>('/api/downloads', body),
  quota: (signal?: AbortSignal) => api.get<DownloadQuota>('/api/me/downloads/quota', undefined, signal),

  /** 浏览整个数据集: TileJSON of the collection's mosaic in Web Mercator (428 without the agreement) */
  collectionMosaic: (collectionId: string) =>
    api.get<TileJson>(`/api/mosaics/${encodeURIComponent(collectionId)}/WebMercatorQuad/tilejson.json`),

  usage: (query: UsageQuery, signal?: AbortSignal) =>
    api.get<{ items: UsageRow[] }>('/api/usage/stats', { ...query }, signal).then((r) => r.items),
};

/** The same statistics as an Excel workbook (same query). */
export const USAGE_XLSX_PATH = '/api/usage/stats.xlsx';
