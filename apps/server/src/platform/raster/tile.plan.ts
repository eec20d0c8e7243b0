import { forwardProjection, isGeographic } from './projection.js';
import { groundResolution, TILE_SIZE, type TileAddress, type TileMatrixSet, tileBounds } from './tile-matrix-set.js';

/**
 * Which COG tiles an output tile of a tile matrix set needs, and how their pixels map into it (pure: no I/O, no image
 * library — the linz/basemaps `tiler` split; tile.render.ts does the bytes and pixels).
 *
 * The output tile is 256 × 256 px. Its pixel centres are mapped to the source raster by one affine transform per
 * output tile, fitted through three corners of the part of the tile the image covers: the set's CRS → lon/lat is exact
 * maths, lon/lat → the source CRS is exact for the CRSs of projection.ts, and the affine fit is sub-pixel at zoom ≥ 6
 * (a few pixels of latitude drift below that). When the source is in the set's own CRS the mapping is linear and exact
 * (no detour through lon/lat): a COG cut on the set's grid then reads exactly its own tiles.
 */

/** STAC `proj:transform` order: x = a·col + b·row + c, y = d·col + e·row + f (pixel corner coordinates, level 0). */
export type Affine = readonly [number, number, number, number, number, number];

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What the plan needs of a COG: its CRS and transform, the size of each overview level (0 = full resolution). */
export interface CogGeoref {
  epsg: number;
  transform: Affine;
  levels: readonly { width: number; height: number }[];
  tileWidth: number;
  tileHeight: number;
  /** lon/lat footprint [west, south, east, north] (the catalogue bbox): keeps the fit where the image is */
  bbox: readonly [number, number, number, number];
}

export interface SourceTile {
  col: number;
  row: number;
  /** the pixels used, in the source tile's own pixel coordinates */
  window: Rect;
  /** where the window's top-left lands in `region` */
  at: { x: number; y: number };
  /** the output pixels this tile contributes to (bounding box) */
  target: Rect;
}

export type TilePlan =
  | { type: 'empty' }
  | {
      type: 'read';
      level: number;
      /** the pixels read at `level`: the union of the windows, in level pixel coordinates */
      region: Rect;
      tiles: SourceTile[];
      /** output pixel coordinates (continuous, centre of pixel u at u + 0.5) → `level` pixel coordinates */
      affine: Affine;
      /** the output pixels covered by the image; the rest of the tile stays transparent */
      target: Rect;
      resampling: 'bilinear';
    };

export type ReadPlan = Extract<TilePlan, { type: 'read' }>;

// ---------------------------------------------------------------------------------------------------------------
// Affine helpers

const apply = (m: Affine, x: number, y: number): [number, number] => [
  m[0] * x + m[1] * y + m[2],
  m[3] * x + m[4] * y + m[5],
];

function invert(m: Affine): Affine {
  const det = m[0] * m[4] - m[1] * m[3];
  return [
    m[4] / det,
    -m[1] / det,
    (m[1] * m[5] - m[4] * m[2]) / det,
    -m[3] / det,
    m[0] / det,
    (m[3] * m[2] - m[0] * m[5]) / det,
  ];
}

/** The affine through three point pairs: p(0,0) at `o`, p(w,0) at `ex`, p(0,h) at `ey`, shifted to start at (x0,y0). */
function affineThrough(
  x0: number,
  y0: number,
  w: number,
  h: number,
  o: [number, number],
  ex: [number, number],
  ey: [number, number],
): Affine {
  const a = (ex[0] - o[0]) / w;
  const b = (ey[0] - o[0]) / h;
  const d = (ex[1] - o[1]) / w;
  const e = (ey[1] - o[1]) / h;
  return [a, b, o[0] - a * x0 - b * y0, d, e, o[1] - d * x0 - e * y0];
}

/** Bounding box of the rectangle `r` under `m` (continuous coordinates). */
function mappedBounds(m: Affine, r: Rect): { x0: number; y0: number; x1: number; y1: number } {
  const pts = [
    apply(m, r.x, r.y),
    apply(m, r.x + r.width, r.y),
    apply(m, r.x, r.y + r.height),
    apply(m, r.x + r.width, r.y + r.height),
  ];
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}

// ---------------------------------------------------------------------------------------------------------------
// The plan

/** A level may be this much coarser than the output and still be used (rounding of overview sizes). */
const LEVEL_TOLERANCE = 1.01;
/** The bbox is widened by this share of its size, so a footprint rounded inwards never clips image pixels. */
const BBOX_MARGIN = 0.02;
/** Pixel-coordinate slack for floating-point noise in the fitted affine. */
const EPSILON = 1e-6;

