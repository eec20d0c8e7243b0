import { WEB_MERCATOR_RADIUS, webMercator, webMercatorToLonLat } from './projection.js';

/**
 * The tile grids tiles are cut in (pure; OGC 2D-TMS vocabulary). Both are quadtrees of 256 px tiles, row 0 at the top:
 *
 * - `WebMercatorQuad` (EPSG:3857, OGC 17-083r4 Annex D; WMTS `GoogleMapsCompatible`): zoom z has 2^z × 2^z tiles,
 *   the XYZ scheme of MapLibre, Leaflet and 天地图 `w`.
 * - `CGCS2000Quad` (EPSG:4490): the geographic grid of 天地图's `c` (经纬度) services — top-left (−180°, 90°), level 1
 *   is 2 × 1 tiles of 256 px, i.e. 180/256/2^(z−1) degrees per pixel, level z has 2^z × 2^(z−1) tiles. Levels are
 *   numbered as 天地图 numbers them (from 1), so a TILEMATRIX/TILEROW/TILECOL or z/y/x that addresses a 天地图 `c` tile
 *   addresses the same area here. Level z equals OGC `WorldCRS84Quad` level z − 1 on CGCS2000.
 *
 *   Scale denominators follow OGC (0.28 mm pixels, 6378137 m × 2π / 360 per degree), i.e. 279 541 132.0143589 / 2^(z−1),
 *   not 天地图's published 2.958293554545656E8 / 2^(z−1): those assume 96 dpi pixels, and standard WMTS clients (GDAL,
 *   QGIS, OpenLayers) derive the pixel size from the scale denominator with 0.28 mm, which would place 天地图's values
 *   5.8 % off. Clients hard-wired for 天地图 (ArcGIS lods of 0.703125° …) use their own resolutions and are unaffected.
 */

export const TILE_SIZE = 256;

export type TileMatrixSetId = 'WebMercatorQuad' | 'CGCS2000Quad';

export interface TileAddress {
  z: number;
  x: number;
  y: number;
}

export interface TileMatrixSet {
  id: TileMatrixSetId;
  title: string;
  epsg: 3857 | 4490;
  /** OGC CRS URN; its axis order (EPSG:4490 is latitude, longitude) applies to WMTS corners and bounding boxes */
  crsUrn: string;
  minZoom: number;
  maxZoom: number;
  /** top-left corner [x, y] in CRS units, x = easting or longitude */
  origin: readonly [number, number];
  /** CRS units per pixel at zoom z */
  resolution(z: number): number;
  matrixSize(z: number): { cols: number; rows: number };
  /** metres per CRS unit (degrees: 2π · 6378137 / 360, the OGC convention for scale denominators) */
  metresPerUnit: number;
  toLonLat(x: number, y: number): [number, number];
  fromLonLat(lon: number, lat: number): [number, number];
}

const HALF_WORLD = Math.PI * WEB_MERCATOR_RADIUS;
/** OGC standardised rendering pixel size, metres. */
const OGC_PIXEL = 0.00028;
/** Web Mercator's latitude limit (the square world), degrees. */
const MERCATOR_MAX_LAT = 85.0511287798066;

export const WebMercatorQuad: TileMatrixSet = {
  id: 'WebMercatorQuad',
  title: 'Web 墨卡托（EPSG:3857）',
  epsg: 3857,
  crsUrn: 'urn:ogc:def:crs:EPSG::3857',
  minZoom: 0,
  maxZoom: 24,
  origin: [-HALF_WORLD, HALF_WORLD],
  resolution: (z) => (2 * HALF_WORLD) / TILE_SIZE / 2 ** z,
  matrixSize: (z) => ({ cols: 2 ** z, rows: 2 ** z }),
  metresPerUnit: 1,
  toLonLat: webMercatorToLonLat,
  fromLonLat: (lon, lat) => webMercator(lon, Math.max(-MERCATOR_MAX_LAT, Math.min(MERCATOR_MAX_LAT, lat))),
};

export const CGCS2000Quad: TileMatrixSet = {
  id: 'CGCS2000Quad',
  title: 'CGCS2000 经纬度（EPSG:4490，天地图 c 分级）',
  epsg: 4490,
  crsUrn: 'urn:ogc:def:crs:EPSG::4490',
  minZoom: 1,
  maxZoom: 24,
  origin: [-180, 90],
  resolution: (z) => 180 / TILE_SIZE / 2 ** (z - 1),
  matrixSize: (z) => ({ cols: 2 ** z, rows: 2 ** (z - 1) }),
  metresPerUnit: (2 * Math.PI * WEB_MERCATOR_RADIUS) / 360,
  toLonLat: (x, y) => [x, y],
  fromLonLat: (lon, lat) => [lon, lat],
};

export const TILE_MATRIX_SETS: readonly TileMatrixSet[] = [WebMercatorQuad, CGCS2000Quad];

export const tileMatrixSet = (id: string): TileMatrixSet | null => TILE_MATRIX_SETS.find((t) => t.id === id) ?? null;

/** OGC scale denominator of zoom z (0.28 mm pixels). */
export const scaleDenominator = (tms: TileMatrixSet, z: number): number =>
  (tms.resolution(z) * tms.metresPerUnit) / OGC_PIXEL;

export function isValidTile(tms: TileMatrixSet, { z, x, y }: TileAddress): boolean {
  if (![z, x, y].every(Number.isInteger) || z < tms.minZoom || z > tms.maxZoom || x < 0 || y < 0) return false;
  const { cols, rows } = tms.matrixSize(z);
  return x < cols && y < rows;
}

/** Bounds [xmin, ymin, xmax, ymax] of a tile in the set's CRS. */
export function tileBounds(tms: TileMatrixSet, { z, x, y }: TileAddress): [number, number, number, number] {
  const size = tms.resolution(z) * TILE_SIZE;
  const [ox, oy] = tms.origin;
  return [ox + x * size, oy - (y + 1) * size, ox + (x + 1) * size, oy - y * size];
}

/** lon/lat bounds [west, south, east, north] of a tile (exact: both sets map longitude and latitude separately). */
export function tileLonLatBounds(tms: TileMatrixSet, t: TileAddress): [number, number, number, number] {
  const [x0, y0, x1, y1] = tileBounds(tms, t);
  const [w, s] = tms.toLonLat(x0, y0);
  const [e, n] = tms.toLonLat(x1, y1);
  return [w, s, e, n];
}

/** The tile containing (lon, lat) at zoom z (clamped to the matrix). */
export function tileAt(tms: TileMatrixSet, lon: number, lat: number, z: number): TileAddress {
  const [x, y] = tms.fromLonLat(lon, lat);
  const size = tms.resolution(z) * TILE_SIZE;
  const { cols, rows } = tms.matrixSize(z);
  const clamp = (v: number, n: number) => Math.max(0, Math.min(n - 1, Math.floor(v)));
  return { z, x: clamp((x - tms.origin[0]) / size, cols), y: clamp((tms.origin[1] - y) / size, rows) };
}

/** Ground metres per pixel along a parallel at latitude `lat` (degrees) at zoom z. */
export const groundResolution = (tms: TileMatrixSet, z: number, lat: number): number =>
  tms.resolution(z) * tms.metresPerUnit * Math.cos((lat * Math.PI) / 180);
