import type { CitedSource, Secrecy } from '@geoshare/shared';
import { Select, Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { isAbort } from '../api/client';
import { useNotifyError } from '../api/useNotifyError';
import { catalogueApi } from '../catalogue/catalogue.api';
import { itemKey, type StacItem } from '../catalogue/stac';
import { SecrecyTag } from '../catalogue/tags';

/** A cited catalogue item as the form needs it: what the citation names, and its secrecy (MNR-18). */
export interface SourceInfo extends CitedSource {
  key: string;
  collectionId: string;
  itemId: string;
  secrecy: Secrecy;
}

const sourceOf = (item: StacItem): SourceInfo => ({
  key: itemKey(item),
  collectionId: item.collection,
  itemId: item.id,
  title: item.properties.title,
  catalogueNo: item.properties['geoshare:catalogue_no'],
  custodianName: item.properties['geoshare:custodian'] ?? null,
  secrecy: item.properties['geoshare:secrecy'],
});

/** Waits this long after the last keystroke before searching the catalogue (ms). */
const DEBOUNCE_MS = 300;
const PAGE = 20;

interface SourceSelectProps {
  /** keys `collection/item` of the chosen items */
  value?: string[];
  onChange?: (keys: string[]) => void;
  /** the items known so far, by key (chosen ones must be in it) */
  known: Record<string, SourceInfo>;
  /** items a search found: the form keeps them to name the chosen ones */
  onFound: (found: SourceInfo[]) => void;
}

/** 引用数据: catalogue items picked by free-text search of the STAC API (`q`), several at once. */
export function SourceSelect({ value = [], onChange, known, onFound }: SourceSelectProps) {
  const notifyError = useNotifyError();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<SourceInfo[]>([]);
  const [searching, setSearching] = useState(false);
  const onFoundRef = useRef(onFound);
  onFoundRef.current = onFound;

  useEffect(() => {
    const ctl = new AbortController();
    const timer = setTimeout(() => {
      setSearching(true);
      catalogueApi
        .search({ q: q.trim() || undefined, limit: PAGE, sortby: [] }, ctl.signal)
        .then((page) => {
          const infos = page.features.map(sourceOf);
          setFound(infos);
          onFoundRef.current(infos);
          setSearching(false);
        })
        .catch((err: unknown) => {
          if (isAbort(err)) return;
          notifyError(err);
          setSearching(false);
        });
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      ctl.abort();
    };
  }, [q, notifyError]);

  const shown = [...value.map((k) => known[k]).filter((s): s is SourceInfo => s !== undefined), ...found];
  const options = [...new Map(shown.map((s) => [s.key, s])).values()].map((s) => ({
    value: s.key,
    label: `${s.title}（${s.catalogueNo}）`,
    source: s,
  }));

  return (
    <Select
      mode="multiple"
      value={value}
      onChange={onChange}
      showSearch={{ filterOption: false, onSearch: setQ }}
      notFoundContent={searching ? <Spin size="small" /> : '没有匹配的数据'}
      placeholder="输入名称、统一编号、卫星或区县检索目录"
      options={options}
      optionRender={(o) => (
        <span>
          {o.data.label} <SecrecyTag secrecy={o.data.source.secrecy} />
        </span>
      )}
      data-testid="publication-sources"
    />
  );
}
