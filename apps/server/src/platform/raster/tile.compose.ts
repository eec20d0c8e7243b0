import { WASM_BASE64 } from './bilinear.wasm.js';
import type { LayerStyle } from './render-style.js';
import type { Samples } from './tiff-decode.js';
import type { ReadPlan, Rect } from './tile.plan.js';
import { TILE_SIZE } from './tile-matrix-set.js';

/**
 * The pixel work of a tile (pure; runs in the pixel worker): the source tiles a plan reads, styled and resampled into
 * the 256 × 256 RGBA output, layered under what newer layers already drew (mosaics: newest on top, so an older item
 * fills only pixels that are still transparent). Also the 2–98 % stretch of a source from its smallest overview.
 * NaN samples are always "no data".
 */

/** One item's contribution to a tile: the plan and its source tiles, decoded. */
export interface DecodedLayer {
  plan: ReadPlan;
  tileWidth: number;
  samplesPerPixel: number;
  /** per plan tile: its samples (tileWidth × tileHeight × samplesPerPixel), null for a sparse tile (no data) */
  tiles: (Samples | null)[];
  /** per plan tile: 1 byte per pixel, 0 = masked out; null without a mask (or the whole list when none) */
  masks: (Uint8Array | null)[] | null;
  style: LayerStyle;
}

export const newCanvas = (): Uint8Array => new Uint8Array(TILE_SIZE * TILE_SIZE * 4);

const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/** Whether every pixel of `rect` (all of the tile by default) is already opaque. */
export function isOpaque(canvas: Uint8Array, rect?: Rect): boolean {
  if (!rect && LITTLE_ENDIAN && canvas.byteOffset % 4 === 0) {
    // the whole tile, a pixel per 32-bit word: alpha is the top byte
    const words = new Uint32Array(canvas.buffer, canvas.byteOffset, TILE_SIZE * TILE_SIZE);
    for (let i = 0; i < words.length; i++) if (words[i]! < 0x01000000) return false;
    return true;
  }
  rect ??= { x: 0, y: 0, width: TILE_SIZE, height: TILE_SIZE };
  for (let v = rect.y; v < rect.y + rect.height; v++) {
    for (let u = rect.x; u < rect.x + rect.width; u++) if (canvas[(v * TILE_SIZE + u) * 4 + 3] === 0) return false;
  }
  return true;
}

/** The canvas's colours without alpha: 3 bytes per pixel (what JPEG holds). */
export function withoutAlpha(canvas: Uint8Array): Uint8Array {
  const rgb = new Uint8Array(TILE_SIZE * TILE_SIZE * 3);
  if (LITTLE_ENDIAN && canvas.byteOffset % 4 === 0) {
    // four pixels, four 32-bit words in (alpha in each top byte), three out: 3× faster than byte by byte
    const px = new Uint32Array(canvas.buffer, canvas.byteOffset, TILE_SIZE * TILE_SIZE);
    const out = new Uint32Array(rgb.buffer);
    for (let i = 0, o = 0; i < px.length; i += 4, o += 3) {
      const a = px[i]! & 0xffffff;
      const b = px[i + 1]! & 0xffffff;
      const c = px[i + 2]! & 0xffffff;
      const d = px[i + 3]! & 0xffffff;
      out[o] = a | (b << 24);
      out[o + 1] = (b >>> 8) | (c << 16);
      out[o + 2] = (c >>> 16) | (d << 8);
    }
    return rgb;
  }
  for (let i = 0, o = 0; o < rgb.length; i += 4, o += 3) {
    rgb[o] = canvas[i]!;
    rgb[o + 1] = canvas[i + 1]!;
    rgb[o + 2] = canvas[i + 2]!;
  }
  return rgb;
}

