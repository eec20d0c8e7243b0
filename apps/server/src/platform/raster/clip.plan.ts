import { DomainError } from '../errors/domain-error.js';
import { cgcs2000GaussKruger, type Projection } from './gauss-kruger.js';

/**
 * Area clips of a raster (pure: no I/O, no image library — clip.render.ts reads and writes the pixels).
 *
 * The output grid is either the source grid itself (same CRS, or EPSG:4326 ↔ 4490, which agree to centimetres):
 * a pixel-aligned window, values copied unchanged; or a new north-up grid in the target CRS at the source's
 * resolution, each output pixel taking the value of the source pixel under its centre (nearest neighbour: delivered
 * data keeps its original values, never blends them). Pixels whose centre lies outside the clip polygon or the
 * source image are transparent (alpha 0).
 */

/** x = a·col + b·row + c, y = d·col + e·row + f (pixel-corner coordinates, full resolution). */
export type Affine = readonly [number, number, number, number, number, number];
/** [lon, lat] in degrees, or [x, y] in a CRS / pixel space */
export type Position = readonly [number, number];
/** GeoJSON MultiPolygon coordinates: polygons → rings → positions (rings closed). */
export type Polygons = readonly (readonly (readonly Position[])[])[];

export interface CrsProjection extends Projection {
  geographic: boolean;
}

const R = 6378137;
const DEG = Math.PI / 180;
const identity = (x: number, y: number): [number, number] => [x, y];

/** lon/lat ↔ a supported CRS: CGCS2000 / WGS 84 geographic (4490, 4326), Web Mercator (3857), CGCS2000 GK zones. */
export function projectionFor(epsg: number): CrsProjection | null {
  if (epsg === 4490 || epsg === 4326) return { geographic: true, forward: identity, inverse: identity };
  if (epsg === 3857) {
    return {
      geographic: false,
      forward: (lon, lat) => [lon * DEG * R, R * Math.log(Math.tan(Math.PI / 4 + (lat * DEG) / 2))],
      inverse: (x, y) => [x / R / DEG, Math.atan(Math.sinh(y / R)) / DEG],
    };
  }
  const gk = cgcs2000GaussKruger(epsg);
  return gk ? { geographic: false, ...gk } : null;
}

/** CRSs a clip may be delivered in: CGCS2000 geographic or a CGCS2000 Gauss-Krüger zone (EPSG:4491–4554). */
export const isClipTargetCrs = (epsg: number): boolean =>
  epsg === 4490 || (Number.isInteger(epsg) && epsg >= 4491 && epsg <= 4554);

export interface SourceGrid {
  epsg: number;
  transform: Affine;
  width: number;
  height: number;
}

export interface ClipGrid {
  epsg: number;
  geographic: boolean;
  /** outer corner of the upper-left pixel, target CRS units */
  origin: [number, number];
  /** pixel width and height, target CRS units, positive */
  pixelSize: [number, number];
  width: number;
  height: number;
}

export interface ClipPlan {
  grid: ClipGrid;
  source: SourceGrid;
  /** the output grid is a window of the source grid: pixels are copied one to one */
  aligned: boolean;
  /** the clip polygons' rings in output pixel coordinates (full resolution) */
  rings: Position[][];
}

/** Longest lon/lat edge kept straight when projecting (≈ 200 m): a geodesic-ish edge stays within a millimetre. */
const DENSIFY_DEGREES = 0.002;
/** Slack for floating-point noise when snapping to whole pixels. */
const EPSILON = 1e-9;

function densify(ring: readonly Position[], maxStep: number): Position[] {
  const out: Position[] = [];
  for (let i = 0; i < ring.length - 1; i++) {
    const [x0, y0] = ring[i]!;
    const [x1, y1] = ring[i + 1]!;
    const n = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0) / maxStep));
    for (let k = 0; k < n; k++) out.push([x0 + ((x1 - x0) * k) / n, y0 + ((y1 - y0) * k) / n]);
  }
  out.push(ring[ring.length - 1]!);
  return out;
}

