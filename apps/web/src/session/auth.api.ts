import type { ChangePasswordBody, LoginBody, SessionInfo } from '@geoshare/shared';
import { api } from '../api/client';

export const authApi = {
  login: (body: LoginBody) => api.post<SessionInfo>('/api/auth/login', body),
  logout: () => api.post<void>('/api/auth/logout'),
  me: (signal: AbortSignal) => api.get<SessionInfo>('/api/auth/me', undefined, signal),
  changePassword: (body: ChangePasswordBody) => api.post<void>('/api/auth/password', body),
};
