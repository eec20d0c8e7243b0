/**
 * Which COG tiles a Web Mercator XYZ tile needs, and how their pixels map into it (pure: no I/O, no image library —
 * the linz/basemaps `tiler` split; tile.render.ts does the bytes and pixels).
 *
 * The output tile is 256 × 256 px. Its pixel centres are mapped to the source raster by one affine transform per
 * output tile, fitted through three corners of the part of the tile the image covers: Web Mercator → lon/lat is exact
 * maths, lon/lat → the source CRS is exact for EPSG:4490/4326/3857 and the CGCS2000 Gauss-Krüger families below
 * (Krüger series, GRS80), and the affine fit is sub-pixel at zoom ≥ 6 (a few pixels of latitude drift below that).
 */

export const TILE_SIZE = 256;

/** Web Mercator sphere radius (EPSG:3857) and half the world's width in metres. */
const R = 6378137;
const HALF_WORLD = Math.PI * R;
const DEG = Math.PI / 180;

export interface TileAddress {
  z: number;
  x: number;
  y: number;
}

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

// ---------------------------------------------------------------------------------------------------------------
// Coordinate reference systems

type Forward = (lon: number, lat: number) => [number, number];

/** GRS80 (CGCS2000's ellipsoid). */
const GRS80 = { a: 6378137, f: 1 / 298.257222101 };

/** Transverse Mercator by the Krüger series to n⁴ (sub-millimetre within a Gauss-Krüger zone). */
function transverseMercator(lon0: number, k0: number, falseEasting: number, falseNorthing: number): Forward {
  const { a, f } = GRS80;
  const n = f / (2 - f);
  const n2 = n * n;
  const n3 = n2 * n;
  const n4 = n3 * n;
  const A = (a / (1 + n)) * (1 + n2 / 4 + n4 / 64);
  const alpha = [
    n / 2 - (2 * n2) / 3 + (5 * n3) / 16 + (41 * n4) / 180,
    (13 * n2) / 48 - (3 * n3) / 5 + (557 * n4) / 1440,
    (61 * n3) / 240 - (103 * n4) / 140,
    (49561 * n4) / 161280,
  ];
  const e2n = (2 * Math.sqrt(n)) / (1 + n);
  return (lon, lat) => {
    const phi = lat * DEG;
    const lambda = (lon - lon0) * DEG;
    const sinPhi = Math.sin(phi);
    const t = Math.sinh(Math.atanh(sinPhi) - e2n * Math.atanh(e2n * sinPhi));
    const xiP = Math.atan2(t, Math.cos(lambda));
    const etaP = Math.atanh(Math.sin(lambda) / Math.sqrt(1 + t * t));
    let xi = xiP;
    let eta = etaP;
    alpha.forEach((al, j) => {
      const k = 2 * (j + 1);
      xi += al * Math.sin(k * xiP) * Math.cosh(k * etaP);
      eta += al * Math.cos(k * xiP) * Math.sinh(k * etaP);
    });
    return [falseEasting + k0 * A * eta, falseNorthing + k0 * A * xi];
  };
}

const webMercator: Forward = (lon, lat) => [lon * DEG * R, R * Math.log(Math.tan(Math.PI / 4 + (lat * DEG) / 2))];

/**
 * lon/lat (CGCS2000 ≈ WGS 84 at tile scale) → the source CRS, or null when it is not supported:
 * 4490 / 4326 geographic; 3857; CGCS2000 Gauss-Krüger 6° zones with zone prefix 4491–4501 (zones 13–23), 6° CM
 * 4502–4512, 3° zones with prefix 4513–4533 (zones 25–45), 3° CM 4534–4554 (75°E…135°E).
 */
