import type { Org, OrgInput, OrgKind, OrgPatch } from '@geoshare/shared';
import { api } from '../../api/client';

export const orgsApi = {
  list: (query: { kind?: OrgKind; q?: string }, signal?: AbortSignal) =>
    api.get<{ items: Org[] }>('/api/orgs', query, signal).then((r) => r.items),
  create: (input: OrgInput) => api.post<Org>('/api/orgs', input),
  update: (id: string, patch: OrgPatch) => api.patch<Org>(`/api/orgs/${id}`, patch),
};

/** All organisations (the list is small: one city's bureaus, departments, sections and districts). */
export const loadAllOrgs = (signal: AbortSignal) => orgsApi.list({}, signal);
