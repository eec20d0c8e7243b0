import { squareMetresToMu } from '@geoshare/shared';
import { Card, Descriptions, Typography } from 'antd';
import { formatNumber } from '../common/format';
import type { AdminAreaProps } from './admin-areas';

const LEVEL_LABELS: Record<AdminAreaProps['level'], string> = { city: '市', district: '区县' };

/** The floating card over the map: the hovered or selected district, else the city. */
export function DistrictPanel({ area, hint }: { area: AdminAreaProps | null; hint: string }) {
  return (
    <Card size="small" className="district-panel" data-testid="district-panel" title={area?.name ?? '一张图'}>
      {area ? (
        <Descriptions
          size="small"
          column={1}
          items={[
            { key: 'level', label: '级别', children: LEVEL_LABELS[area.level] },
            { key: 'code', label: '行政区划代码', children: area.code },
            { key: 'km2', label: '面积', children: `${formatNumber(area.areaKm2)} km²` },
            { key: 'mu', label: '面积（亩）', children: `${formatNumber(squareMetresToMu(area.areaKm2 * 1e6))} 亩` },
          ]}
        />
      ) : null}
      <Typography.Text type="secondary">{hint}</Typography.Text>
    </Card>
  );
}
