import type { DownloadQuotaLimits, DownloadQuotaSetting, DownloadQuotaSettings } from '@geoshare/shared';
import { api } from '../../api/client';

const BASE = '/api/sharing/download-quotas';

export const downloadQuotasApi = {
  list: (signal: AbortSignal) => api.get<DownloadQuotaSettings>(BASE, undefined, signal),
  setDefault: (limits: DownloadQuotaLimits) => api.put<DownloadQuotaSetting>(`${BASE}/default`, limits),
  setOrg: (orgId: string, limits: DownloadQuotaLimits) =>
    api.put<DownloadQuotaSetting>(`${BASE}/orgs/${orgId}`, limits),
  deleteOrg: (orgId: string) => api.delete(`${BASE}/orgs/${orgId}`),
};