/** The displayed bands of the region the plan reads (level pixels), as floats, and which pixels hold data. */
function gather(layer: DecodedLayer): { bands: Float32Array[]; valid: Uint8Array } {
  const { plan, style, tileWidth: tw, samplesPerPixel: spp } = layer;
  const { width: rw, height: rh } = plan.region;
  const bands = style.bands.map(() => new Float32Array(rw * rh));
  const valid = new Uint8Array(rw * rh);
  const { nodata, alphaBand } = style;
  const nb = style.bands.length;
  plan.tiles.forEach((st, i) => {
    const px = layer.tiles[i];
    if (!px) return;
    const mask = layer.masks?.[i] ?? null;
    for (let y = 0; y < st.window.height; y++) {
      const sy = st.window.y + y;
      const oy = (st.at.y + y) * rw + st.at.x;
      for (let x = 0; x < st.window.width; x++) {
        const s = sy * tw + st.window.x + x;
        const o = oy + x;
        if (mask && mask[s] === 0) continue;
        const p = s * spp;
        if (alphaBand !== null && px[p + alphaBand] === 0) continue;
        let data = false;
        for (let b = 0; b < nb; b++) {
          const v = px[p + style.bands[b]!]!;
          bands[b]![o] = v;
          if (!Number.isNaN(v) && v !== nodata) data = true;
        }
        if (data) valid[o] = 1;
      }
    }
  });
  return { bands, valid };
}

/**
 * Draws `layer` under `canvas` (RGBA, modified in place): bilinear resampling where the nearest source pixel holds
 * data (crisp image edges, no seams between neighbouring items), each colour averaging the valid neighbours, then the
 * style's stretch and colour map. Returns whether any pixel was drawn.
 */
export function drawUnder(canvas: Uint8Array, layer: DecodedLayer): boolean {
  if (isPlain8Bit(layer)) return drawUnder8(canvas, layer);
  const { plan, style } = layer;
  const { bands, valid } = gather(layer);
  const { width: rw, height: rh, x: rx, y: ry } = plan.region;
  const [a, b, c, d, e, f] = plan.affine;
  const nb = bands.length;
  const k = style.scale.map(([lo, hi]) => 255 / (hi - lo));
  const lo = style.scale.map(([l]) => l);
  const lut = style.colormap;
  const sums = new Float64Array(nb);
  const bytes = new Uint8Array(nb);
  let drawn = false;
  const { x: u0, y: v0, width: tw, height: th } = plan.target;
  for (let v = v0; v < v0 + th; v++) {
    for (let u = u0; u < u0 + tw; u++) {
      const o = (v * TILE_SIZE + u) * 4;
      if (canvas[o + 3] !== 0) continue;
      const X = a * (u + 0.5) + b * (v + 0.5) + c - rx;
      const Y = d * (u + 0.5) + e * (v + 0.5) + f - ry;
      const nx = Math.floor(X);
      const ny = Math.floor(Y);
      if (nx < 0 || ny < 0 || nx >= rw || ny >= rh || valid[ny * rw + nx] === 0) continue;
      const { x0, y0, fx, fy } = neighbours(X, Y);
      sums.fill(0);
      let sw = 0;
      for (let q = 0; q < 4; q++) {
        const x = x0 + (q & 1);
        const y = y0 + (q >> 1);
        if (x < 0 || y < 0 || x >= rw || y >= rh) continue;
        const p = y * rw + x;
        if (valid[p] === 0) continue;
        const w = (q & 1 ? fx : 1 - fx) * (q >> 1 ? fy : 1 - fy);
        for (let i = 0; i < nb; i++) sums[i] = sums[i]! + w * bands[i]![p]!;
        sw += w;
      }
      for (let i = 0; i < nb; i++) {
        const s = Math.round((sums[i]! / sw - lo[i]!) * k[i]!);
        bytes[i] = s < 0 ? 0 : s > 255 ? 255 : s;
      }
      if (lut) {
        canvas[o] = lut[bytes[0]! * 3]!;
        canvas[o + 1] = lut[bytes[0]! * 3 + 1]!;
        canvas[o + 2] = lut[bytes[0]! * 3 + 2]!;
      } else if (nb === 1) {
        canvas[o] = canvas[o + 1] = canvas[o + 2] = bytes[0]!;
      } else {
        canvas[o] = bytes[0]!;
        canvas[o + 1] = bytes[1]!;
        canvas[o + 2] = bytes[2]!;
      }
      canvas[o + 3] = 255;
      drawn = true;
    }
  }
  return drawn;
}

