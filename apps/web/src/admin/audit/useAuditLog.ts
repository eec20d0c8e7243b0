import type { AuditEvent } from '@geoshare/shared';
import { useCallback, useState } from 'react';
import { useApiData } from '../../api/useApiData';
import { useNotifyError } from '../../api/useNotifyError';
import { type AuditPage, auditApi } from './audit.api';

const PAGE_SIZE = 50;

export interface AuditLog {
  items: AuditEvent[];
  loading: boolean;
  hasMore: boolean;
  loadMore: () => void;
}

/** Audit events matching `action`, newest first, one page at a time (「加载更多」 pages on with `beforeId`). */
export function useAuditLog(action: string): AuditLog {
  const notifyError = useNotifyError();
  const loadFirst = useCallback(
    (signal: AbortSignal) => auditApi.list({ limit: PAGE_SIZE, action: action || undefined }, signal),
    [action],
  );
  const { data: first, loading } = useApiData(loadFirst);
  // Older pages, valid only while `after` is still the first page shown (a new filter starts over).
  const [more, setMore] = useState<{ after: AuditPage; page: AuditPage } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);

  const extra = more && more.after === first ? more.page : null;
  const nextBeforeId = extra ? extra.nextBeforeId : (first?.nextBeforeId ?? null);

  const loadMore = () => {
    if (!first || nextBeforeId === null) return;
    setLoadingMore(true);
    auditApi
      .list({ limit: PAGE_SIZE, beforeId: nextBeforeId, action: action || undefined })
      .then((page) => setMore({ after: first, page: { ...page, items: [...(extra?.items ?? []), ...page.items] } }))
      .catch(notifyError)
      .finally(() => setLoadingMore(false));
  };

  return {
    items: [...(first?.items ?? []), ...(extra?.items ?? [])],
    loading: loading || loadingMore,
    hasMore: nextBeforeId !== null,
    loadMore,
  };
}
