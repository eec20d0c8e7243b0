import type { User, UserInput, UserPatch } from '@geoshare/shared';
import { api } from '../../api/client';

export const usersApi = {
  list: (query: { orgId?: string; q?: string }, signal?: AbortSignal) =>
    api.get<{ items: User[] }>('/api/users', query, signal).then((r) => r.items),
  create: (input: UserInput) => api.post<User>('/api/users', input),
  update: (id: string, patch: UserPatch) => api.patch<User>(`/api/users/${id}`, patch),
  unlock: (id: string) => api.post<User>(`/api/users/${id}/unlock`),
};
