import type { GeoTIFFImage, Pool } from 'geotiff';
import sharp from 'sharp';
import { DomainError } from '../errors/domain-error.js';
import { withDecoderPool } from './decoder-pool.js';
import { type RasterLayout, readIfds } from './raster-header.js';
import { asIngestError, TiffStructureError, withGeoTiff } from './tiff-source.js';

/**
 * Catalogue thumbnails (PNG) of GeoTIFFs, read from the smallest pyramid level that still has the output size.
 *
 * Two readers, picked by measuring both on the shared test files (256 px, warm median, busy 2-core machine):
 * - libvips (sharp) for 8-bit RGB / YCbCr-JPEG / grey images in compressions libtiff reads: a streaming
 *   nearest-neighbour shrink in libvips's own thread pool — cogeo.tif 12 ms, RGB.byte.tif 10 ms, rgb1–4 9–13 ms.
 * - geotiff.js for everything else (16/32-bit and float data, > 3 bands, palette, LERC/zstd, and tiled
 *   planar-separate files such as shade.tif, which libvips refuses): nearest-neighbour sampling that reads only
 *   the tiles/strips holding a sampled pixel, in windows of ≤ 256 Kpx, so memory stays small even for a multi-GB
 *   scene without overviews. Compressed blocks are decoded in geotiff.js's worker-thread Pool. On the same 8-bit
 *   files it takes 16–85 ms (cogeo.tif 34 ms, RGB.byte.tif 85 ms), hence libvips where it can.
 * libvips knows no nodata and widens one band to sRGB, so both readers hand back raw samples and the same code applies
 * nodata/NaN transparency and the stretch; sharp encodes the PNG (thread pool).
 */

/** The part of a header the thumbnail needs (readRasterHeader's result, or probeRaster's for a file without CRS). */
export type ThumbnailSource = Pick<
  RasterLayout,
  | 'width'
  | 'height'
  | 'bandCount'
  | 'dataType'
  | 'nodata'
  | 'photometric'
  | 'compression'
  | 'interleave'
  | 'tiled'
  | 'overviews'
>;

/** Compressions geotiff.js 3 decodes in Node (OJPEG is refused by it; WebP needs a browser canvas). */
const DECODABLE = new Set(['none', 'lzw', 'jpeg', 'deflate', 'packbits', 'lerc', 'zstd']);

export interface ThumbnailOptions {
  /**
   * 0-based bands to show as R, G, B (or one band as grey). Default: the first three bands, or the first band for
   * one- and two-band images. GF-1/GF-2 PMS products are ordered blue, green, red, NIR: pass [2, 1, 0] for true colour.
   */
  bands?: number[];
  /** 'auto' (default) uses libvips where it reads the data faithfully; 'geotiff' forces the general reader. */
  engine?: 'auto' | 'geotiff';
}

/** Compressions libtiff inside sharp's libvips decodes (and that geotiff.js decodes too, for the fallback). */
const LIBVIPS_COMPRESSIONS = new Set(['none', 'lzw', 'jpeg', 'deflate', 'packbits']);

/** Catalogue previews; anything larger belongs to tile serving, and would keep the event loop busy assembling pixels. */
const MAX_THUMBNAIL_SIZE = 1024;
/** Percentiles are estimated from at most this many evenly strided valid pixels (sorting cost stays ~1 ms). */
const PERCENTILE_SAMPLE = 65536;
/** Windows read concurrently: enough to keep the pool busy, few enough that memory stays a handful of windows. */
const BLOCKS_IN_FLIGHT = 8;
/**
 * One read window holds at most this many pixels per band (256 Kpx): geotiff.js assembles a window on the event loop
 * (~10 ms at this size) and keeps it in memory until it is sampled…
 */
const MAX_WINDOW_PIXELS = 1 << 18;
/** …and is at most this wide, unless a single block is wider (a strip is the full image width). */
const MAX_WINDOW_SIDE = 1024;