/**
 * The 8-bit path: unsigned 8-bit samples shown as stored (scale 0–255 on every band: the default for 8-bit RGB(A),
 * grey and colour-mapped sources), one or three bands. Same pixels as the generic path — the same neighbours, weights
 * (float64) and rounding; with scale 0–255 its `(mean − 0) × 1` is the mean itself — without the float planes: the
 * region is gathered once as interleaved bytes (R, G, B, valid) and read straight into the canvas.
 */
function isPlain8Bit({ style, tiles }: DecodedLayer): boolean {
  return (
    (style.bands.length === 1 || style.bands.length === 3) &&
    style.scale.every(([lo, hi]) => lo === 0 && hi === 255) &&
    tiles.every((t) => t === null || t instanceof Uint8Array)
  );
}

/** The region as 4 bytes per level pixel: the displayed bands (grey repeated), then 1 where the pixel holds data. */
function gather8(layer: DecodedLayer): Uint8Array {
  const { plan, style, tileWidth: tw, samplesPerPixel: spp } = layer;
  const rw = plan.region.width;
  const region = new Uint8Array(rw * plan.region.height * 4);
  const { nodata, alphaBand } = style;
  const b0 = style.bands[0]!;
  const b1 = style.bands[1] ?? b0;
  const b2 = style.bands[2] ?? b0;
  plan.tiles.forEach((st, i) => {
    const px = layer.tiles[i] as Uint8Array | null;
    if (!px) return;
    const mask = layer.masks?.[i] ?? null;
    // the common case (JPEG RGB as stored): every pixel holds data, a plain copy of the rows
    const allData = !mask && alphaBand === null && nodata === null;
    for (let y = 0; y < st.window.height; y++) {
      const sy = st.window.y + y;
      const oy = (st.at.y + y) * rw + st.at.x;
      if (allData) {
        let p = (sy * tw + st.window.x) * spp;
        let o = oy * 4;
        for (let x = 0; x < st.window.width; x++, p += spp, o += 4) {
          region[o] = px[p + b0]!;
          region[o + 1] = px[p + b1]!;
          region[o + 2] = px[p + b2]!;
          region[o + 3] = 1;
        }
        continue;
      }
      for (let x = 0; x < st.window.width; x++) {
        const s = sy * tw + st.window.x + x;
        if (mask && mask[s] === 0) continue;
        const p = s * spp;
        if (alphaBand !== null && px[p + alphaBand] === 0) continue;
        const r = px[p + b0]!;
        const g = px[p + b1]!;
        const b = px[p + b2]!;
        // a pixel holds data unless every displayed band is nodata (8-bit samples are never NaN)
        if (r === nodata && g === nodata && b === nodata) continue;
        const o = (oy + x) * 4;
        region[o] = r;
        region[o + 1] = g;
        region[o + 2] = b;
        region[o + 3] = 1;
      }
    }
  });
  return region;
}

