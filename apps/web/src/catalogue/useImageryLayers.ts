import dayjs from 'dayjs';
import { useCallback, useState } from 'react';
import { useNotifyError } from '../api/useNotifyError';
import type { SharingAgreement } from '../sharing/agreement/useSharingAgreement';
import { sharingApi } from '../sharing/sharing.api';
import { catalogueApi, type TileJson } from './catalogue.api';
import { itemKey, type StacItem } from './stac';

/** An entry's imagery, or a whole collection's mosaic, on the map (在线浏览), drawn from the server's tiles. */
export interface ImageryLayer {
  /** the item's key, or `mosaic:<collection id>` */
  key: string;
  /** whose online agreement its tiles need (MNR-16) */
  collectionId: string;
  title: string;
  /** acquisition time of an entry; null for a mosaic (all dates, newest on top) */
  datetime: string | null;
  tileJson: TileJson;
  /** 0..1 */
  opacity: number;
  visible: boolean;
}

export type ImageryPatch = Partial<Pick<ImageryLayer, 'opacity' | 'visible'>>;

export interface ImageryLayers {
  layers: ImageryLayer[];
  /** the key of the layer whose TileJSON is being fetched */
  adding: string | null;
  add: (item: StacItem) => void;
  /** 浏览整个数据集: every online entry of the collection as one mosaic layer */
  addCollection: (collectionId: string, title: string) => void;
  update: (key: string, patch: ImageryPatch) => void;
  remove: (key: string) => void;
}

/** The layer key of a collection's mosaic (item keys are `collection/item`: no clash). */
export const mosaicKey = (collectionId: string): string => `mosaic:${collectionId}`;

/** 「2025-11-06」, or 「全部时相」 for a mosaic. */
export const layerDate = (layer: Pick<ImageryLayer, 'datetime'>): string =>
  layer.datetime ? dayjs(layer.datetime).format('YYYY-MM-DD') : '全部时相';

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

  const show = useCallback(
    (layer: Pick<ImageryLayer, 'key' | 'collectionId' | 'title' | 'datetime'>, load: () => Promise<TileJson>) => {
      setAdding(layer.key);
      agreement
        .run(layer.collectionId, load)
        .then((tileJson) => {
          if (!tileJson) return;
          const added = { ...layer, tileJson, opacity: 1, visible: true };
          setLayers((all) => (all.some((l) => l.key === layer.key) ? all : [...all, added]));
        }, notifyError)
        .finally(() => setAdding(null));
    },
    [agreement, notifyError],
  );
  const add = useCallback(
    (item: StacItem) =>
      show(
        {
          key: itemKey(item),
          collectionId: item.collection,
          title: item.properties.title,
          datetime: item.properties.datetime,
        },
        () => catalogueApi.tileJson(item.collection, item.id),
      ),
    [show],
  );
  const addCollection = useCallback(
    (collectionId: string, title: string) =>
      show({ key: mosaicKey(collectionId), collectionId, title: `${title}（整个数据集）`, datetime: null }, () =>
        sharingApi.collectionMosaic(collectionId),
      ),
    [show],
  );
  const update = useCallback(
    (key: string, patch: ImageryPatch) => setLayers((all) => all.map((l) => (l.key === key ? { ...l, ...patch } : l))),
    [],
  );
  const remove = useCallback((key: string) => setLayers((all) => all.filter((l) => l.key !== key)), []);

  return { layers, adding, add, addCollection, update, remove };
}
