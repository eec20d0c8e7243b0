/**
 * Pure geometry of a georeferenced raster grid in its own (native) CRS: no I/O and no reprojection — PostGIS
 * (ST_Transform) takes the results to CGCS2000 (EPSG:4490).
 *
 * A GeoTransform is GDAL's affine pixel → CRS mapping, in GDAL's order `[c, a, b, f, d, e]`:
 *   x = c + a·col + b·row,   y = f + d·col + e·row
 * with (col, row) in pixel-edge coordinates: (0, 0) is the outer corner of the first pixel and the centre of pixel
 * (i, j) is (i + 0.5, j + 0.5). x/y are in the CRS's axis unit (metres for UTM and Gauss-Krüger, degrees for a
 * geographic CRS such as EPSG:4490). North-up images have b = d = 0 and e < 0; rotated ones have b, d ≠ 0.
 */
export type GeoTransform = readonly [number, number, number, number, number, number];

/** An (x, y) position in the raster's native CRS (easting/northing or lon/lat, GeoJSON axis order). */
export type Position2 = [number, number];

/** Unit of the CRS's horizontal axes, from the GeoTIFF unit keys (EPSG unit codes 9001, 9002, 9003, 9102, …). */
export type AxisUnit = 'metre' | 'foot' | 'us-survey-foot' | 'degree' | 'radian' | 'grad' | 'unknown';

/** Maps a pixel-edge coordinate (col, row) to the native CRS. */
export function pixelToCrs(gt: GeoTransform, col: number, row: number): Position2 {
  const [c, a, b, f, d, e] = gt;
  return [c + a * col + b * row, f + d * col + e * row];
}

/**
 * The image outline as a closed GeoJSON ring in the native CRS. Each edge is cut into `pointsPerEdge` segments so
 * that, once PostGIS reprojects the ring (e.g. UTM → EPSG:4490), the footprint follows the edges' real curvature
 * instead of cutting chords between the four corners. The ring starts at the first pixel's outer corner, has
 * 4·pointsPerEdge + 1 positions and is counter-clockwise (RFC 7946 §3.1.6 exterior ring) whatever the transform's
 * handedness — a south-up or mirrored grid walks its pixel outline the other way round.
 */
export function footprintRing(gt: GeoTransform, width: number, height: number, pointsPerEdge = 16): Position2[] {
  assertGrid(width, height);
  if (!Number.isInteger(pointsPerEdge) || pointsPerEdge < 1) {
    throw new RangeError(`pointsPerEdge must be a positive integer, got ${pointsPerEdge}`);
  }
  const n = pointsPerEdge;
  const outline: Position2[] = [];
  // Pixel-space walk: top edge →, right edge ↓, bottom edge ←, left edge ↑ (each edge's end is the next one's start).
  for (let i = 0; i < n; i++) outline.push([(width * i) / n, 0]);
  for (let i = 0; i < n; i++) outline.push([width, (height * i) / n]);
  for (let i = 0; i < n; i++) outline.push([width - (width * i) / n, height]);
  for (let i = 0; i < n; i++) outline.push([0, height - (height * i) / n]);
  let ring = outline.map(([col, row]) => pixelToCrs(gt, col, row));
  if (signedArea(ring) < 0) ring = [ring[0]!, ...ring.slice(1).reverse()];
  const first = ring[0]!;
  ring.push([first[0], first[1]]);
  return ring;
}

/**
 * Two pixel centres one pixel apart at the image centre, in the native CRS: the centre pixel and its neighbour in
 * the next column (`step = 'column'`, along the image row) or the next row (`step = 'row'`). Reprojected to
 * EPSG:4490 and measured with `ST_Distance(…::geography)` they give the ground sample distance in metres on the
 * CGCS2000 ellipsoid — correct for geographic and Web Mercator grids, where the nominal pixel size is not metres on
 * the ground.
 */
export function centreSamplePair(
  gt: GeoTransform,
  width: number,
  height: number,
  step: 'column' | 'row' = 'column',
): [Position2, Position2] {
  assertGrid(width, height);
  const col = Math.floor(width / 2) + 0.5;
  const row = Math.floor(height / 2) + 0.5;
  const next = step === 'column' ? pixelToCrs(gt, col + 1, row) : pixelToCrs(gt, col, row + 1);
  return [pixelToCrs(gt, col, row), next];
}

/** Pixel size along the image's columns (x: one column step) and rows (y: one row step), in CRS units. */
export function pixelSize(gt: GeoTransform): { x: number; y: number } {
  const [, a, b, , d, e] = gt;
  return { x: Math.hypot(a, d), y: Math.hypot(b, e) };
}

/** Metres per CRS unit for the linear units whose grid distances are ground distances (up to the map scale). */
const METRES_PER_UNIT: Partial<Record<AxisUnit, number>> = {
  metre: 1,
  foot: 0.3048,
  'us-survey-foot': 1200 / 3937,
};

/**
 * Mercator-family CRSs whose unit is the metre but whose scale grows as 1/cos(latitude): 0.597 "m" Web Mercator
 * pixels at 37.5°N are 0.47 m on the ground. Their GSD must come from `centreSamplePair` measured in PostGIS.
 */
const MERCATOR_EPSG = new Set([3857, 3785, 900913, 3395, 3752, 41001, 54004]);

/**
 * Nominal GSD in metres from the pixel size, for projected CRSs in a linear unit with map scale ≈ 1 (UTM: 0.9996;
 * CGCS2000 Gauss-Krüger EPSG:4491–4554: 1 on the central meridian). It is the side of the square with the pixel's
 * area, √|a·e − b·d|, so a rotated or non-square pixel gets one rotation-independent number. Returns null for
 * geographic, Mercator or unknown units: those need the ellipsoidal measurement of `centreSamplePair`.
 */
export function gsdFromPixelSize(gt: GeoTransform, crs: { epsg: number; axisUnit: AxisUnit }): number | null {
  const perUnit = METRES_PER_UNIT[crs.axisUnit];
  if (perUnit === undefined || MERCATOR_EPSG.has(crs.epsg)) return null;
  const [, a, b, , d, e] = gt;
  const area = Math.abs(a * e - b * d);
  return area > 0 && Number.isFinite(area) ? Math.sqrt(area) * perUnit : null;
}

/** Shoelace area (positive when counter-clockwise with x east, y north), relative to the first point for precision. */
function signedArea(ring: readonly Position2[]): number {
  const [x0, y0] = ring[0]!;
  let sum = 0;
  for (let i = 1; i + 1 < ring.length; i++) {
    const [x1, y1] = ring[i]!;
    const [x2, y2] = ring[i + 1]!;
    sum += (x1 - x0) * (y2 - y0) - (x2 - x0) * (y1 - y0);
  }
  return sum / 2;
}

function assertGrid(width: number, height: number): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`raster size must be positive integers, got ${width}×${height}`);
  }
}
