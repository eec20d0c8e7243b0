import type {
  PublicationResubmitInput,
  PublicationReview,
  PublicationReviewDetail,
  PublicationReviewInput,
  PublicationReviewList,
  PublicationState,
} from '@geoshare/shared';
import { api } from '../api/client';

export interface PublicationFilter {
  mine?: boolean;
  state?: PublicationState;
}

/** The request as one multipart body: the JSON field `data`, then every new file under `attachments`. */
export function submissionForm(data: PublicationReviewInput | PublicationResubmitInput, files: File[]): FormData {
  const form = new FormData();
  form.append('data', JSON.stringify(data));
  for (const f of files) form.append('attachments', f, f.name);
  return form;
}

/** 发布审核 (BX-18, MNR-12, MNR-18, ZS-23). */
export const publicationApi = {
  list: (f: PublicationFilter, signal?: AbortSignal) =>
    api.get<PublicationReviewList>('/api/publication-reviews', { ...f }, signal).then((r) => r.items),
  get: (id: string, signal?: AbortSignal) =>
    api.get<PublicationReviewDetail>(`/api/publication-reviews/${id}`, undefined, signal),
  create: (form: FormData) => api.post<PublicationReview>('/api/publication-reviews', form),
  resubmit: (id: string, form: FormData) =>
    api.post<PublicationReview>(`/api/publication-reviews/${id}/resubmit`, form),
  approve: (id: string, note: string | null) =>
    api.post<PublicationReview>(`/api/publication-reviews/${id}/approve`, { note }),
  reject: (id: string, reason: string) =>
    api.post<PublicationReview>(`/api/publication-reviews/${id}/reject`, { reason }),
  requestChanges: (id: string, reason: string) =>
    api.post<PublicationReview>(`/api/publication-reviews/${id}/request-changes`, { reason }),
  attachmentPath: (id: string, attachmentId: string) => `/api/publication-reviews/${id}/attachments/${attachmentId}`,
};
