import { ColumnWidthOutlined } from '@ant-design/icons';
import { Map as MapLibreMap } from 'maplibre-gl';
import { type KeyboardEvent, type PointerEvent, useEffect, useEffectEvent, useRef, useState } from 'react';
import { recoverRefusedImagery, showImagery } from '../../catalogue/search/imagery-map';
import { layerDate } from '../../catalogue/useImageryLayers';
import { BASE_STYLE } from '../../map/map-style';
import type { SharingAgreement } from '../agreement/useSharingAgreement';
import type { SwipePair } from './swipe-pair';

/** Keyboard step of the divider, as a share of the map width. */
const KEY_STEP = 0.02;

const clamp = (f: number) => Math.min(1, Math.max(0, f));

interface SwipeCompareProps {
  /** the page's map: it shows the left layer and takes every gesture */
  map: MapLibreMap;
  pair: SwipePair;
  position: number;
  onPosition: (position: number) => void;
  agreement: SharingAgreement;
}

/**
 * 卷帘对比: a second, non-interactive map over the page's map shows the right layer, clipped (CSS clip-path) to the
 * right of a draggable divider, and follows every move of the page's map, so both sides stay in sync. The page's map
 * (MapLibre worker URL included) is set up before this one, which has no controls of its own.
 */
export function SwipeCompare({ map, pair, position, onPosition, agreement }: SwipeCompareProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const [overlay, setOverlay] = useState<MapLibreMap | null>(null);
  const dragging = useRef(false);
  const layerOf = useEffectEvent((key: string) => (pair.right.key === key ? pair.right : undefined));

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const created = new MapLibreMap({
      container,
      style: BASE_STYLE,
      interactive: false,
      attributionControl: false,
      center: map.getCenter(),
      zoom: map.getZoom(),
      bearing: map.getBearing(),
      pitch: map.getPitch(),
    });
    created.once('load', () => setOverlay(created));
    return () => {
      setOverlay(null);
      created.remove();
    };
  }, [map]);

  useEffect(() => {
    if (!overlay) return;
    const follow = () =>
      overlay.jumpTo({
        center: map.getCenter(),
        zoom: map.getZoom(),
        bearing: map.getBearing(),
        pitch: map.getPitch(),
      });
    follow();
    map.on('move', follow);
    return () => {
      map.off('move', follow);
    };
  }, [map, overlay]);

  useEffect(() => {
    if (overlay) showImagery(overlay, [{ ...pair.right, visible: true }], { frame: false });
  }, [overlay, pair.right]);

  useEffect(() => {
    if (overlay)
      return recoverRefusedImagery(
        overlay,
        (key) => layerOf(key),
        (layer) => agreement.require(layer.collectionId),
      );
  }, [overlay, agreement]);

  const positionAt = (e: PointerEvent<HTMLDivElement>) => {
    const rect = containerRef.current?.getBoundingClientRect();
    if (rect && rect.width > 0) onPosition(clamp((e.clientX - rect.left) / rect.width));
  };
  const keyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = { ArrowLeft: -KEY_STEP, ArrowRight: KEY_STEP }[e.key];
    if (step === undefined) return;
    e.preventDefault();
    onPosition(clamp(position + step));
  };

  const percent = position * 100;
  return (
    <>
      <div
        ref={containerRef}
        className="swipe-overlay"
        style={{ clipPath: `inset(0 0 0 ${percent}%)` }}
        data-testid="swipe-overlay"
      />
      <div
        className="swipe-divider"
        style={{ left: `${percent}%` }}
        role="slider"
        tabIndex={0}
        aria-label="卷帘位置"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(percent)}
        onPointerDown={(e) => {
          dragging.current = true;
          e.currentTarget.setPointerCapture(e.pointerId);
        }}
        onPointerMove={(e) => {
          if (dragging.current) positionAt(e);
        }}
        onPointerUp={(e) => {
          dragging.current = false;
          e.currentTarget.releasePointerCapture(e.pointerId);
        }}
        onKeyDown={keyDown}
        data-testid="swipe-divider"
      >
        <span className="swipe-handle">
          <ColumnWidthOutlined />
        </span>
        <span className="swipe-label swipe-label-left" data-testid="swipe-left-label">
          {pair.left.title} · {layerDate(pair.left)}
        </span>
        <span className="swipe-label swipe-label-right" data-testid="swipe-right-label">
          {pair.right.title} · {layerDate(pair.right)}
        </span>
      </div>
    </>
  );
}
