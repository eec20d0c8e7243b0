import 'maplibre-gl/dist/maplibre-gl.css';
import '../../map/map.css';
import '../catalogue.css';
import { squareMetresToMu } from '@geoshare/shared';
import { Alert, Button, DatePicker, Flex, Form, Progress, Select, Statistic, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { AddLayerObject } from 'maplibre-gl';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useApiData } from '../../api/useApiData';
import { formatNumber, isoDate } from '../../common/format';
import { boundsOf, districtsOf, fetchAdminAreas } from '../../map/admin-areas';
import { showAdminAreas } from '../../map/district-map';
import { geometries, showGeoJson } from '../../map/overlay';
import { useMapLibre } from '../../map/useMapLibre';
import { type Coverage, type CoverageQuery, catalogueApi } from '../catalogue.api';
import { RESOLUTION_OPTIONS } from '../options';
import type { ResolutionClass } from '../search-request';

interface CoverageValues {
  district: string;
  resolution: ResolutionClass;
  since: Dayjs;
}

const COVERED = 'coverage-covered';
const DISTRICT = 'coverage-district';

const COVERED_LAYERS: AddLayerObject[] = [
  {
    id: 'coverage-covered-fill',
    type: 'fill',
    source: COVERED,
    paint: { 'fill-color': '#389e0d', 'fill-opacity': 0.5 },
  },
  { id: 'coverage-covered-line', type: 'line', source: COVERED, paint: { 'line-color': '#237804', 'line-width': 1 } },
];
const DISTRICT_LAYERS: AddLayerObject[] = [
  { id: 'coverage-district-line', type: 'line', source: DISTRICT, paint: { 'line-color': '#d4380d', 'line-width': 3 } },
];

const areaText = (km2: number) => `${formatNumber(km2)} km²（${formatNumber(squareMetresToMu(km2 * 1e6), 0)} 亩）`;

function CoverageResult({ result }: { result: Coverage }) {
  const percent = Math.round(result.share * 1000) / 10;
  return (
    <div className="coverage-result" data-testid="coverage-share">
      <Typography.Title level={5}>{result.districtName}</Typography.Title>
      <Flex vertical gap={12}>
        <Progress type="dashboard" percent={percent} format={() => `${percent}%`} />
        <Statistic title="区县面积" value={areaText(result.districtAreaKm2)} />
        <Statistic title="已覆盖面积" value={areaText(result.coveredAreaKm2)} />
        <Statistic title="覆盖影像" value={result.itemCount} suffix="景" />
      </Flex>
      {result.itemCount === 0 && (
        <Alert type="warning" showIcon title="该日期以来没有达到所选分辨率的影像" className="card-alert" />
      )}
    </div>
  );
}

/** 覆盖分析 (BX-8): how much of a district is covered by imagery of a resolution class acquired after a date. */
export function CoveragePage() {
  const containerRef = useRef<HTMLDivElement>(null);
  const { map, failure } = useMapLibre(containerRef);
  const { data: areas } = useApiData(fetchAdminAreas);
  const [query, setQuery] = useState<CoverageQuery | null>(null);
  const load = useCallback(
    (signal: AbortSignal) => (query ? catalogueApi.coverage(query, signal) : Promise.resolve(null)),
    [query],
  );
  const { data: result, loading } = useApiData(load);

  const districts = useMemo(() => districtsOf(areas), [areas]);
  const district = districts.find((d) => d.properties.code === result?.districtCode);

  useEffect(() => {
    if (map && areas) return showAdminAreas(map, areas);
  }, [map, areas]);

  useEffect(() => {
    if (!map) return;
    showGeoJson(map, COVERED, geometries([result?.covered]), COVERED_LAYERS);
    showGeoJson(map, DISTRICT, geometries([district?.geometry]), DISTRICT_LAYERS);
    const bounds = district ? boundsOf([district.geometry]) : null;
    if (bounds) map.fitBounds(bounds, { padding: 48 });
  }, [map, result, district]);

  const run = (v: CoverageValues) =>
    setQuery({ district: v.district, resolution: v.resolution, since: isoDate(v.since) });

  return (
    <div className="catalogue-page">
      <aside className="catalogue-panel">
        <Typography.Title level={5} className="catalogue-panel-title">
          覆盖分析
        </Typography.Title>
        <Form<CoverageValues>
          layout="vertical"
          initialValues={{ resolution: 'sub1', since: dayjs().subtract(1, 'year').startOf('day') }}
          onFinish={run}
        >
          <Form.Item name="district" label="区县" rules={[{ required: true, message: '请选择区县' }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="选择区县"
              options={districts.map((d) => ({ value: d.properties.code, label: d.properties.name }))}
              data-testid="coverage-district"
            />
          </Form.Item>
          <Form.Item name="resolution" label="分辨率" rules={[{ required: true, message: '请选择分辨率' }]}>
            <Select options={RESOLUTION_OPTIONS} data-testid="coverage-resolution" />
          </Form.Item>
          <Form.Item
            name="since"
            label="获取时间晚于"
            rules={[{ required: true, message: '请选择日期' }]}
            extra="只统计该日期之后获取的影像"
          >
            <DatePicker allowClear={false} data-testid="coverage-since" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={loading && query !== null} data-testid="coverage-run">
            分析
          </Button>
        </Form>
        {result && <CoverageResult result={result} />}
      </aside>
      <div className="catalogue-map">
        <div ref={containerRef} className="map-canvas" data-testid="coverage-map" />
        {failure && <Alert type="error" showIcon title={failure} className="map-failure" />}
      </div>
    </div>
  );
}
