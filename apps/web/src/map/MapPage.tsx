import 'maplibre-gl/dist/maplibre-gl.css';
import './map.css';
import { Alert } from 'antd';
import { useRef } from 'react';
import { DistrictPanel } from './DistrictPanel';
import { useDistrictMap } from './useDistrictMap';

/** 一张图: the city and its districts on an offline MapLibre map. */
export function MapPage() {
  const containerRef = useRef<HTMLDivElement>(null);
  const { city, hovered, selected, failure } = useDistrictMap(containerRef);
  const shown = hovered ?? selected ?? city;

  return (
    <div className="map-page">
      <div ref={containerRef} className="map-canvas" data-testid="map" />
      {failure ? (
        <Alert type="error" showIcon title={failure} className="map-failure" />
      ) : (
        <DistrictPanel area={shown} hint={selected ? '点击区县以外处取消选择' : '移动鼠标或点击区县查看详情'} />
      )}
    </div>
  );
}
