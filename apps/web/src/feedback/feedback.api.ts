import type {
  ConfirmFeedbackBody,
  CreateFeedbackBody,
  Feedback,
  FeedbackDetail,
  FeedbackList,
  FeedbackState,
  FeedbackSummary,
} from '@geoshare/shared';
import { api } from '../api/client';

export interface FeedbackFilter {
  mine?: boolean;
  state?: FeedbackState;
  collectionId?: string;
  escalated?: boolean;
}

/** 问题反馈 (MNR-19): report, list, answer, summarise. */
export const feedbackApi = {
  create: (body: CreateFeedbackBody) => api.post<Feedback>('/api/feedback', body),
  list: (f: FeedbackFilter, signal?: AbortSignal) =>
    api.get<FeedbackList>('/api/feedback', { ...f, limit: 500 }, signal),
  get: (id: string, signal?: AbortSignal) => api.get<FeedbackDetail>(`/api/feedback/${id}`, undefined, signal),
  confirm: (id: string, body: ConfirmFeedbackBody) => api.post<Feedback>(`/api/feedback/${id}/confirm`, body),
  dismiss: (id: string, response: string) => api.post<Feedback>(`/api/feedback/${id}/dismiss`, { response }),
  resolve: (id: string, resolution: string) => api.post<Feedback>(`/api/feedback/${id}/resolve`, { resolution }),
  summary: (from: string, to: string, signal?: AbortSignal) =>
    api.get<FeedbackSummary>('/api/feedback/summary', { from, to }, signal),
};

export const FEEDBACK_SUMMARY_XLSX = '/api/feedback/summary.xlsx';
