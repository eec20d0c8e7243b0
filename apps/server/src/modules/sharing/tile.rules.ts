import { DomainError } from '../../platform/errors/domain-error.js';
import { type StyleRequest, styleKey, styleQueryString } from '../../platform/raster/render-style.js';
import type { TileFormat } from '../../platform/raster/tile.render.js';
import {
  isValidTile,
  type TileAddress,
  type TileMatrixSet,
  tileMatrixSet,
} from '../../platform/raster/tile-matrix-set.js';

/** What item tiles and mosaic tiles share (pure): responses, tile checks, ETags and TileJSON documents. */

export const MEDIA_TYPES: Record<TileFormat, string> = { png: 'image/png', webp: 'image/webp', jpg: 'image/jpeg' };

export type TileResponse =
  | { status: 304 | 204; etag: string; cacheControl: string }
  | { status: 200; etag: string; cacheControl: string; mediaType: string; body: Buffer };

/** The `bands`, `rescale`, `colormap` and `nodata` query parameters as received. */
export interface StyleQuery {
  bands?: string;
  rescale?: string[];
  colormap?: string;
  nodata?: string;
}

/** A tile matrix set by id, or 404 TILE_MATRIX_SET_UNKNOWN. */
export function matrixSetOf(id: string): TileMatrixSet {
  const tms = tileMatrixSet(id);
  if (!tms) throw new DomainError('TILE_MATRIX_SET_UNKNOWN', { tileMatrixSet: id });
  return tms;
}

/** 400 TILE_PARAM_INVALID unless the tile exists in the set. */
export function assertTile(tms: TileMatrixSet, tile: TileAddress): void {
  if (isValidTile(tms, tile)) return;
  const { cols, rows } = tms.matrixSize(Math.max(tms.minZoom, Math.min(tms.maxZoom, tile.z)));
  throw new DomainError(
    'TILE_PARAM_INVALID',
    { tileMatrixSet: tms.id, ...tile },
    `瓦片行列号超出范围：${tms.id} 的级别为 ${tms.minZoom}–${tms.maxZoom}，第 ${tile.z} 级列号 0–${cols - 1}、行号 0–${rows - 1}`,
  );
}

/** `"<version>-<set>[-<style>]-<z>-<x>-<y>-<format>"`: changes with the file, the grid, the style and the format. */
export function tileEtag(version: string, tms: TileMatrixSet, t: TileAddress, format: TileFormat, style: StyleRequest) {
  const s = styleKey(style);
  return `"${version}-${tms.id}${s ? `-${s}` : ''}-${t.z}-${t.x}-${t.y}-${format}"`;
}

const METRES_PER_DEGREE = 111_320;

/** TileJSON 3.0.0 for a layer; the style's query parameters go into the tile template. */
export function tileJsonDoc(p: {
  name: string;
  /** tile URL up to the zoom: `…/{z}/{x}/{y}.png` is appended */
  base: string;
  tms: TileMatrixSet;
  style: StyleRequest;
  bounds: readonly [number, number, number, number];
  zooms: { minzoom: number; maxzoom: number };
}) {
  const [w, s, e, n] = p.bounds;
  const { minzoom, maxzoom } = p.zooms;
  const qs = styleQueryString(p.style);
  return {
    tilejson: '3.0.0',
    name: p.name,
    scheme: 'xyz',
    tiles: [`${p.base}/{z}/{x}/{y}.png${qs ? `?${qs}` : ''}`],
    // not TileJSON fields: which grid the template addresses (MapLibre reads only WebMercatorQuad)
    tileMatrixSet: p.tms.id,
    crs: `EPSG:${p.tms.epsg}`,
    bounds: [w, s, e, n],
    center: [(w + e) / 2, (s + n) / 2, maxzoom === minzoom ? minzoom : Math.min(maxzoom, minzoom + 1)],
    minzoom,
    maxzoom,
  };
}

/** Image size in pixels of a lon/lat extent at a GSD (metres), for the zoom range. */
export function extentPixels(bbox: readonly [number, number, number, number], gsd: number) {
  const [w, s, e, n] = bbox;
  const lat = ((s + n) / 2) * (Math.PI / 180);
  return {
    width: ((e - w) * METRES_PER_DEGREE * Math.cos(lat)) / gsd,
    height: ((n - s) * METRES_PER_DEGREE) / gsd,
  };
}

/** GSD (metres) of an image from its lon/lat extent and pixel width, when the catalogue has none. */
export const gsdFromShape = (bbox: readonly [number, number, number, number], width: number): number =>
  ((bbox[2] - bbox[0]) * METRES_PER_DEGREE * Math.cos((((bbox[1] + bbox[3]) / 2) * Math.PI) / 180)) / width;