/**
 * The overview to read: the coarsest level whose pixels are still no larger than the output's (overviews are never
 * magnified; at most a 2× reduction is left to the resampler). `sourcePerOutput` = level-0 pixels per output pixel.
 */
export function chooseLevel(levels: CogGeoref['levels'], sourcePerOutput: number): number {
  const base = levels[0]!.width;
  let chosen = 0;
  levels.forEach((l, k) => {
    if (base / l.width <= sourcePerOutput * LEVEL_TOLERANCE) chosen = k;
  });
  return chosen;
}

/** The plan for one output tile; `{ type: 'empty' }` when the image does not touch it. Throws on an unsupported CRS. */
export function planTile(tms: TileMatrixSet, tile: TileAddress, cog: CogGeoref): TilePlan {
  const forward = forwardProjection(cog.epsg);
  if (!forward) throw new RangeError(`unsupported CRS EPSG:${cog.epsg}`);
  const [tx0, , , ty1] = tileBounds(tms, tile);
  const px = tms.resolution(tile.z);

  // The output pixels the image's (widened) lon/lat footprint covers.
  const [w, s, e, n] = cog.bbox;
  const mw = (e - w) * BBOX_MARGIN;
  const mh = (n - s) * BBOX_MARGIN;
  const [bx0, by0] = tms.fromLonLat(w - mw, s - mh);
  const [bx1, by1] = tms.fromLonLat(e + mw, n + mh);
  const u0 = Math.max(0, Math.floor((bx0 - tx0) / px));
  const u1 = Math.min(TILE_SIZE, Math.ceil((bx1 - tx0) / px));
  const v0 = Math.max(0, Math.floor((ty1 - by1) / px));
  const v1 = Math.min(TILE_SIZE, Math.ceil((ty1 - by0) / px));
  if (u1 <= u0 || v1 <= v0) return { type: 'empty' };
  const target: Rect = { x: u0, y: v0, width: u1 - u0, height: v1 - v0 };

  // Output pixel coordinates → level-0 pixel coordinates, fitted through three corners of `target`.
  const toPixel = invert(cog.transform);
  const sameCrs = cog.epsg === tms.epsg || (isGeographic(cog.epsg) && isGeographic(tms.epsg));
  const source = (u: number, v: number): [number, number] => {
    const x = tx0 + u * px;
    const y = ty1 - v * px;
    const [cx, cy] = sameCrs ? [x, y] : forward(...tms.toLonLat(x, y));
    return apply(toPixel, cx, cy);
  };
  const full = affineThrough(u0, v0, target.width, target.height, source(u0, v0), source(u1, v0), source(u0, v1));
  const sourcePerOutput = Math.min(Math.hypot(full[0], full[3]), Math.hypot(full[1], full[4]));
  const level = chooseLevel(cog.levels, sourcePerOutput);
  const { width: lw, height: lh } = cog.levels[level]!;
  const sx = lw / cog.levels[0]!.width;
  const sy = lh / cog.levels[0]!.height;
  const affine: Affine = [full[0] * sx, full[1] * sx, full[2] * sx, full[3] * sy, full[4] * sy, full[5] * sy];

  // Level pixels needed: the bilinear neighbours of every output pixel centre (a neighbour of weight 0 is not read, so
  // a tile aligned with the COG's grid reads exactly its own source tiles), clipped to the image.
  const b = mappedBounds(affine, { x: u0 + 0.5, y: v0 + 0.5, width: target.width - 1, height: target.height - 1 });
  const rx0 = Math.max(0, Math.floor(b.x0 - 0.5 + EPSILON));
  const ry0 = Math.max(0, Math.floor(b.y0 - 0.5 + EPSILON));
  const rx1 = Math.min(lw, Math.ceil(b.x1 - 0.5 - EPSILON) + 1);
  const ry1 = Math.min(lh, Math.ceil(b.y1 - 0.5 - EPSILON) + 1);
  if (rx1 <= rx0 || ry1 <= ry0) return { type: 'empty' };
  const region: Rect = { x: rx0, y: ry0, width: rx1 - rx0, height: ry1 - ry0 };

  const back = invert(affine);
  const tiles: SourceTile[] = [];
  const { tileWidth: tw, tileHeight: th } = cog;
  for (let row = Math.floor(ry0 / th); row * th < ry1; row++) {
    for (let col = Math.floor(rx0 / tw); col * tw < rx1; col++) {
      const x0 = Math.max(rx0, col * tw);
      const y0 = Math.max(ry0, row * th);
      const x1 = Math.min(rx1, (col + 1) * tw);
      const y1 = Math.min(ry1, (row + 1) * th);
      const t = mappedBounds(back, { x: x0, y: y0, width: x1 - x0, height: y1 - y0 });
      const tx0 = Math.max(u0, Math.floor(t.x0 + EPSILON));
      const ty0 = Math.max(v0, Math.floor(t.y0 + EPSILON));
      const tx1 = Math.min(u1, Math.ceil(t.x1 - EPSILON));
      const ty1 = Math.min(v1, Math.ceil(t.y1 - EPSILON));
      tiles.push({
        col,
        row,
        window: { x: x0 - col * tw, y: y0 - row * th, width: x1 - x0, height: y1 - y0 },
        at: { x: x0 - rx0, y: y0 - ry0 },
        target: { x: tx0, y: ty0, width: Math.max(0, tx1 - tx0), height: Math.max(0, ty1 - ty0) },
      });
    }
  }
  return { type: 'read', level, region, tiles, affine, target, resampling: 'bilinear' };
}

