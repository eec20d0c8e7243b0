import type {
  ApplicationDetail,
  ApplicationInput,
  ApplicationState,
  ApplicationSummary,
  ConfidentialityAgreement,
  HandoverBody,
  ProvisionRecord,
  ReadyBody,
  ReviewBody,
  SubmissionHold,
  SubmissionHoldInput,
  UsageLogEntry,
  UsageLogInput,
} from '@geoshare/shared';
import { api } from '../api/client';
import type { StacItem } from '../catalogue/stac';

/** Which applications a list shows: the own unit's, the reviewer's worklist, the service centre's (custodian). */
export type ApplicationScope = 'mine' | 'review' | 'provision';

export interface ProvisionQuery {
  collectionId?: string;
  itemId?: string;
  orgId?: string;
}

const application = (id: string, action = '') => `/api/applications/${encodeURIComponent(id)}${action}`;

/** The data-application workflow (BX-22): apply, review, provide, hand over, log usage; agreements; BX-11 holds. */
export const applicationsApi = {
  list: (scope: ApplicationScope, state: ApplicationState | undefined, signal?: AbortSignal) =>
    api.get<ApplicationSummary[]>('/api/applications', { scope, state }, signal),
  detail: (id: string, signal?: AbortSignal) => api.get<ApplicationDetail>(application(id), undefined, signal),
  /** `submit`: numbered and routed at once; otherwise kept as a draft */
  create: (input: ApplicationInput, submit: boolean) =>
    api.post<{ id: string }>('/api/applications', { ...input, submit }),
  submit: (id: string) => api.post<void>(application(id, '/submit')),
  withdraw: (id: string, reason: string | undefined) => api.post<void>(application(id, '/withdraw'), { reason }),
  review: (id: string, body: ReviewBody) => api.post<void>(application(id, '/review'), body),
  prepare: (id: string) => api.post<void>(application(id, '/prepare')),
  notifyPickup: (id: string, body: ReadyBody) => api.post<void>(application(id, '/ready'), body),
  handOver: (id: string, body: HandoverBody) =>
    api.post<{ handoverNumber: string }>(application(id, '/handover'), body),
  usageLog: (id: string, signal?: AbortSignal) =>
    api.get<UsageLogEntry[]>(application(id, '/usage-log'), undefined, signal),
  addUsageLog: (id: string, entry: UsageLogInput) => api.post<{ id: string }>(application(id, '/usage-log'), entry),

  provisions: (query: ProvisionQuery, signal?: AbortSignal) =>
    api.get<ProvisionRecord[]>('/api/provisions', { ...query }, signal),

  /** the caller's unit's agreements (every unit's for the provider side) */
  agreements: (signal?: AbortSignal) =>
    api.get<ConfidentialityAgreement[]>('/api/confidentiality-agreements', undefined, signal),
  signAgreement: (userRepresentative: string) =>
    api.post<{ id: string }>('/api/confidentiality-agreements', { userRepresentative }),

  holds: (openOnly: boolean, signal?: AbortSignal) =>
    api.get<SubmissionHold[]>('/api/submission-holds', { open: openOnly || undefined }, signal),
  createHold: (input: SubmissionHoldInput) => api.post<{ id: string }>('/api/submission-holds', input),
  clearHold: (id: string) => api.post<void>(`/api/submission-holds/${encodeURIComponent(id)}/clear`),

  /** the catalogue entry as it stands now (sharing type and its basis may have changed since it was picked) */
  item: (collectionId: string, itemId: string, signal?: AbortSignal) =>
    api.get<StacItem>(
      `/api/stac/collections/${encodeURIComponent(collectionId)}/items/${encodeURIComponent(itemId)}`,
      undefined,
      signal,
    ),
};

/** A sealed document's PDF (served by the documents module) and its public verification page (ZS-14). */
export const documentPdfUrl = (documentId: string) => `/api/documents/${encodeURIComponent(documentId)}.pdf`;
export const documentVerifyUrl = (documentId: string) => `/verify/${encodeURIComponent(documentId)}`;
