import { DomainError } from '../errors/domain-error.js';
import { COLORMAP_NAMES, type ColormapName, colormapTable } from './colormap.js';

/**
 * How a tile's pixels become colours (pure): the `bands`, `rescale`, `colormap` and `nodata` query parameters, checked,
 * and the defaults a source gets without them.
 *
 * Defaults: one band → grey; Photometric RGB / YCbCr → bands 1,2,3; four or more bands → 3,2,1 (blue, green, red, NIR
 * order of GF-1/2/6, ZY-3 and Sentinel-2 stacks, so natural colour); 8-bit data as stored; other types (16-bit GF-2 PMS,
 * floats) stretched per band from the 2nd to the 98th percentile of the item (see tile.render.ts for where those come
 * from). A pixel is transparent outside the image, where a mask or alpha band says so, where every displayed band
 * equals nodata, and where a value is NaN.
 */

export interface StyleRequest {
  /** 1-based source bands: one (grey or colour map) or three (RGB) */
  bands?: number[];
  /** value range mapped to 0–255: one for all output bands or one per output band */
  rescale?: [number, number][];
  colormap?: ColormapName;
  /** overrides the source's nodata value (NaN allowed) */
  nodata?: number;
}

/** What the style needs to know of a source. */
export interface SourceBands {
  samplesPerPixel: number;
  /** 8-bit unsigned data is shown as stored; anything else needs a stretch */
  eightBit: boolean;
  /** TIFF Photometric: 2 RGB, 6 YCbCr (both natural colour in bands 1–3) */
  photometric: number;
  /** 0-based band holding alpha (TIFF ExtraSamples 1 or 2), or null */
  alphaBand: number | null;
  nodata: number | null;
}

/** The resolved style the pixel code applies (0-based bands). */
export interface LayerStyle {
  bands: number[];
  alphaBand: number | null;
  nodata: number | null;
  /** per output band: [value shown as 0, value shown as 255] */
  scale: [number, number][];
  /** 256 × RGB lookup table for one output band, null for grey / RGB */
  colormap: Uint8Array | null;
}

const MAX_BAND = 255;

const invalid = (param: string, message: string) =>
  new DomainError('TILE_PARAM_INVALID', { param }, `瓦片参数不合法：${message}`);

/** Parses the query parameters; nothing given → `{}` (the defaults). */
export function parseStyle(q: {
  bands?: string | undefined;
  rescale?: string[] | undefined;
  colormap?: string | undefined;
  nodata?: string | undefined;
}): StyleRequest {
  const r: StyleRequest = {};
  if (q.bands !== undefined) {
    const bands = q.bands.split(',').map((s) => Number(s.trim()));
    if ((bands.length !== 1 && bands.length !== 3) || bands.some((b) => !Number.isInteger(b) || b < 1 || b > MAX_BAND))
      throw invalid('bands', `bands 应为 1 个或 3 个从 1 开始的波段序号（如 3,2,1），收到：${q.bands}`);
    r.bands = bands;
  }
  if (q.rescale?.length) {
    r.rescale = q.rescale.map((s) => {
      const v = s.split(',').map((x) => Number(x.trim()));
      if (v.length !== 2 || !v.every(Number.isFinite) || v[0]! >= v[1]!)
        throw invalid('rescale', `rescale 应为“最小值,最大值”且最小值小于最大值，收到：${s}`);
      return [v[0]!, v[1]!];
    });
    if (r.rescale.length !== 1 && r.rescale.length !== 3)
      throw invalid('rescale', 'rescale 应给出 1 组（所有波段）或每个输出波段各 1 组');
  }
  if (q.colormap !== undefined) {
    if (!(COLORMAP_NAMES as readonly string[]).includes(q.colormap))
      throw invalid('colormap', `不支持的色带：${q.colormap}（支持 ${COLORMAP_NAMES.join('、')}）`);
    r.colormap = q.colormap as ColormapName;
  }
  if (q.nodata !== undefined) {
    const text = q.nodata.trim();
    const v = /^nan$/i.test(text) ? Number.NaN : text === '' ? Number.NaN : Number(text);
    if (!Number.isFinite(v) && !/^nan$/i.test(text))
      throw invalid('nodata', `nodata 应为数值或 nan，收到：${q.nodata}`);
    r.nodata = v;
  }
  if (r.colormap && r.bands?.length === 3) throw invalid('colormap', '色带只能用于单波段输出（bands 只给 1 个波段）');
  if (r.rescale?.length === 3 && r.bands?.length === 1) throw invalid('rescale', '单波段输出只需 1 组 rescale');
  return r;
}