const invert = (m: Affine): Affine => {
  const det = m[0] * m[4] - m[1] * m[3];
  return [
    m[4] / det,
    -m[1] / det,
    (m[1] * m[5] - m[4] * m[2]) / det,
    -m[3] / det,
    m[0] / det,
    (m[3] * m[2] - m[0] * m[5]) / det,
  ];
};
const apply = (m: Affine, x: number, y: number): [number, number] => [
  m[0] * x + m[1] * y + m[2],
  m[3] * x + m[4] * y + m[5],
];

/**
 * The output grid of a clip and the polygon in its pixel coordinates. `polygons` are lon/lat (EPSG:4490), already
 * cut to the item's footprint. Throws DOWNLOAD_SOURCE_UNSUPPORTED for a source CRS without projection maths or a
 * rotated grid, DOWNLOAD_CLIP_CRS_UNSUPPORTED for a target outside 4490 / 4491–4554, DOWNLOAD_CLIP_OUTSIDE_ITEM when
 * no pixel remains, DOWNLOAD_CLIP_TOO_LARGE past `maxPixels`.
 */
export function planClip(source: SourceGrid, targetEpsg: number, polygons: Polygons, maxPixels: number): ClipPlan {
  const src = projectionFor(source.epsg);
  if (!src || source.transform[1] !== 0 || source.transform[3] !== 0) {
    throw new DomainError('DOWNLOAD_SOURCE_UNSUPPORTED', { epsg: source.epsg, transform: source.transform });
  }
  const dst = isClipTargetCrs(targetEpsg) ? projectionFor(targetEpsg) : null;
  if (!dst) throw new DomainError('DOWNLOAD_CLIP_CRS_UNSUPPORTED', { crs: targetEpsg });
  const aligned = source.epsg === targetEpsg || (src.geographic && dst.geographic);

  const lonLatRings = polygons.flatMap((p) => p.map((ring) => (aligned ? [...ring] : densify(ring, DENSIFY_DEGREES))));
  const projected = lonLatRings.map((ring) => ring.map(([lon, lat]) => dst.forward(lon, lat)));
  const xs = projected.flatMap((r) => r.map((p) => p[0]));
  const ys = projected.flatMap((r) => r.map((p) => p[1]));
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];

  let grid: ClipGrid;
  if (aligned) {
    // A window of the source grid: whole source pixels touched by the polygon's bounding box, inside the image.
    const [a, , c, , e, f] = source.transform;
    const toPixel = invert(source.transform);
    const corners = [
      apply(toPixel, minX, minY),
      apply(toPixel, minX, maxY),
      apply(toPixel, maxX, minY),
      apply(toPixel, maxX, maxY),
    ];
    const us = corners.map((p) => p[0]);
    const vs = corners.map((p) => p[1]);
    const col0 = Math.max(0, Math.floor(Math.min(...us) + EPSILON));
    const col1 = Math.min(source.width, Math.ceil(Math.max(...us) - EPSILON));
    const row0 = Math.max(0, Math.floor(Math.min(...vs) + EPSILON));
    const row1 = Math.min(source.height, Math.ceil(Math.max(...vs) - EPSILON));
    grid = {
      epsg: targetEpsg,
      geographic: dst.geographic,
      origin: [c + col0 * a, f + row0 * e],
      pixelSize: [Math.abs(a), Math.abs(e)],
      width: col1 - col0,
      height: row1 - row0,
    };
  } else {
    // The source's resolution carried into the target CRS at the clip's centre: the images of one source pixel step
    // along each axis. A projected target gets square pixels of the same area.
    const centre = dst.inverse((minX + maxX) / 2, (minY + maxY) / 2);
    const [px, py] = src.forward(...centre);
    const [a, , , , e] = source.transform;
    const at = (x: number, y: number) => dst.forward(...src.inverse(x, y));
    const o = at(px, py);
    const u = at(px + a, py);
    const v = at(px, py + e);
    const du = Math.hypot(u[0] - o[0], u[1] - o[1]);
    const dv = Math.hypot(v[0] - o[0], v[1] - o[1]);
    const [sx, sy] = dst.geographic ? [du, dv] : [Math.sqrt(du * dv), Math.sqrt(du * dv)];
    const x0 = Math.floor(minX / sx + EPSILON) * sx;
    const y1 = Math.ceil(maxY / sy - EPSILON) * sy;
    grid = {
      epsg: targetEpsg,
      geographic: dst.geographic,
      origin: [x0, y1],
      pixelSize: [sx, sy],
      width: Math.max(0, Math.ceil((maxX - x0) / sx - EPSILON)),
      height: Math.max(0, Math.ceil((y1 - minY) / sy - EPSILON)),
    };
  }
  if (grid.width <= 0 || grid.height <= 0) throw new DomainError('DOWNLOAD_CLIP_OUTSIDE_ITEM', {});
  const pixels = grid.width * grid.height;
  if (pixels > maxPixels) {
    throw new DomainError(
      'DOWNLOAD_CLIP_TOO_LARGE',
      { pixels, limitPixels: maxPixels },
      `裁切结果过大（${grid.width} × ${grid.height} 像素，上限 ${maxPixels} 像素），请缩小范围`,
    );
  }
  const [ox, oy] = grid.origin;
  const [sx, sy] = grid.pixelSize;
  const rings = projected.map((ring) => ring.map(([x, y]): Position => [(x - ox) / sx, (oy - y) / sy]));
  return { grid, source, aligned, rings };
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Exact mapping every this many output pixels; in between, bilinear (GDAL's approximate transformer does the same). */
const MAP_STEP = 16;

/**
 * Source pixel coordinates (full resolution, continuous) of the centres of the output pixels in `rect` at output
 * level `scale` (level-k pixels are `scale` full-resolution output pixels wide). Row-major, rect.width × rect.height.
 * Exact for an aligned grid; for a reprojection exact on a 16-pixel lattice and bilinear between (the maps are smooth:
 * the error over 16 pixels is far below a millimetre).
 */
export function sourcePixels(
  plan: ClipPlan,
  scale: [number, number],
  rect: Rect,
): { x: Float64Array; y: Float64Array } {
  const { grid, source } = plan;
  const [ox, oy] = grid.origin;
  const [sx, sy] = grid.pixelSize;
  const toPixel = invert(source.transform);
  const n = rect.width * rect.height;
  const out = { x: new Float64Array(n), y: new Float64Array(n) };
  const src = projectionFor(source.epsg)!;
  const dst = projectionFor(grid.epsg)!;
  /** output level pixel centre (column u, row v) → source pixel */
  const exact = (u: number, v: number): [number, number] => {
    const x = ox + (u + 0.5) * scale[0] * sx;
    const y = oy - (v + 0.5) * scale[1] * sy;
    return plan.aligned ? apply(toPixel, x, y) : apply(toPixel, ...src.forward(...dst.inverse(x, y)));
  };
  if (plan.aligned) {
    for (let j = 0; j < rect.height; j++) {
      for (let i = 0; i < rect.width; i++) {
        const [px, py] = exact(rect.x + i, rect.y + j);
        out.x[j * rect.width + i] = px;
        out.y[j * rect.width + i] = py;
      }
    }
    return out;
  }
  const cols = Math.ceil((rect.width - 1) / MAP_STEP) + 1;
  const rows = Math.ceil((rect.height - 1) / MAP_STEP) + 1;
  const lx = new Float64Array(cols * rows);
  const ly = new Float64Array(cols * rows);
  const lattice = (k: number, size: number) => Math.min(k * MAP_STEP, size - 1);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const [px, py] = exact(rect.x + lattice(c, rect.width), rect.y + lattice(r, rect.height));
      lx[r * cols + c] = px;
      ly[r * cols + c] = py;
    }
  }
  const at = (arr: Float64Array, c: number, r: number) => arr[Math.min(r, rows - 1) * cols + Math.min(c, cols - 1)]!;
  for (let j = 0; j < rect.height; j++) {
    const r = Math.max(0, Math.min(Math.floor(j / MAP_STEP), rows - 2));
    const j0 = lattice(r, rect.height);
    const j1 = lattice(r + 1, rect.height);
    const fy = j1 > j0 ? (j - j0) / (j1 - j0) : 0;
    for (let i = 0; i < rect.width; i++) {
      const c = Math.max(0, Math.min(Math.floor(i / MAP_STEP), cols - 2));
      const i0 = lattice(c, rect.width);
      const i1 = lattice(c + 1, rect.width);
      const fx = i1 > i0 ? (i - i0) / (i1 - i0) : 0;
      const w00 = (1 - fx) * (1 - fy);
      const w10 = fx * (1 - fy);
      const w01 = (1 - fx) * fy;
      const w11 = fx * fy;
      const p = j * rect.width + i;
      out.x[p] = w00 * at(lx, c, r) + w10 * at(lx, c + 1, r) + w01 * at(lx, c, r + 1) + w11 * at(lx, c + 1, r + 1);
      out.y[p] = w00 * at(ly, c, r) + w10 * at(ly, c + 1, r) + w01 * at(ly, c, r + 1) + w11 * at(ly, c + 1, r + 1);
    }
  }
  return out;
}

