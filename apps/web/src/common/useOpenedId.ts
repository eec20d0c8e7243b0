import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';

/** The case open in a page's detail drawer, kept in the URL (`?id=`) so that a notice's link opens it. */
export function useOpenedId(): [string | null, (id: string | null) => void] {
  const [params, setParams] = useSearchParams();
  const open = useCallback(
    (id: string | null) =>
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        if (id) next.set('id', id);
        else next.delete('id');
        return next;
      }),
    [setParams],
  );
  return [params.get('id'), open];
}