function drawUnder8(canvas: Uint8Array, layer: DecodedLayer): boolean {
  if (isDense(layer)) return drawDense8(canvas, layer);
  const { plan, style } = layer;
  const region = gather8(layer);
  const lut = style.colormap;
  const { width: rw, height: rh, x: rx, y: ry } = plan.region;
  const [a, b, c, d, e, f] = plan.affine;
  const { x: u0, y: v0, width: tw, height: th } = plan.target;
  // An integer translation at scale 1 (a tile on the source's own grid): every weight but the nearest pixel's is 0.
  const dx = c - rx;
  const dy = f - ry;
  const copy = a === 1 && b === 0 && d === 0 && e === 1 && Number.isInteger(dx) && Number.isInteger(dy);
  const put = (o: number, r: number, g: number, bl: number) => {
    if (lut) {
      canvas[o] = lut[r * 3]!;
      canvas[o + 1] = lut[r * 3 + 1]!;
      canvas[o + 2] = lut[r * 3 + 2]!;
    } else {
      canvas[o] = r;
      canvas[o + 1] = g;
      canvas[o + 2] = bl;
    }
    canvas[o + 3] = 255;
  };
  let drawn = false;
  for (let v = v0; v < v0 + th; v++) {
    for (let u = u0; u < u0 + tw; u++) {
      const o = (v * TILE_SIZE + u) * 4;
      if (canvas[o + 3] !== 0) continue;
      if (copy) {
        const x = u + dx;
        const y = v + dy;
        if (x < 0 || y < 0 || x >= rw || y >= rh) continue;
        const p = (y * rw + x) * 4;
        if (region[p + 3] === 0) continue;
        put(o, region[p]!, region[p + 1]!, region[p + 2]!);
        drawn = true;
        continue;
      }
      const X = a * (u + 0.5) + b * (v + 0.5) + c - rx;
      const Y = d * (u + 0.5) + e * (v + 0.5) + f - ry;
      const nx = Math.floor(X);
      const ny = Math.floor(Y);
      if (nx < 0 || ny < 0 || nx >= rw || ny >= rh || region[(ny * rw + nx) * 4 + 3] === 0) continue;
      const { x0, y0, fx, fy } = neighbours(X, Y);
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let sw = 0;
      const p0 = (y0 * rw + x0) * 4;
      const p2 = p0 + rw * 4;
      if (
        x0 >= 0 &&
        y0 >= 0 &&
        x0 + 1 < rw &&
        y0 + 1 < rh &&
        region[p0 + 3]! & region[p0 + 7]! & region[p2 + 3]! & region[p2 + 7]!
      ) {
        // all four neighbours hold data (the interior): the loop below, unrolled
        const w0 = (1 - fx) * (1 - fy);
        const w1 = fx * (1 - fy);
        const w2 = (1 - fx) * fy;
        const w3 = fx * fy;
        s0 = w0 * region[p0]! + w1 * region[p0 + 4]! + w2 * region[p2]! + w3 * region[p2 + 4]!;
        s1 = w0 * region[p0 + 1]! + w1 * region[p0 + 5]! + w2 * region[p2 + 1]! + w3 * region[p2 + 5]!;
        s2 = w0 * region[p0 + 2]! + w1 * region[p0 + 6]! + w2 * region[p2 + 2]! + w3 * region[p2 + 6]!;
        sw = w0 + w1 + w2 + w3;
        put(o, byte(s0 / sw), byte(s1 / sw), byte(s2 / sw));
        drawn = true;
        continue;
      }
      // the generic path's neighbour order and float64 sums, so both round alike
      for (let q = 0; q < 4; q++) {
        const x = x0 + (q & 1);
        const y = y0 + (q >> 1);
        if (x < 0 || y < 0 || x >= rw || y >= rh) continue;
        const p = (y * rw + x) * 4;
        if (region[p + 3] === 0) continue;
        const w = (q & 1 ? fx : 1 - fx) * (q >> 1 ? fy : 1 - fy);
        s0 += w * region[p]!;
        s1 += w * region[p + 1]!;
        s2 += w * region[p + 2]!;
        sw += w;
      }
      put(o, byte(s0 / sw), byte(s1 / sw), byte(s2 / sw));
      drawn = true;
    }
  }
  return drawn;
}

/**
 * The dense 8-bit case — every source tile present, every pixel data (no mask, alpha band or nodata: JPEG RGB as
 * stored), no colour map — is most tiles of aerial imagery, so it has its own path: a WebAssembly SIMD kernel
 * (coordinates in 1/65536 px, Q15 weights; a channel may round 1 level away from the float path). RGB tiles of a
 * power-of-two size (COGs: 256 or 512 px) are used as stored; other band layouts are first gathered into one
 * 3-byte-per-pixel region. Pixels whose neighbours leave the region take the float path's renormalised sums.
 */
function isDense({ tiles, masks, style }: DecodedLayer): boolean {
  return (
    // its output pixels are written as 32-bit words, R in the low byte
    LITTLE_ENDIAN &&
    style.alphaBand === null &&
    style.nodata === null &&
    style.colormap === null &&
    tiles.every((t) => t !== null) &&
    (masks === null || masks.every((m) => m === null))
  );
}

