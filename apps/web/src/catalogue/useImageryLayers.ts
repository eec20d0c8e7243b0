import { useCallback, useState } from 'react';
import { useNotifyError } from '../api/useNotifyError';
import type { SharingAgreement } from '../sharing/agreement/useSharingAgreement';
import { catalogueApi, type TileJson } from './catalogue.api';
import { itemKey, type StacItem } from './stac';

/** An entry's imagery on the map (在线浏览), drawn from the server's tiles. */
export interface ImageryLayer {
  /** the item's key */
  key: string;
  /** whose online agreement its tiles need (MNR-16) */
  collectionId: string;
  title: string;
  datetime: string;
  tileJson: TileJson;
  /** 0..1 */
  opacity: number;
  visible: boolean;
}

export type ImageryPatch = Partial<Pick<ImageryLayer, 'opacity' | 'visible'>>;

export interface ImageryLayers {
  layers: ImageryLayer[];
  /** the key of the item whose TileJSON is being fetched */
  adding: string | null;
  add: (item: StacItem) => void;
  update: (key: string, patch: ImageryPatch) => void;
  remove: (key: string) => void;
}

/** Non-classified entries with a GeoTIFF file can be viewed online. */
export const canViewOnline = (item: StacItem): boolean =>
  item.properties['geoshare:secrecy'] === 'public' && (item.assets.data?.type?.includes('geotiff') ?? false);

/**
 * The imagery layers the user added, in drawing order (last on top). Adding one first passes the collection's online
 * agreement (MNR-16); failures show the server's message.
 */
export function useImageryLayers(agreement: SharingAgreement): ImageryLayers {
  const notifyError = useNotifyError();
  const [layers, setLayers] = useState<ImageryLayer[]>([]);
  const [adding, setAdding] = useState<string | null>(null);

  const add = useCallback(
    (item: StacItem) => {
      const key = itemKey(item);
      setAdding(key);
      agreement
        .run(item.collection, () => catalogueApi.tileJson(item.collection, item.id))
        .then((tileJson) => {
          if (!tileJson) return;
          const { title, datetime } = item.properties;
          const layer = { key, collectionId: item.collection, title, datetime, tileJson, opacity: 1, visible: true };
          setLayers((all) => (all.some((l) => l.key === key) ? all : [...all, layer]));
        }, notifyError)
        .finally(() => setAdding(null));
    },
    [agreement, notifyError],
  );
  const update = useCallback(
    (key: string, patch: ImageryPatch) => setLayers((all) => all.map((l) => (l.key === key ? { ...l, ...patch } : l))),
    [],
  );
  const remove = useCallback((key: string) => setLayers((all) => all.filter((l) => l.key !== key)), []);

  return { layers, adding, add, update, remove };
}