/**
 * 1 where the centre of an output pixel of `rect` (at output level `scale`) lies inside the clip polygons (even-odd
 * rule, so holes stay empty), else 0. A scanline fill: per row, the crossings of every edge, paired.
 */
export function polygonMask(rings: readonly (readonly Position[])[], scale: [number, number], rect: Rect): Uint8Array {
  const mask = new Uint8Array(rect.width * rect.height);
  const y0 = rect.y * scale[1];
  const y1 = (rect.y + rect.height) * scale[1];
  const edges: [number, number, number, number][] = [];
  for (const ring of rings) {
    for (let k = 0; k < ring.length - 1; k++) {
      const [ax, ay] = ring[k]!;
      const [bx, by] = ring[k + 1]!;
      if (ay === by || Math.max(ay, by) < y0 || Math.min(ay, by) > y1) continue;
      edges.push([ax, ay, bx, by]);
    }
  }
  const xs: number[] = [];
  for (let j = 0; j < rect.height; j++) {
    const yc = (rect.y + j + 0.5) * scale[1];
    xs.length = 0;
    for (const [ax, ay, bx, by] of edges) {
      // Half-open in y, so a vertex on the scanline counts once.
      if (ay <= yc !== by <= yc) xs.push(ax + ((yc - ay) / (by - ay)) * (bx - ax));
    }
    xs.sort((p, q) => p - q);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      // Pixel columns (level) whose centre (u + 0.5)·scale lies in [xs[k], xs[k+1]).
      const from = Math.max(rect.x, Math.ceil(xs[k]! / scale[0] - 0.5));
      const to = Math.min(rect.x + rect.width, Math.ceil(xs[k + 1]! / scale[0] - 0.5));
      if (to > from) mask.fill(1, j * rect.width + (from - rect.x), j * rect.width + (to - rect.x));
    }
  }
  return mask;
}

/**
 * The source overview to read for an output level: the coarsest whose pixels are no larger than the output level's
 * (`outputScale` = full-resolution source pixels per output level pixel). Levels are full resolution first.
 */
export function chooseSourceLevel(levels: readonly { width: number }[], outputScale: number): number {
  const base = levels[0]!.width;
  let chosen = 0;
  levels.forEach((l, k) => {
    if (base / l.width <= outputScale * 1.01) chosen = k;
  });
  return chosen;
}