/**
 * Level pixels stored as RGB tiles on a grid: level pixel (x, y) of the region is at byte
 * ((ly & maskY) · stride + (lx & maskX) · 3) of tile (ly >> shiftY) · cols + (lx >> shiftX), with lx = x + ox, ly = y + oy.
 */
interface RgbGrid {
  tiles: Uint8Array[];
  cols: number;
  ox: number;
  oy: number;
  shiftX: number;
  shiftY: number;
  maskX: number;
  maskY: number;
  /** bytes per row of a tile */
  stride: number;
  /** a tile's size in pixels: neighbours beyond it are in the next tile */
  width: number;
  height: number;
}

const isPowerOfTwo = (n: number) => n > 0 && (n & (n - 1)) === 0;

/** The source tiles themselves when they are RGB as stored at a power-of-two size, else the region gathered. */
function rgbGrid(layer: DecodedLayer): RgbGrid {
  const { plan, style, tileWidth: tw, samplesPerPixel: spp } = layer;
  const asStored = spp === 3 && style.bands.join() === '0,1,2';
  // dense: every tile is there, whole (edge tiles of a COG are padded to the full tile size)
  const tileHeight = layer.tiles[0]!.length / (tw * spp);
  if (asStored && isPowerOfTwo(tw) && isPowerOfTwo(tileHeight)) {
    const col0 = Math.min(...plan.tiles.map((t) => t.col));
    const row0 = Math.min(...plan.tiles.map((t) => t.row));
    const cols = Math.max(...plan.tiles.map((t) => t.col)) - col0 + 1;
    const tiles: Uint8Array[] = [];
    plan.tiles.forEach((t, i) => {
      tiles[(t.row - row0) * cols + t.col - col0] = layer.tiles[i] as Uint8Array;
    });
    const first = plan.tiles[0]!;
    return {
      tiles,
      cols,
      // the region's top-left in the grid: the first tile's window starts there, offset by where it lands
      ox: (first.col - col0) * tw + first.window.x - first.at.x,
      oy: (first.row - row0) * tileHeight + first.window.y - first.at.y,
      shiftX: Math.log2(tw),
      shiftY: Math.log2(tileHeight),
      maskX: tw - 1,
      maskY: tileHeight - 1,
      stride: tw * 3,
      width: tw,
      height: tileHeight,
    };
  }
  const { width: rw, height: rh } = plan.region;
  // one tile, the region: shifts of 30 and full masks leave the coordinates as they are
  return {
    tiles: [gatherDense(layer)],
    cols: 1,
    ox: 0,
    oy: 0,
    shiftX: 30,
    shiftY: 30,
    maskX: 2 ** 30 - 1,
    maskY: 2 ** 30 - 1,
    stride: rw * 3,
    width: rw,
    height: rh,
  };
}

/** The region as 3 bytes per level pixel (the displayed bands, grey repeated); every pixel holds data. */
function gatherDense(layer: DecodedLayer): Uint8Array {
  const { plan, style, tileWidth: tw, samplesPerPixel: spp } = layer;
  const rw = plan.region.width;
  const region = new Uint8Array(rw * plan.region.height * 3);
  const b0 = style.bands[0]!;
  const b1 = style.bands[1] ?? b0;
  const b2 = style.bands[2] ?? b0;
  plan.tiles.forEach((st, i) => {
    const px = layer.tiles[i] as Uint8Array;
    for (let y = 0; y < st.window.height; y++) {
      const p0 = ((st.window.y + y) * tw + st.window.x) * spp;
      const o0 = ((st.at.y + y) * rw + st.at.x) * 3;
      for (let x = 0, p = p0, o = o0; x < st.window.width; x++, p += spp, o += 3) {
        region[o] = px[p + b0]!;
        region[o + 1] = px[p + b1]!;
        region[o + 2] = px[p + b2]!;
      }
    }
  });
  return region;
}

