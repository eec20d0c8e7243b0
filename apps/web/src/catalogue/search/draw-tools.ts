import type { Geometry, Polygon } from 'geojson';
import type { Map as MapLibreMap, MapMouseEvent, Point } from 'maplibre-gl';
import { bboxOf, bboxPolygon } from '../search-request';
import type { Bbox } from '../stac';

type LonLat = [number, number];

export interface DrawHandlers<T> {
  /** the shape while it is being drawn (null: nothing yet) */
  preview: (shape: Geometry | null) => void;
  done: (result: T) => void;
}

/** Moves shorter than this (pixels) are clicks, not drags or new vertices. */
const CLICK_TOLERANCE = 4;

const lonLat = (e: MapMouseEvent): LonLat => [e.lngLat.lng, e.lngLat.lat];

/** 框选: press, drag, release draws a box. Panning is off meanwhile. Returns the function that stops the tool. */
export function drawBox(map: MapLibreMap, { preview, done }: DrawHandlers<Bbox>): () => void {
  let start: { at: LonLat; point: Point } | null = null;
  const down = (e: MapMouseEvent) => {
    start = { at: lonLat(e), point: e.point };
  };
  const move = (e: MapMouseEvent) => {
    if (start) preview(bboxPolygon(bboxOf(start.at, lonLat(e))));
  };
  const up = (e: MapMouseEvent) => {
    if (!start) return;
    const from = start;
    start = null;
    if (from.point.dist(e.point) < CLICK_TOLERANCE) preview(null);
    else done(bboxOf(from.at, lonLat(e)));
  };
  map.dragPan.disable();
  map.getCanvas().style.cursor = 'crosshair';
  map.on('mousedown', down);
  map.on('mousemove', move);
  map.on('mouseup', up);
  return () => {
    map.off('mousedown', down);
    map.off('mousemove', move);
    map.off('mouseup', up);
    map.dragPan.enable();
    map.getCanvas().style.cursor = '';
  };
}

/**
 * 多边形: each click adds a vertex, a double click closes the polygon (three vertices at least). Double-click zoom
 * is off meanwhile. Returns the function that stops the tool.
 */
export function drawPolygon(map: MapLibreMap, { preview, done }: DrawHandlers<Polygon>): () => void {
  const vertices: LonLat[] = [];
  let last: Point | null = null;
  const shape = (cursor?: LonLat): Geometry | null => {
    const ring = cursor ? [...vertices, cursor] : vertices;
    if (ring.length < 2) return null;
    if (ring.length === 2) return { type: 'LineString', coordinates: ring };
    return { type: 'Polygon', coordinates: [[...ring, ring[0]!]] };
  };
  const click = (e: MapMouseEvent) => {
    // The two clicks of a double click land on the same spot: one vertex.
    if (last && last.dist(e.point) < CLICK_TOLERANCE) return;
    vertices.push(lonLat(e));
    last = e.point;
    preview(shape());
  };
  const move = (e: MapMouseEvent) => {
    if (vertices.length > 0) preview(shape(lonLat(e)));
  };
  const finish = (e: MapMouseEvent) => {
    e.preventDefault();
    if (vertices.length >= 3) done({ type: 'Polygon', coordinates: [[...vertices, vertices[0]!]] });
  };
  map.doubleClickZoom.disable();
  map.getCanvas().style.cursor = 'crosshair';
  map.on('click', click);
  map.on('mousemove', move);
  map.on('dblclick', finish);
  return () => {
    map.off('click', click);
    map.off('mousemove', move);
    map.off('dblclick', finish);
    map.doubleClickZoom.enable();
    map.getCanvas().style.cursor = '';
  };
}