/**
 * Level pixels an output tile may read along either side. With overviews a tile reads at most a 2× finer level:
 * ≤ 2 × 256 × √2 ≈ 730 px even for a rotated grid. Only a COG without overviews, seen zoomed far out, reads more — every
 * level-0 pixel under the tile, which for a large image means decoding gigabytes for one 256 px tile — and such a
 * request is refused. Also keeps the resampler's 16.16 fixed-point coordinates far inside int32.
 */
export const MAX_REGION_SIDE = 4096;

/** Whether a plan reads more than one tile may (see MAX_REGION_SIDE). */
export const exceedsReadLimit = (plan: ReadPlan): boolean =>
  plan.region.width > MAX_REGION_SIDE || plan.region.height > MAX_REGION_SIDE;

/**
 * The single source tile an output tile is, pixel for pixel, or null: one whole 256 px source tile, covering the whole
 * output tile, at scale 1 with no shift (drift below 1/1000 px across the tile). Such a tile can be served as stored.
 */
export function alignedSourceTile(plan: TilePlan, cog: Pick<CogGeoref, 'tileWidth' | 'tileHeight'>): SourceTile | null {
  if (plan.type !== 'read' || plan.tiles.length !== 1) return null;
  if (cog.tileWidth !== TILE_SIZE || cog.tileHeight !== TILE_SIZE) return null;
  const st = plan.tiles[0]!;
  const full = (r: Rect) => r.x === 0 && r.y === 0 && r.width === TILE_SIZE && r.height === TILE_SIZE;
  if (!full(st.window) || !full(plan.target)) return null;
  const [a, b, c, d, e, f] = plan.affine;
  const tol = 1e-3 / TILE_SIZE;
  const unit = Math.abs(a - 1) < tol && Math.abs(e - 1) < tol && Math.abs(b) < tol && Math.abs(d) < tol;
  return unit && Math.abs(c - st.col * TILE_SIZE) < 1e-3 && Math.abs(f - st.row * TILE_SIZE) < 1e-3 ? st : null;
}

/**
 * TileJSON zoom range from the ground sample distance (metres) at the image's latitude: maxzoom is the zoom whose
 * ground resolution along the parallel is nearest the GSD; minzoom is where the whole image is about one tile across
 * — or, for a file with few or no overviews (`overviews` known), the lowest zoom whose tiles stay within the read limit
 * (MAX_REGION_SIDE, 16 tiles' width of the coarsest level; one zoom of it kept back for GSD rounding and rotation), so
 * that clients do not ask for tiles that would be refused. Both are clamped to the set's zooms.
 */
export function zoomRange(
  tms: TileMatrixSet,
  gsd: number,
  lat: number,
  shape: { width: number; height: number } | null,
  overviews: number | null = null,
) {
  const z0 = tms.minZoom;
  const clamp = (z: number) => Math.max(tms.minZoom, Math.min(tms.maxZoom, z));
  const maxzoom = clamp(z0 + Math.round(Math.log2(groundResolution(tms, z0, lat) / gsd)));
  const across = shape ? Math.max(shape.width, shape.height) / TILE_SIZE : 1;
  const readable = overviews === null ? 0 : maxzoom - overviews - (Math.log2(MAX_REGION_SIDE / TILE_SIZE) - 1);
  const minzoom = clamp(Math.max(readable, maxzoom - Math.max(0, Math.ceil(Math.log2(across)))));
  return { minzoom, maxzoom };
}