/**
 * Fixed point for the kernel: level pixel coordinates carry 16 fractional bits (a region is at most MAX_REGION_SIDE,
 * 4096 pixels across — the renderer refuses larger reads — so they stay far below 2^31); stepping one output pixel
 * adds the rounded affine column, drifting at most 256 × 2^-17 px across a tile.
 */
const FRAC = 16;

/** The kernel's memory: the canvas at 0, then the table of tile addresses, then the tiles (see bilinear.wat). */
const CANVAS_BYTES = TILE_SIZE * TILE_SIZE * 4;
const WASM_PAGE = 65536;
const align16 = (n: number) => (n + 15) & ~15;

interface BilinearKernel {
  memory: WebAssembly.Memory;
  setup(
    table: number,
    ox: number,
    oy: number,
    shiftX: number,
    shiftY: number,
    cols: number,
    stride: number,
    width: number,
    height: number,
  ): void;
  /** pixels drawn + 65,536 × pixels left for the caller (neighbours outside the region) */
  row(o: number, n: number, fx: number, fy: number, sx: number, sy: number): number;
}

/** One instance per thread (each pixel worker has its own memory), compiled on first use. */
let kernel: BilinearKernel | null = null;
function bilinearKernel(): BilinearKernel {
  if (!kernel) {
    const bytes = Uint8Array.from(atob(WASM_BASE64), (c) => c.charCodeAt(0));
    kernel = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports as unknown as BilinearKernel;
  }
  return kernel;
}

/**
 * The dense path by the WebAssembly SIMD kernel (bilinear.wat; 3–4× the fixed-point JavaScript loop it replaced): the
 * grid's tiles are copied into the kernel's memory whole (one copy each, no per-row slicing), the canvas in and out;
 * the kernel draws every pixel whose four neighbours lie in the region, straddling tiles or not, and the few whose
 * neighbours leave it (the image's edge) take the float path's renormalised sums here.
 */
function drawDense8(canvas: Uint8Array, layer: DecodedLayer): boolean {
  const { plan } = layer;
  const g = rgbGrid(layer);
  const k = bilinearKernel();
  const { width: rw, height: rh, x: rx, y: ry } = plan.region;
  const tileBytes = align16(g.tiles[0]!.length + 4);
  const table = CANVAS_BYTES;
  const first = table + align16(g.tiles.length * 4);
  const need = first + g.tiles.length * tileBytes;
  if (need > k.memory.buffer.byteLength) k.memory.grow(Math.ceil((need - k.memory.buffer.byteLength) / WASM_PAGE));
  const memory = new Uint8Array(k.memory.buffer);
  const addresses = new Int32Array(k.memory.buffer, table, g.tiles.length);
  g.tiles.forEach((t, i) => {
    addresses[i] = first + i * tileBytes;
    memory.set(t, addresses[i]!);
  });
  const out = memory.subarray(0, CANVAS_BYTES);
  out.set(canvas);
  k.setup(table, g.ox, g.oy, g.shiftX, g.shiftY, g.cols, g.stride, rw, rh);

  const [a, b, c, d, e, f] = plan.affine;
  const { x: u0, y: v0, width: tw, height: th } = plan.target;
  const stepX = Math.round(a * 2 ** FRAC) | 0;
  const stepY = Math.round(d * 2 ** FRAC) | 0;
  let drawn = false;
  for (let v = v0; v < v0 + th; v++) {
    // level pixel coordinates of the centre of output pixel (u, v): X = a·(u + ½) + b·(v + ½) + c − rx; the fixed-point
    // ones are of X − ½, the top-left bilinear neighbour
    const bx = b * (v + 0.5) + c - rx;
    const by = e * (v + 0.5) + f - ry;
    const fx = Math.round((a * (u0 + 0.5) + bx - 0.5) * 2 ** FRAC) | 0;
    const fy = Math.round((d * (u0 + 0.5) + by - 0.5) * 2 ** FRAC) | 0;
    const r = k.row((v * TILE_SIZE + u0) * 4, tw, fx, fy, stepX, stepY);
    if (r & 0xffff) drawn = true;
    if (r >>> 16 === 0) continue;
    // pixels left by the kernel: drawn when the nearest pixel is inside the region
    for (let u = u0, o = (v * TILE_SIZE + u0) * 4; u < u0 + tw; u++, o += 4) {
      const X = a * (u + 0.5) + bx;
      const Y = d * (u + 0.5) + by;
      if (out[o + 3] === 0 && X >= 0 && Y >= 0 && X < rw && Y < rh) {
        drawEdge(out, o, g, rw, rh, X, Y);
        drawn = true;
      }
    }
  }
  canvas.set(out);
  return drawn;
}

