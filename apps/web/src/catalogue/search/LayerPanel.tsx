import { CloseOutlined, EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { Button, Flex, Slider, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ImageryLayers } from '../useImageryLayers';

/** Over the map: the 图层 viewed online, top one first, each with its opacity, visibility and removal. */
export function LayerPanel({ imagery }: { imagery: ImageryLayers }) {
  if (imagery.layers.length === 0) return null;
  return (
    <div className="layer-panel" data-testid="layer-panel">
      <Typography.Text strong>图层</Typography.Text>
      {imagery.layers.toReversed().map((layer) => (
        <div key={layer.key} className="layer-row" data-testid="layer-item">
          <Flex justify="space-between" align="center" gap={4}>
            <Typography.Text ellipsis={{ tooltip: layer.title }} className="layer-title">
              {layer.title}
            </Typography.Text>
            <Typography.Text type="secondary">{dayjs(layer.datetime).format('YYYY-MM-DD')}</Typography.Text>
            <Button
              size="small"
              type="text"
              icon={layer.visible ? <EyeOutlined /> : <EyeInvisibleOutlined />}
              title={layer.visible ? '隐藏' : '显示'}
              aria-pressed={layer.visible}
              onClick={() => imagery.update(layer.key, { visible: !layer.visible })}
              data-testid="layer-visibility"
            />
            <Button
              size="small"
              type="text"
              icon={<CloseOutlined />}
              title="移除"
              onClick={() => imagery.remove(layer.key)}
              data-testid="layer-remove"
            />
          </Flex>
          <div data-testid="layer-opacity">
            <Slider
              min={0}
              max={100}
              value={Math.round(layer.opacity * 100)}
              tooltip={{ formatter: (v) => `不透明度 ${v}%` }}
              onChange={(v) => imagery.update(layer.key, { opacity: v / 100 })}
            />
          </div>
        </div>
      ))}
    </div>
  );
}
