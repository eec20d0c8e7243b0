import type {
  CreateNegotiationBody,
  Negotiation,
  NegotiationDetail,
  NegotiationList,
  NegotiationState,
} from '@geoshare/shared';
import { api } from '../api/client';

export interface NegotiationFilter {
  mine?: boolean;
  state?: NegotiationState;
}

/** 共享协商 (ZS-21): ask for a 不予共享 item, list, answer, escalate. */
export const negotiationApi = {
  create: (body: CreateNegotiationBody) => api.post<Negotiation>('/api/negotiations', body),
  list: (f: NegotiationFilter, signal?: AbortSignal) =>
    api.get<NegotiationList>('/api/negotiations', { ...f, limit: 500 }, signal),
  get: (id: string, signal?: AbortSignal) => api.get<NegotiationDetail>(`/api/negotiations/${id}`, undefined, signal),
  agree: (id: string, answer: string) => api.post<Negotiation>(`/api/negotiations/${id}/agree`, { answer }),
  decline: (id: string, answer: string) => api.post<Negotiation>(`/api/negotiations/${id}/decline`, { answer }),
  escalate: (id: string, note: string | undefined) =>
    api.post<Negotiation>(`/api/negotiations/${id}/escalate`, note ? { note } : {}),
};