/** A pixel whose bilinear neighbours leave the region: the float path's sums over those inside. */
function drawEdge(canvas: Uint8Array, o: number, g: RgbGrid, rw: number, rh: number, X: number, Y: number) {
  const { x0, y0, fx, fy } = neighbours(X, Y);
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let sw = 0;
  for (let q = 0; q < 4; q++) {
    const x = x0 + (q & 1);
    const y = y0 + (q >> 1);
    if (x < 0 || y < 0 || x >= rw || y >= rh) continue;
    const lx = x + g.ox;
    const ly = y + g.oy;
    const t = g.tiles[(ly >> g.shiftY) * g.cols + (lx >> g.shiftX)]!;
    const p = (ly & g.maskY) * g.stride + (lx & g.maskX) * 3;
    const w = (q & 1 ? fx : 1 - fx) * (q >> 1 ? fy : 1 - fy);
    s0 += w * t[p]!;
    s1 += w * t[p + 1]!;
    s2 += w * t[p + 2]!;
    sw += w;
  }
  canvas[o] = byte(s0 / sw);
  canvas[o + 1] = byte(s1 / sw);
  canvas[o + 2] = byte(s2 / sw);
  canvas[o + 3] = 255;
}

/** The top-left bilinear neighbour of level position (X, Y) and the fractions towards the other three. */
const NEIGHBOURS = { x0: 0, y0: 0, fx: 0, fy: 0 };
function neighbours(X: number, Y: number): typeof NEIGHBOURS {
  // one shared result object: the per-pixel loops allocate nothing
  NEIGHBOURS.x0 = Math.floor(X - 0.5);
  NEIGHBOURS.y0 = Math.floor(Y - 0.5);
  NEIGHBOURS.fx = X - 0.5 - NEIGHBOURS.x0;
  NEIGHBOURS.fy = Y - 0.5 - NEIGHBOURS.y0;
  return NEIGHBOURS;
}

const byte = (x: number): number => {
  const s = Math.round(x);
  return s < 0 ? 0 : s > 255 ? 255 : s;
};

/** One tile of a level, for the stretch: its samples, mask, and how much of it is image (edge tiles are padded). */
export interface StretchTile {
  samples: Samples;
  mask: Uint8Array | null;
  tileWidth: number;
  width: number;
  height: number;
}

/** The `lower` and `upper` quantiles (fractions, nearest rank) of the valid values of every band. */
export function bandPercentiles(
  tiles: readonly StretchTile[],
  source: { samplesPerPixel: number; alphaBand: number | null; nodata: number | null },
  lower = 0.02,
  upper = 0.98,
): [number, number][] {
  const { samplesPerPixel: spp, alphaBand, nodata } = source;
  const out: [number, number][] = [];
  for (let band = 0; band < spp; band++) {
    const values: number[] = [];
    for (const t of tiles) {
      for (let y = 0; y < t.height; y++) {
        for (let x = 0; x < t.width; x++) {
          const s = y * t.tileWidth + x;
          if (t.mask && t.mask[s] === 0) continue;
          if (alphaBand !== null && t.samples[s * spp + alphaBand] === 0) continue;
          const v = t.samples[s * spp + band]!;
          if (!Number.isNaN(v) && v !== nodata) values.push(v);
        }
      }
    }
    if (!values.length) {
      out.push([0, 1]);
      continue;
    }
    const sorted = Float64Array.from(values).sort();
    const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * (sorted.length - 1)))]!;
    out.push([at(lower), at(upper)]);
  }
  return out;
}