/** A short canonical text of a request, for cache keys and ETags; '' for the defaults. */
export function styleKey(r: StyleRequest): string {
  const parts: string[] = [];
  if (r.bands) parts.push(`b${r.bands.join('.')}`);
  if (r.rescale) parts.push(`r${r.rescale.map(([a, b]) => `${a}_${b}`).join('.')}`);
  if (r.colormap) parts.push(`c${r.colormap}`);
  if (r.nodata !== undefined) parts.push(`n${r.nodata}`);
  return parts.join('~');
}

/** The request as a URL query string ('' for the defaults), e.g. for TileJSON tile templates. */
export function styleQueryString(r: StyleRequest): string {
  const q = new URLSearchParams();
  if (r.bands) q.set('bands', r.bands.join(','));
  for (const [lo, hi] of r.rescale ?? []) q.append('rescale', `${lo},${hi}`);
  if (r.colormap) q.set('colormap', r.colormap);
  if (r.nodata !== undefined) q.set('nodata', String(r.nodata));
  return q.toString();
}

/** The 0-based bands shown: the request's, or the source's defaults. */
export function displayBands(r: StyleRequest, s: SourceBands): number[] {
  if (r.bands) {
    const over = r.bands.find((b) => b > s.samplesPerPixel);
    if (over !== undefined) throw invalid('bands', `波段 ${over} 不存在：该影像共 ${s.samplesPerPixel} 个波段`);
    return r.bands.map((b) => b - 1);
  }
  const data = s.samplesPerPixel - (s.alphaBand === null ? 0 : 1);
  if (data < 3) return [0];
  if (s.photometric === 2 || s.photometric === 6 || data === 3) return [0, 1, 2];
  return [2, 1, 0];
}

/** Whether the shown bands need the item's percentile stretch (no `rescale`, not 8-bit). */
export const needsStretch = (r: StyleRequest, s: SourceBands): boolean => !r.rescale && !s.eightBit;

/**
 * The style for a source. `stretch` holds the 2–98 % range of every source band, needed exactly when `needsStretch`.
 */
export function resolveStyle(
  r: StyleRequest,
  s: SourceBands,
  stretch: readonly (readonly [number, number])[] | null,
): LayerStyle {
  const bands = displayBands(r, s);
  if (r.colormap && bands.length !== 1) throw invalid('colormap', '色带只能用于单波段输出（bands 只给 1 个波段）');
  if (r.rescale && r.rescale.length !== 1 && r.rescale.length !== bands.length)
    throw invalid('rescale', `rescale 应给出 1 组或 ${bands.length} 组`);
  const scale = bands.map((b, i): [number, number] => {
    if (r.rescale) return r.rescale[r.rescale.length === 1 ? 0 : i]!;
    if (s.eightBit) return [0, 255];
    const range = stretch?.[b];
    if (!range) throw new RangeError(`no stretch for band ${b}`);
    return range[1] > range[0] ? [range[0], range[1]] : [range[0], range[0] + 1];
  });
  return {
    bands,
    alphaBand: s.alphaBand,
    nodata: r.nodata ?? s.nodata,
    scale,
    colormap: r.colormap && r.colormap !== 'gray' ? colormapTable(r.colormap) : null,
  };
}

/** z of the normal distribution's 98th percentile: mean ± 2.054 σ stands in for the 2–98 % range. */
const Z98 = 2.054;

/**
 * The 2–98 % range of each band from GDAL's statistics in the GDAL_METADATA tag (`STATISTICS_MINIMUM`, `_MAXIMUM`,
 * `_MEAN`, `_STDDEV` per sample, as `gdalinfo -stats` stores them): mean ± 2.054 σ (exact for a normal distribution),
 * clamped to [minimum, maximum]. Null for a band without all four.
 */
export function stretchFromGdalMetadata(xml: string | null, bands: number): ([number, number] | null)[] {
  const stats = Array.from({ length: bands }, () => new Map<string, number>());
  for (const m of (xml ?? '').matchAll(/<Item\s+name="STATISTICS_(\w+)"\s+sample="(\d+)"[^>]*>([^<]*)<\/Item>/g)) {
    const v = Number(m[3]);
    if (Number.isFinite(v)) stats[Number(m[2])]?.set(m[1]!, v);
  }
  return stats.map((s) => {
    const [min, max, mean, sd] = ['MINIMUM', 'MAXIMUM', 'MEAN', 'STDDEV'].map((k) => s.get(k));
    if (min === undefined || max === undefined || mean === undefined || sd === undefined) return null;
    return [Math.max(min, mean - Z98 * sd), Math.min(max, mean + Z98 * sd)];
  });
}