/**
 * A PNG no larger than `maxSize` on its longest side (never upscaled): RGB(A) from three bands or grey(+alpha) from
 * one. uint8 data is shown as is; other types are stretched per band from the 2nd to the 98th percentile of the
 * valid pixels. Pixels that are NaN in any shown band, or equal to the nodata value in all shown bands, are fully
 * transparent. Throws INGEST_TIFF_CORRUPT when the pixel data cannot be decoded and INGEST_UNSUPPORTED for a
 * compression geotiff.js has no decoder for.
 */
export async function renderThumbnail(
  path: string,
  header: ThumbnailSource,
  maxSize = 256,
  options: ThumbnailOptions = {},
): Promise<Buffer> {
  if (!Number.isInteger(maxSize) || maxSize < 1 || maxSize > MAX_THUMBNAIL_SIZE) {
    throw new RangeError(`maxSize must be an integer in 1..${MAX_THUMBNAIL_SIZE}, got ${maxSize}`);
  }
  if (!DECODABLE.has(header.compression)) {
    throw new DomainError(
      'INGEST_UNSUPPORTED',
      { compression: header.compression },
      `暂不支持为 ${header.compression} 压缩的影像生成缩略图`,
    );
  }
  const { width: outW, height: outH } = thumbnailSize(header.width, header.height, maxSize);
  const level = chooseLevel(header, outW, outH);
  const bands = displayBands(header, options.bands);
  // Re-validate the IFDs and block tables (a few KiB of I/O): the file may not be the one the header was read from,
  // and neither reader should ever be handed a block that runs past the end of the file.
  const ifds = await withGeoTiff(path, (tiff, fileSize) => readIfds(tiff, fileSize));
  const levelIfd = ifds[level.ifd];
  if (!levelIfd || levelIfd.width !== level.width || levelIfd.height !== level.height) {
    throw asIngestError(new TiffStructureError('影像与读取到的文件头不一致（文件已被修改？）', { ifd: level.ifd }));
  }
  let sampled: Sampled | null = null;
  let photometric = header.photometric;
  if ((options.engine ?? 'auto') === 'auto' && libvipsEligible(header)) {
    // libvips decodes JPEG-in-TIFF YCbCr straight to RGB.
    sampled = await sampleWithLibvips(path, level.ifd, header.bandCount, bands, outW, outH);
    if (sampled && photometric === 'ycbcr') photometric = 'rgb';
  }
  if (!sampled) sampled = await sampleWithGeotiff(path, level, bands, outW, outH, header.photometric === 'palette');
  const pixels = toDisplay(sampled.bands, { ...header, photometric }, outW * outH, sampled.colorMap);
  const encoder = sharp(pixels.data, { raw: { width: outW, height: outH, channels: pixels.channels } });
  // Without the explicit colourspace sharp would widen grey + alpha to RGBA on output.
  if (pixels.channels === 2) encoder.toColourspace('b-w');
  return encoder.png({ compressionLevel: 6 }).toBuffer();
}

interface Sampled {
  bands: Float64Array[];
  colorMap: ArrayLike<number> | null;
}

function libvipsEligible(h: ThumbnailSource): boolean {
  return (
    h.dataType === 'uint8' &&
    LIBVIPS_COMPRESSIONS.has(h.compression) &&
    // libtiff's reader in libvips refuses tiled planar-separate files ("tiled separate planes not supported").
    !(h.tiled && h.interleave === 'band') &&
    ((h.bandCount === 3 && (h.photometric === 'rgb' || h.photometric === 'ycbcr')) ||
      (h.bandCount === 1 && h.photometric === 'min-is-black'))
  );
}

/**
 * libvips nearest-neighbour shrink of IFD `page` to outW × outH (values are copied, never blended, so nodata stays
 * exact). Returns null when libvips cannot read this particular file (e.g. tiled planar-separate) so the caller
 * falls back to geotiff.js, which also reports real corruption properly.
 */
