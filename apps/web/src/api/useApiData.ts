import { useCallback, useEffect, useState } from 'react';
import { isAbort } from './client';
import { useNotifyError } from './useNotifyError';

export interface ApiData<T> {
  data: T | undefined;
  loading: boolean;
  reload: () => void;
}

/**
 * Loads data on mount and whenever `load` changes (wrap it in useCallback with its inputs); a newer load aborts
 * the older one. Failures are shown as a message.
 */
export function useApiData<T>(load: (signal: AbortSignal) => Promise<T>): ApiData<T> {
  const notifyError = useNotifyError();
  const [data, setData] = useState<T>();
  const [loading, setLoading] = useState(true);
  const [version, setVersion] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: bumping `version` is how reload() re-runs the load
  useEffect(() => {
    const ctl = new AbortController();
    setLoading(true);
    load(ctl.signal).then(
      (value) => {
        setData(value);
        setLoading(false);
      },
      (err: unknown) => {
        if (isAbort(err)) return;
        notifyError(err);
        setLoading(false);
      },
    );
    return () => ctl.abort();
  }, [load, notifyError, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data, loading, reload };
}