export function forwardProjection(epsg: number): Forward | null {
  if (epsg === 4490 || epsg === 4326) return (lon, lat) => [lon, lat];
  if (epsg === 3857) return webMercator;
  if (epsg >= 4491 && epsg <= 4501) {
    const zone = 13 + (epsg - 4491);
    return transverseMercator(zone * 6 - 3, 1, zone * 1e6 + 500000, 0);
  }
  if (epsg >= 4502 && epsg <= 4512) return transverseMercator(75 + 6 * (epsg - 4502), 1, 500000, 0);
  if (epsg >= 4513 && epsg <= 4533) {
    const zone = 25 + (epsg - 4513);
    return transverseMercator(zone * 3, 1, zone * 1e6 + 500000, 0);
  }
  if (epsg >= 4534 && epsg <= 4554) return transverseMercator(75 + 3 * (epsg - 4534), 1, 500000, 0);
  return null;
}

/** Web Mercator bounds [xmin, ymin, xmax, ymax] of an XYZ tile, in metres. */
export function tileBounds({ z, x, y }: TileAddress): [number, number, number, number] {
  const size = (2 * HALF_WORLD) / 2 ** z;
  return [-HALF_WORLD + x * size, HALF_WORLD - (y + 1) * size, -HALF_WORLD + (x + 1) * size, HALF_WORLD - y * size];
}

const mercatorToLonLat = (mx: number, my: number): [number, number] => [
  mx / R / DEG,
  Math.atan(Math.sinh(my / R)) / DEG,
];

export const isValidTile = ({ z, x, y }: TileAddress): boolean =>
  [z, x, y].every(Number.isInteger) && z >= 0 && z <= 24 && x >= 0 && y >= 0 && x < 2 ** z && y < 2 ** z;

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
export function planTile(tile: TileAddress, cog: CogGeoref): TilePlan {
  const forward = forwardProjection(cog.epsg);
  if (!forward) throw new RangeError(`unsupported CRS EPSG:${cog.epsg}`);
  const [mx0, , mx1, my1] = tileBounds(tile);
  const px = (mx1 - mx0) / TILE_SIZE;

  // The output pixels the image's (widened) lon/lat footprint covers.
  const [w, s, e, n] = cog.bbox;
  const mw = (e - w) * BBOX_MARGIN;
  const mh = (n - s) * BBOX_MARGIN;
  const [bx0, by0] = webMercator(w - mw, Math.max(s - mh, -85.06));
  const [bx1, by1] = webMercator(e + mw, Math.min(n + mh, 85.06));
  const u0 = Math.max(0, Math.floor((bx0 - mx0) / px));
  const u1 = Math.min(TILE_SIZE, Math.ceil((bx1 - mx0) / px));
  const v0 = Math.max(0, Math.floor((my1 - by1) / px));
  const v1 = Math.min(TILE_SIZE, Math.ceil((my1 - by0) / px));
  if (u1 <= u0 || v1 <= v0) return { type: 'empty' };
  const target: Rect = { x: u0, y: v0, width: u1 - u0, height: v1 - v0 };

  // Output pixel coordinates → level-0 pixel coordinates, fitted through three corners of `target`.
  const toPixel = invert(cog.transform);
  const source = (u: number, v: number): [number, number] => {
    const [lon, lat] = mercatorToLonLat(mx0 + u * px, my1 - v * px);
    const [cx, cy] = forward(lon, lat);
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
 * TileJSON zoom range from the ground sample distance (metres) at the image's latitude: maxzoom is the zoom whose
 * Web Mercator ground resolution is nearest the GSD; minzoom is where the whole image is about one tile across.
 */
export function zoomRange(gsd: number, lat: number, shape: { width: number; height: number } | null) {
  const equatorRes = (2 * HALF_WORLD) / TILE_SIZE;
  const maxzoom = Math.max(0, Math.min(24, Math.round(Math.log2((equatorRes * Math.cos(lat * DEG)) / gsd))));
  const across = shape ? Math.max(shape.width, shape.height) / TILE_SIZE : 1;
  const minzoom = Math.max(0, maxzoom - Math.max(0, Math.ceil(Math.log2(across))));
  return { minzoom, maxzoom };
}