async function sampleWithLibvips(
  path: string,
  page: number,
  bandCount: number,
  bands: number[],
  outW: number,
  outH: number,
): Promise<Sampled | null> {
  try {
    const img = sharp(path, { page, limitInputPixels: false, sequentialRead: true, failOn: 'error' }).resize({
      width: outW,
      height: outH,
      fit: 'fill',
      kernel: 'nearest',
    });
    if (bandCount === 1) img.toColourspace('b-w');
    const { data, info } = await img.raw().toBuffer({ resolveWithObject: true });
    if (info.width !== outW || info.height !== outH || info.channels !== bandCount) return null;
    const n = outW * outH;
    const out = bands.map(() => new Float64Array(n));
    for (let p = 0; p < n; p++) for (let b = 0; b < bands.length; b++) out[b]![p] = data[p * bandCount + bands[b]!]!;
    return { bands: out, colorMap: null };
  } catch {
    return null;
  }
}

async function sampleWithGeotiff(
  path: string,
  level: { ifd: number; width: number; height: number },
  bands: number[],
  outW: number,
  outH: number,
  palette: boolean,
): Promise<Sampled> {
  return withDecoderPool((pool) =>
    withGeoTiff(path, async (tiff) => {
      const image = await tiff.getImage(level.ifd);
      return {
        bands: await sampleNearest(image, bands, outW, outH, pool),
        colorMap: palette ? await loadColorMap(image) : null,
      };
    }),
  );
}

