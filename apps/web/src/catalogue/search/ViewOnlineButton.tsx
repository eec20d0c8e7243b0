import { GlobalOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { itemKey, type StacItem } from '../stac';
import { canViewOnline, type ImageryLayers } from '../useImageryLayers';

/** 在线浏览: puts a non-classified entry's imagery on the map (nothing for entries that cannot be viewed online). */
export function ViewOnlineButton({ item, imagery }: { item: StacItem; imagery: ImageryLayers }) {
  if (!canViewOnline(item)) return null;
  const key = itemKey(item);
  const shown = imagery.layers.some((l) => l.key === key);
  return (
    <Button
      icon={<GlobalOutlined />}
      disabled={shown}
      loading={imagery.adding === key}
      onClick={() => imagery.add(item)}
      data-testid="item-view-online"
    >
      {shown ? '已在地图上' : '在线浏览'}
    </Button>
  );
}
