import { BorderOutlined, ClearOutlined, GatewayOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { DrawMode } from './useCatalogueMap';

const TOOLS = [
  { mode: 'box', label: '框选', icon: <BorderOutlined />, hint: '按住鼠标拖动画出矩形', testId: 'catalogue-draw-box' },
  {
    mode: 'polygon',
    label: '多边形',
    icon: <GatewayOutlined />,
    hint: '单击添加顶点，双击结束',
    testId: 'catalogue-draw-polygon',
  },
] as const satisfies readonly { mode: DrawMode; label: string; icon: ReactNode; hint: string; testId: string }[];

interface MapToolsProps {
  drawMode: DrawMode | null;
  onDrawMode: (mode: DrawMode | null) => void;
  /** whether there is an area (or a drawing) to clear */
  canClear: boolean;
  onClear: () => void;
}

/** Over the map: the 框选 and 多边形 toggles and 清除 (of the search area). */
export function MapTools({ drawMode, onDrawMode, canClear, onClear }: MapToolsProps) {
  const active = TOOLS.find((t) => t.mode === drawMode);
  return (
    <Flex vertical gap={4} className="map-tools">
      <Flex gap={8}>
        {TOOLS.map((t) => (
          <Button
            key={t.mode}
            type={drawMode === t.mode ? 'primary' : 'default'}
            icon={t.icon}
            aria-pressed={drawMode === t.mode}
            onClick={() => onDrawMode(drawMode === t.mode ? null : t.mode)}
            data-testid={t.testId}
          >
            {t.label}
          </Button>
        ))}
        <Button icon={<ClearOutlined />} disabled={!canClear} onClick={onClear} data-testid="catalogue-clear-area">
          清除
        </Button>
      </Flex>
      {active && <Typography.Text className="map-tools-hint">{active.hint}</Typography.Text>}
    </Flex>
  );
}