/** Output size: the longest side becomes min(maxSize, longest side), the other keeps the aspect ratio (≥ 1 px). */
export function thumbnailSize(width: number, height: number, maxSize: number): { width: number; height: number } {
  const scale = Math.min(1, maxSize / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** Smallest level (full resolution or overview) at least as large as the output on both axes. */
export function chooseLevel(
  header: Pick<RasterLayout, 'width' | 'height' | 'overviews'>,
  outW: number,
  outH: number,
): { ifd: number; width: number; height: number } {
  let best = { ifd: 0, width: header.width, height: header.height };
  for (const o of header.overviews) {
    if (o.width >= outW && o.height >= outH && o.width * o.height < best.width * best.height) best = o;
  }
  return best;
}

function displayBands(header: ThumbnailSource, requested: number[] | undefined): number[] {
  // YCbCr must be converted as a triple, and a palette index is one band by definition.
  if (header.photometric === 'ycbcr') return [0, 1, 2];
  if (header.photometric === 'palette') return [0];
  const bands = requested ?? (header.bandCount >= 3 ? [0, 1, 2] : [0]);
  if ((bands.length !== 1 && bands.length !== 3) || bands.some((b) => !Number.isInteger(b) || b < 0)) {
    throw new RangeError(`bands must be one or three band indices, got ${JSON.stringify(bands)}`);
  }
  if (bands.some((b) => b >= header.bandCount)) {
    throw new DomainError(
      'INGEST_UNSUPPORTED',
      { bands, bandCount: header.bandCount },
      `缩略图波段超出影像波段数（共 ${header.bandCount} 个波段）`,
    );
  }
  return bands;
}

// ---------------------------------------------------------------------------------------------------------------
// Sampling

/**
 * Nearest-neighbour sample of `bands` on an outW × outH grid: output pixel (i, j) takes source pixel
 * (⌊(i + ½)·W / outW⌋, ⌊(j + ½)·H / outH⌋). Reads one window per touched block, restricted to the sampled rows and
 * columns inside it, so untouched blocks are never fetched or decoded.
 */
async function sampleNearest(
  image: GeoTIFFImage,
  bands: number[],
  outW: number,
  outH: number,
  pool: Pool,
): Promise<Float64Array[]> {
  const w = image.getWidth();
  const h = image.getHeight();
  const cols = Array.from({ length: outW }, (_, i) => Math.min(w - 1, Math.floor(((i + 0.5) * w) / outW)));
  const rows = Array.from({ length: outH }, (_, j) => Math.min(h - 1, Math.floor(((j + 0.5) * h) / outH)));
  const bw = image.getTileWidth();
  const bh = image.getTileHeight();
  const maxCols = Math.max(bw, MAX_WINDOW_SIDE);
  const colGroups = groupByBlock(cols, bw, maxCols);
  const rowGroups = groupByBlock(rows, bh, Math.max(bh, Math.floor(MAX_WINDOW_PIXELS / Math.min(w, maxCols))));
  const out = bands.map(() => new Float64Array(outW * outH));
  const tasks: Array<() => Promise<void>> = [];
  for (const rg of rowGroups) {
    for (const cg of colGroups) {
      tasks.push(async () => {
        const x0 = cols[cg.first]!;
        const y0 = rows[rg.first]!;
        const winW = cols[cg.last]! - x0 + 1;
        const window = [x0, y0, x0 + winW, rows[rg.last]! + 1];
        const data = await image.readRasters({ window, samples: bands, pool, interleave: false });
        for (let j = rg.first; j <= rg.last; j++) {
          const srcRow = (rows[j]! - y0) * winW;
          for (let i = cg.first; i <= cg.last; i++) {
            const src = srcRow + cols[i]! - x0;
            for (let b = 0; b < bands.length; b++) out[b]![j * outW + i] = data[b]![src]!;
          }
        }
      });
    }
  }
  for (let k = 0; k < tasks.length; k += BLOCKS_IN_FLIGHT) {
    await Promise.all(tasks.slice(k, k + BLOCKS_IN_FLIGHT).map((t) => t()));
  }
  return out;
}

/**
 * Runs of output indices read with one window: the sampled source coordinates (ascending) of a run lie in
 * consecutive blocks — a block without any sampled pixel is never inside a window, so it is never decoded — and
 * span at most `maxSpan` source pixels. Small strips (RGB.byte.tif: 3 rows) thus merge into a few reads instead
 * of one per output row, while a sparse sample of a huge scene still reads only the blocks it needs.
 */
export function groupByBlock(
  coords: number[],
  blockSize: number,
  maxSpan: number,
): Array<{ first: number; last: number }> {
  const groups: Array<{ first: number; last: number }> = [];
  const block = (c: number) => Math.floor(c / blockSize);
  coords.forEach((c, k) => {
    const g = groups.at(-1);
    const prev = g ? coords[g.last]! : -1;
    const adjacent = g !== undefined && block(c) - block(prev) <= 1;
    if (g && adjacent && c - coords[g.first]! < maxSpan) g.last = k;
    else groups.push({ first: k, last: k });
  });
  return groups;
}

async function loadColorMap(image: GeoTIFFImage): Promise<ArrayLike<number> | null> {
  const cm = await image.getFileDirectory().loadValue('ColorMap');
  return cm && typeof cm === 'object' ? (cm as ArrayLike<number>) : null;
}

// ---------------------------------------------------------------------------------------------------------------
// Display mapping (exported for tests)

/** Raw RGBA (3 bands) or grey + alpha (1 band), 8 bits per channel. */
export interface DisplayPixels {
  data: Buffer;
  channels: 2 | 4;
}

/**
 * Sampled band values → 8-bit display pixels with alpha. YCbCr is converted to RGB (JPEG-in-TIFF stores it so),
 * palette indices are looked up in the TIFF ColorMap (16-bit entries), other non-uint8 data is stretched per band
 * from its 2nd to 98th percentile; min-is-white is inverted. Alpha is 0 for NaN in any band or nodata in all bands.
 */
export function toDisplay(
  bands: Float64Array[],
  header: Pick<ThumbnailSource, 'dataType' | 'nodata' | 'photometric'>,
  n: number,
  colorMap: ArrayLike<number> | null = null,
): DisplayPixels {
  let channelsIn: Uint8Array[];
  let valid: Uint8Array;
  if (header.photometric === 'palette' && colorMap) {
    valid = validMask(bands, header.nodata, n);
    channelsIn = paletteToRgb(bands[0]!, colorMap, n);
  } else if (header.photometric === 'ycbcr' && bands.length === 3) {
    // GDAL compares nodata with the decoded RGB values, not with the YCbCr samples.
    channelsIn = ycbcrToRgb(bands, n);
    valid = validMask(channelsIn, header.nodata, n);
  } else {
    valid = validMask(bands, header.nodata, n);
    channelsIn = bands.map((band) => (header.dataType === 'uint8' ? Uint8Array.from(band) : stretch(band, valid)));
    if (header.photometric === 'min-is-white')
      for (const c of channelsIn) for (let p = 0; p < n; p++) c[p] = 255 - c[p]!;
  }
  const channels: 2 | 4 = channelsIn.length === 1 ? 2 : 4;
  const data = Buffer.alloc(n * channels);
  for (let p = 0; p < n; p++) {
    for (let c = 0; c < channels - 1; c++) data[p * channels + c] = channelsIn[c]![p]!;
    data[p * channels + channels - 1] = valid[p] ? 255 : 0;
  }
  return { data, channels };
}

/** 1 where the pixel is shown: no band is NaN, and not every band equals a (non-NaN) nodata value. */
function validMask(bands: ArrayLike<number>[], nodata: number | null, n: number): Uint8Array {
  const valid = new Uint8Array(n);
  const nodataIsNumber = nodata !== null && !Number.isNaN(nodata);
  for (let p = 0; p < n; p++) {
    let anyNaN = false;
    let allNodata = nodataIsNumber;
    for (const band of bands) {
      const v = band[p]!;
      if (Number.isNaN(v)) anyNaN = true;
      if (v !== nodata) allNodata = false;
    }
    valid[p] = anyNaN || allNodata ? 0 : 1;
  }
  return valid;
}

/** Linear stretch of the valid pixels' [P2, P98] to [0, 255]; a constant band becomes mid-grey. */
function stretch(band: Float64Array, valid: Uint8Array): Uint8Array {
  const values: number[] = [];
  for (let p = 0; p < band.length; p++) if (valid[p] && Number.isFinite(band[p]!)) values.push(band[p]!);
  const stride = Math.max(1, Math.ceil(values.length / PERCENTILE_SAMPLE));
  const sorted = Float64Array.from({ length: Math.ceil(values.length / stride) }, (_, k) => values[k * stride]!).sort();
  const out = new Uint8Array(band.length);
  if (sorted.length === 0) return out;
  const lo = percentile(sorted, 0.02);
  const hi = percentile(sorted, 0.98);
  for (let p = 0; p < band.length; p++) {
    const v = band[p]!;
    if (hi <= lo) out[p] = 128;
    else out[p] = Math.round(Math.min(1, Math.max(0, (v - lo) / (hi - lo))) * 255);
  }
  return out;
}

/** Linear-interpolated percentile of ascending values, q in [0, 1]. */
export function percentile(sorted: ArrayLike<number>, q: number): number {
  const pos = (sorted.length - 1) * q;
  const i = Math.floor(pos);
  const lo = sorted[i]!;
  const hi = sorted[Math.min(sorted.length - 1, i + 1)]!;
  return lo + (hi - lo) * (pos - i);
}

/** JFIF / ITU-R BT.601 full-range YCbCr → RGB, as libjpeg decodes JPEG-in-TIFF with Photometric=YCbCr. */
function ycbcrToRgb(bands: Float64Array[], n: number): Uint8Array[] {
  const [yb, cbb, crb] = bands as [Float64Array, Float64Array, Float64Array];
  const r = new Uint8Array(n);
  const g = new Uint8Array(n);
  const b = new Uint8Array(n);
  for (let p = 0; p < n; p++) {
    const y = yb[p]!;
    const cb = cbb[p]! - 128;
    const cr = crb[p]! - 128;
    // Uint8ClampedArray would round; plain Uint8Array wraps, hence the explicit clamp.
    r[p] = clamp255(y + 1.402 * cr);
    g[p] = clamp255(y - 0.344136 * cb - 0.714136 * cr);
    b[p] = clamp255(y + 1.772 * cb);
  }
  return [r, g, b];
}

function paletteToRgb(index: Float64Array, colorMap: ArrayLike<number>, n: number): Uint8Array[] {
  const entries = colorMap.length / 3;
  const rgb = [new Uint8Array(n), new Uint8Array(n), new Uint8Array(n)];
  for (let p = 0; p < n; p++) {
    const k = index[p]!;
    if (k < 0 || k >= entries) continue;
    // TIFF ColorMap entries are 16-bit (0–65535): red block, then green, then blue.
    for (let c = 0; c < 3; c++) rgb[c]![p] = Math.round(colorMap[c * entries + k]! / 257);
  }
  return rgb;
}

const clamp255 = (v: number) => (v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v));
