import { CloseOutlined, EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { Button, Flex, Select, Slider, Switch, Typography } from 'antd';
import type { SwipeChoice } from '../../sharing/swipe/swipe-pair';
import type { Swipe } from '../../sharing/swipe/useSwipe';
import { type ImageryLayer, type ImageryLayers, layerDate } from '../useImageryLayers';

/** 卷帘对比 on/off and, while on, the layers of its left and right sides (a layer is on one side only). */
function SwipeControls({ layers, swipe }: { layers: ImageryLayer[]; swipe: Swipe }) {
  const { pair } = swipe;
  const side = (key: keyof SwipeChoice, label: string, other: string) => (
    <Flex align="center" gap={8}>
      <Typography.Text type="secondary">{label}</Typography.Text>
      <Select
        size="small"
        value={pair?.[key].key}
        onChange={(layerKey: string) => swipe.choose(key, layerKey)}
        options={layers.toReversed().map((l) => ({
          value: l.key,
          label: `${l.title} · ${layerDate(l)}`,
          disabled: l.key === other,
        }))}
        data-testid={`swipe-${key}-select`}
      />
    </Flex>
  );
  return (
    <Flex vertical gap={4} className="swipe-controls">
      <Flex justify="space-between" align="center">
        <Typography.Text strong>卷帘对比</Typography.Text>
        <Switch
          size="small"
          checked={pair !== null}
          disabled={!swipe.available}
          title={swipe.available ? undefined : '至少添加两个图层后可对比'}
          onChange={swipe.setOn}
          data-testid="swipe-toggle"
        />
      </Flex>
      {pair && (
        <>
          {side('left', '左侧', pair.right.key)}
          {side('right', '右侧', pair.left.key)}
        </>
      )}
    </Flex>
  );
}

/**
 * Over the map: the 图层 viewed online, top one first, each with its opacity, visibility and removal, then the
 * 卷帘对比 of two of them.
 */
export function LayerPanel({ imagery, swipe }: { imagery: ImageryLayers; swipe: Swipe }) {
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
            <Typography.Text type="secondary">{layerDate(layer)}</Typography.Text>
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
      <SwipeControls layers={imagery.layers} swipe={swipe} />
    </div>
  );
}
