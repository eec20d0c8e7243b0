import type { AuditEvent, AuditVerifyResult } from '@geoshare/shared';
import { api } from '../../api/client';

export interface AuditPage {
  items: AuditEvent[];
  /** pass as `beforeId` for the next (older) page; null when there is none */
  nextBeforeId: number | null;
}

export const auditApi = {
  /** newest first */
  list: (query: { limit: number; beforeId?: number; action?: string }, signal?: AbortSignal) =>
    api.get<AuditPage>('/api/audit', query, signal),
  verify: () => api.post<AuditVerifyResult>('/api/audit/verify'),
};
