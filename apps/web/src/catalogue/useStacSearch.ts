import { useCallback, useState } from 'react';
import { useApiData } from '../api/useApiData';
import { catalogueApi } from './catalogue.api';
import type { StacItemCollection, StacSearchBody } from './stac';

export interface StacSearch {
  page: StacItemCollection | undefined;
  loading: boolean;
  reload: () => void;
  /** follow the page's `next` / `prev` link; undefined when there is none */
  next?: () => void;
  prev?: () => void;
}

/**
 * One page of a STAC search. Paging follows the response's links, whose POST body is the same search plus its token;
 * a new `body` (memoise it) starts over at its first page.
 */
export function useStacSearch(body: StacSearchBody): StacSearch {
  // The page reached by a link, valid only while `of` is still the search shown.
  const [paged, setPaged] = useState<{ of: StacSearchBody; body: StacSearchBody } | null>(null);
  const current = paged?.of === body ? paged.body : body;
  const load = useCallback((signal: AbortSignal) => catalogueApi.search(current, signal), [current]);
  const { data: page, loading, reload } = useApiData(load);

  const follow = (rel: 'next' | 'prev') => {
    const target = page?.links.find((l) => l.rel === rel)?.body;
    return target ? () => setPaged({ of: body, body: target }) : undefined;
  };
  return { page, loading, reload, next: follow('next'), prev: follow('prev') };
}
