import { GlobalOutlined } from '@ant-design/icons';
import { Button, Tooltip } from 'antd';
import { type ImageryLayers, mosaicKey } from '../useImageryLayers';

interface BrowseCollectionButtonProps {
  collectionId: string;
  title: string;
  imagery: ImageryLayers;
}

/**
 * 浏览整个数据集: puts the mosaic of all the collection's online entries on the map (newest on top; classified entries
 * are never drawn, BX-16).
 */
export function BrowseCollectionButton({ collectionId, title, imagery }: BrowseCollectionButtonProps) {
  const key = mosaicKey(collectionId);
  const shown = imagery.layers.some((l) => l.key === key);
  return (
    <Tooltip title={shown ? '已在地图上' : '浏览整个数据集'}>
      <Button
        size="small"
        type="text"
        icon={<GlobalOutlined />}
        aria-label={`浏览整个数据集：${title}`}
        disabled={shown}
        loading={imagery.adding === key}
        onClick={() => imagery.addCollection(collectionId, title)}
        data-testid="collection-browse"
        data-collection-id={collectionId}
      />
    </Tooltip>
  );
}
