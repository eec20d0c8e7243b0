import type { GeoTIFF, ImageFileDirectory } from 'geotiff';
import { DomainError } from '../errors/domain-error.js';
import { crsFromGeoKeys, type GeoKeys } from './crs.rules.js';
import type { AxisUnit, GeoTransform } from './footprint.rules.js';
import { TiffStructureError, withGeoTiff } from './tiff-source.js';

/**
 * Reads what catalogue ingest needs from a GeoTIFF's header — size, bands, type, nodata, layout, CRS and
 * geotransform — without decoding pixels. From a path only the IFDs and the block offset tables are read, so a
 * multi-GB scene costs a few KiB of I/O.
 */

export type RasterDataType = 'uint8' | 'uint16' | 'int16' | 'uint32' | 'int32' | 'float32' | 'float64';
export type Photometric = 'min-is-white' | 'min-is-black' | 'rgb' | 'palette' | 'cmyk' | 'ycbcr' | 'other';

export interface CogCheck {
  ok: boolean;
  /** Chinese, one line per problem, e.g. 「未分块（strip 存储）」. */
  problems: string[];
}

/** One reduced-resolution copy of the image stored in the same file. */
export interface OverviewLevel {
  /** Index of its IFD in the file (0 is the full-resolution image). */
  ifd: number;
  width: number;
  height: number;
}

/** Structure of the raster, valid with or without georeference. */
export interface RasterLayout {
  width: number;
  height: number;
  bandCount: number;
  dataType: RasterDataType;
  /** GDAL_NODATA value shared by all bands; NaN for float rasters whose nodata is NaN. */
  nodata: number | null;
  compression: string;
  photometric: Photometric;
  /** PlanarConfiguration: 'pixel' = bands interleaved per pixel (chunky), 'band' = one plane per band (separate). */
  interleave: 'pixel' | 'band';
  tiled: boolean;
  tileWidth: number | null;
  tileHeight: number | null;
  overviewCount: number;
  /** Internal overviews, largest first. */
  overviews: OverviewLevel[];
  cog: CogCheck;
  fileSize: number;
}

export type RasterType = 'area' | 'point';

/** A raster ingest can catalogue: layout plus an EPSG CRS and an affine georeference. */
export interface RasterHeader extends RasterLayout {
  epsg: number;
  /** GDAL order [c, a, b, f, d, e] (see footprint.rules.ts), pixel-corner based whatever RasterTypeGeoKey says. */
  geoTransform: GeoTransform;
  axisUnit: AxisUnit;
  /** RasterTypeGeoKey as written: PixelIsPoint files are shifted by half a pixel into `geoTransform`. */
  rasterType: RasterType;
}

/** Everything read from the file, before the georeference is required (tests, and "what did we find" messages). */
export interface RasterProbe extends RasterLayout {
  geoKeys: GeoKeys | null;
  geoTransform: GeoTransform | null;
  /** Number of tie points when they are ground control points rather than one origin + pixel scale. */
  gcpCount: number;
  rasterType: RasterType;
}

/**
 * Header of a georeferenced GeoTIFF. Throws DomainError: INGEST_TIFF_CORRUPT (not a TIFF, truncated, damaged
 * offsets), INGEST_UNSUPPORTED (pixel type, GCP-only georeference), INGEST_NO_GEOREFERENCE, INGEST_UNKNOWN_CRS.
 */
export async function readRasterHeader(input: string | ArrayBuffer): Promise<RasterHeader> {
  return requireGeoreference(await probeRaster(input));
}

/** Reads the structure and whatever georeference the file has, requiring neither. */
export async function probeRaster(input: string | ArrayBuffer): Promise<RasterProbe> {
  return withGeoTiff(input, async (tiff, fileSize) => {
    const ifds = await readIfds(tiff, fileSize);
    const main = ifds[0]!;
    const overviewIfds = overviewsOf(ifds);
    const ghost = await tiff.getGhostValues().catch(() => null);
    const image = await tiff.getImage(0);
    const geoKeys = plainGeoKeys(image.getGeoKeys());
    const rasterType: RasterType = geoKeys?.GTRasterTypeGeoKey === RASTER_PIXEL_IS_POINT ? 'point' : 'area';
    const fd = image.getFileDirectory();
    const georef = geoTransformFromTags(
      {
        pixelScale: numbers(await fd.loadValue('ModelPixelScale')),
        tiepoints: numbers(await fd.loadValue('ModelTiepoint')),
        transformation: numbers(await fd.loadValue('ModelTransformation')),
      },
      rasterType,
    );
    return {
      width: main.width,
      height: main.height,
      bandCount: main.samplesPerPixel,
      dataType: dataTypeOf(main),
      nodata: parseGdalNodata(await fd.loadValue('GDAL_NODATA')),
      compression: compressionName(main.compression),
      photometric: photometricName(main.photometric),
      interleave: main.planar === 2 ? 'band' : 'pixel',
      tiled: main.tiled,
      tileWidth: main.tiled ? main.blockWidth : null,
      tileHeight: main.tiled ? main.blockHeight : null,
      overviewCount: overviewIfds.length,
      overviews: overviewIfds.map((i) => ({ ifd: i.index, width: i.width, height: i.height })),
      cog: checkCogLayout(ifds, ghost),
      fileSize,
      geoKeys,
      geoTransform: georef.geoTransform,
      gcpCount: georef.gcpCount,
      rasterType,
    };
  });
}

/** Pure: turns a probe into a catalogue-ready header or throws the ingest error that says why it cannot be. */
export function requireGeoreference(probe: RasterProbe): RasterHeader {
  const { geoKeys, geoTransform, gcpCount, ...layout } = probe;
  if (!geoTransform) {
    if (gcpCount > 0) {
      throw new DomainError(
        'INGEST_UNSUPPORTED',
        { gcpCount },
        `影像仅有 ${gcpCount} 个地面控制点（GCP）而没有仿射坐标变换，暂不支持：请先进行几何校正（正射/配准）后再汇交`,
      );
    }
    throw new DomainError(
      'INGEST_NO_GEOREFERENCE',
      { reason: 'no ModelTransformation, no ModelTiepoint + ModelPixelScale' },
      '影像没有地理参考信息：缺少坐标变换（ModelTransformation）或原点与像元大小（ModelTiepoint + ModelPixelScale）',
    );
  }
  const { epsg, axisUnit } = crsFromGeoKeys(geoKeys);
  return { ...layout, epsg, geoTransform, axisUnit };
}

// ---------------------------------------------------------------------------------------------------------------
// Georeference

const RASTER_PIXEL_IS_POINT = 2;

/**
 * GDAL geotransform from the GeoTIFF model tags (pure), following GDAL's rules:
 * - ModelTransformation (4×4, row-major) wins: x = m0·col + m1·row + m3, y = m4·col + m5·row + m7 — the only
 *   form that can express rotation or shear (rotated.tif).
 * - Else one tie point (I, J, K → X, Y, Z) plus ModelPixelScale (Sx, Sy): x = X + (col − I)·Sx,
 *   y = Y − (row − J)·Sy (rows go south).
 * - Several tie points without a pixel scale are ground control points: no affine transform (gcpCount > 0).
 * PixelIsPoint rasters tie the *centre* of pixel (0, 0) to the model point; the result is shifted half a pixel so
 * the transform always addresses pixel corners (GDAL's default, GTIFF_POINT_GEO_IGNORE=NO).
 * Returns null as well for non-finite or singular (zero-area pixel) transforms.
 */
export function geoTransformFromTags(
  tags: {
    pixelScale?: readonly number[] | undefined;
    tiepoints?: readonly number[] | undefined;
    transformation?: readonly number[] | undefined;
  },
  rasterType: RasterType,
): { geoTransform: GeoTransform | null; gcpCount: number } {
  const { pixelScale: s, tiepoints: t, transformation: m } = tags;
  let gt: [number, number, number, number, number, number] | null = null;
  let gcpCount = 0;
  if (m && m.length >= 16) {
    gt = [m[3]!, m[0]!, m[1]!, m[7]!, m[4]!, m[5]!];
  } else if (t && t.length >= 6 && s && s.length >= 2) {
    const [i, j, , x, y] = t as [number, number, number, number, number];
    const [sx, sy] = s as [number, number];
    gt = [x - i * sx, sx, 0, y + j * sy, 0, -sy];
  } else if (t && t.length >= 6) {
    gcpCount = Math.floor(t.length / 6);
  }
  if (gt && rasterType === 'point') {
    gt[0] -= 0.5 * (gt[1] + gt[2]);
    gt[3] -= 0.5 * (gt[4] + gt[5]);
  }
  if (gt && (!gt.every(Number.isFinite) || gt[1] * gt[5] - gt[2] * gt[4] === 0)) gt = null;
  return { geoTransform: gt, gcpCount };
}

/** GDAL_NODATA is ASCII ("0", "-9999", "nan", "-inf"), NUL-terminated; one value for all bands. */
export function parseGdalNodata(raw: unknown): number | null {
  if (typeof raw !== 'string') return null;
  const s = raw.replace(/\0/g, '').trim();
  if (s === '') return null;
  if (/^[+-]?nan$/i.test(s)) return Number.NaN;
  if (/^\+?inf(inity)?$/i.test(s)) return Number.POSITIVE_INFINITY;
  if (/^-inf(inity)?$/i.test(s)) return Number.NEGATIVE_INFINITY;
  const v = Number(s);
  return Number.isNaN(v) ? null : v;
}

function plainGeoKeys(keys: Record<string, unknown> | null): GeoKeys | null {
  if (!keys) return null;
  const out: GeoKeys = {};
  for (const [k, v] of Object.entries(keys)) {
    if (k === 'undefined') continue; // a key id geotiff.js has no name for
    out[k] = ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : v;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// IFD structure

const SUBFILE_REDUCED = 1; // NewSubfileType bit 0: reduced-resolution copy (overview)
const SUBFILE_MASK = 4; // bit 2: transparency mask
const MAX_IFDS = 256;

/** What ingest needs from one IFD; block = tile, or strip (full width × RowsPerStrip). */
export interface TiffIfd {
  index: number;
  /** Byte offset of the IFD itself. */
  offset: number;
  subfileType: number;
  width: number;
  height: number;
  samplesPerPixel: number;
  bitsPerSample: number[];
  sampleFormat: number[];
  compression: number;
  photometric: number;
  planar: 1 | 2;
  tiled: boolean;
  blockWidth: number;
  blockHeight: number;
  blockOffsets: number[];
  blockByteCounts: number[];
}

/** Walks the IFD chain, refusing loops, offsets outside the file and block tables that point past its end. */
export async function readIfds(tiff: GeoTIFF, fileSize: number): Promise<TiffIfd[]> {
  const out: TiffIfd[] = [];
  const seen = new Set<number>();
  let offset = tiff.firstIFDOffset;
  for (let index = 0; ; index++) {
    if (index >= MAX_IFDS) throw new TiffStructureError(`IFD 数量超过 ${MAX_IFDS}，IFD 链可能已损坏`);
    if (!Number.isSafeInteger(offset) || offset < 8 || offset >= fileSize) {
      throw new TiffStructureError('IFD 偏移量超出文件范围（文件被截断或偏移量损坏）', {
        ifd: index,
        offset,
        fileSize,
      });
    }
    if (seen.has(offset)) throw new TiffStructureError('IFD 链存在循环', { ifd: index, offset });
    seen.add(offset);
    const ifd = await tiff.requestIFD(index);
    out.push(await summariseIfd(ifd, index, offset, fileSize));
    if (!ifd.nextIFDByteOffset) break;
    offset = ifd.nextIFDByteOffset;
  }
  return out;
}

type TagId = Parameters<ImageFileDirectory['loadValue']>[0];

async function summariseIfd(fd: ImageFileDirectory, index: number, offset: number, fileSize: number): Promise<TiffIfd> {
  const get = async (tag: TagId) => numbers(await fd.loadValue(tag));
  const first = async (tag: TagId) => (await get(tag))?.[0];
  const width = await first('ImageWidth');
  const height = await first('ImageLength');
  const where = { ifd: index };
  if (!isPositiveInt(width) || !isPositiveInt(height)) {
    throw new TiffStructureError('影像宽高缺失或无效', { ...where, width, height });
  }
  const samplesPerPixel = (await first('SamplesPerPixel')) ?? 1;
  if (!isPositiveInt(samplesPerPixel) || samplesPerPixel > 4096) {
    throw new TiffStructureError('波段数无效', { ...where, samplesPerPixel });
  }
  const bitsPerSample = (await get('BitsPerSample')) ?? [1];
  const sampleFormat = (await get('SampleFormat')) ?? [1];
  const planarRaw = (await first('PlanarConfiguration')) ?? 1;
  if (planarRaw !== 1 && planarRaw !== 2) throw new TiffStructureError('PlanarConfiguration 无效', where);
  const planar: 1 | 2 = planarRaw;
  const tiled = fd.hasTag('TileWidth') || fd.hasTag('TileOffsets');
  let blockWidth: number;
  let blockHeight: number;
  let blockOffsets: number[] | undefined;
  let blockByteCounts: number[] | undefined;
  let blocksPerPlane: number;
  if (tiled) {
    blockWidth = (await first('TileWidth')) ?? 0;
    blockHeight = (await first('TileLength')) ?? 0;
    if (!isPositiveInt(blockWidth) || !isPositiveInt(blockHeight)) {
      throw new TiffStructureError('分块尺寸无效', { ...where, blockWidth, blockHeight });
    }
    blockOffsets = await get('TileOffsets');
    blockByteCounts = await get('TileByteCounts');
    blocksPerPlane = Math.ceil(width / blockWidth) * Math.ceil(height / blockHeight);
  } else {
    // TIFF default RowsPerStrip is 2^32 − 1, i.e. one strip for the whole image.
    const rows = (await first('RowsPerStrip')) ?? height;
    if (!isPositiveInt(rows)) throw new TiffStructureError('RowsPerStrip 无效', { ...where, rows });
    blockWidth = width;
    blockHeight = Math.min(rows, height);
    blockOffsets = await get('StripOffsets');
    blockByteCounts = await get('StripByteCounts');
    blocksPerPlane = Math.ceil(height / blockHeight);
  }
  const expected = blocksPerPlane * (planar === 2 ? samplesPerPixel : 1);
  if (!blockOffsets || !blockByteCounts || blockOffsets.length !== expected || blockByteCounts.length !== expected) {
    throw new TiffStructureError('数据块偏移表缺失或数量不符', {
      ...where,
      expected,
      offsets: blockOffsets?.length ?? 0,
      byteCounts: blockByteCounts?.length ?? 0,
    });
  }
  for (let b = 0; b < expected; b++) {
    const o = blockOffsets[b]!;
    const n = blockByteCounts[b]!;
    // A zero-length block at offset 0 is a sparse (never written) block, which GDAL allows.
    if (n === 0) continue;
    if (!Number.isSafeInteger(o) || !Number.isSafeInteger(n) || o < 8 || n < 0 || o + n > fileSize) {
      throw new TiffStructureError('数据块超出文件末尾（文件被截断或偏移量损坏）', {
        ...where,
        block: b,
        offset: o,
        byteCount: n,
        fileSize,
      });
    }
  }
  return {
    index,
    offset,
    subfileType: (await first('NewSubfileType')) ?? 0,
    width,
    height,
    samplesPerPixel,
    bitsPerSample,
    sampleFormat,
    compression: (await first('Compression')) ?? 1,
    photometric: (await first('PhotometricInterpretation')) ?? (samplesPerPixel >= 3 ? 2 : 1),
    planar,
    tiled,
    blockWidth,
    blockHeight,
    blockOffsets,
    blockByteCounts,
  };
}

/**
 * Internal overviews of the first (full-resolution) image: later IFDs flagged reduced-resolution, not transparency
 * masks (GDAL writes a mask and its own overviews next to the imagery), with the same band count.
 */
function overviewsOf(ifds: readonly TiffIfd[]): TiffIfd[] {
  const main = ifds[0];
  return ifds.filter(
    (i) =>
      i.index > 0 &&
      (i.subfileType & SUBFILE_REDUCED) !== 0 &&
      (i.subfileType & SUBFILE_MASK) === 0 &&
      i.samplesPerPixel === main?.samplesPerPixel,
  );
}

const isPositiveInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;

/** Tag values come as numbers, typed arrays, plain arrays (LONG8) or strings; numbers only here. */
function numbers(v: unknown): number[] | undefined {
  if (typeof v === 'number') return [v];
  if (typeof v === 'bigint') return [Number(v)];
  if (Array.isArray(v) || ArrayBuffer.isView(v)) return Array.from(v as ArrayLike<number | bigint>, Number);
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Pixel type, compression, photometric

/** `${SampleFormat}:${BitsPerSample}` → type; SampleFormat 1 = unsigned, 2 = signed, 3 = IEEE float. */
const DATA_TYPES: Record<string, RasterDataType> = {
  '1:8': 'uint8',
  '1:16': 'uint16',
  '2:16': 'int16',
  '1:32': 'uint32',
  '2:32': 'int32',
  '3:32': 'float32',
  '3:64': 'float64',
};

const SAMPLE_FORMAT_ZH: Record<number, string> = {
  1: '无符号整数',
  2: '有符号整数',
  3: '浮点',
  5: '复数整数',
  6: '复数浮点',
};

/** Maps (SampleFormat, BitsPerSample) of every band to one supported type, or INGEST_UNSUPPORTED. */
export function dataTypeOf(ifd: Pick<TiffIfd, 'bitsPerSample' | 'sampleFormat' | 'samplesPerPixel'>): RasterDataType {
  const bits = new Set(ifd.bitsPerSample);
  const formats = new Set(ifd.sampleFormat);
  const b = ifd.bitsPerSample[0]!;
  const f = ifd.sampleFormat[0]!;
  const type = bits.size === 1 && formats.size === 1 ? DATA_TYPES[`${f}:${b}`] : undefined;
  if (type) return type;
  const desc =
    bits.size === 1 && formats.size === 1 ? `${b} 位${SAMPLE_FORMAT_ZH[f] ?? `格式 ${f}`}` : '各波段像元类型不一致';
  throw new DomainError(
    'INGEST_UNSUPPORTED',
    { bitsPerSample: ifd.bitsPerSample, sampleFormat: ifd.sampleFormat },
    `不支持的像元类型（${desc}）：仅支持 8/16/32 位整数与 32/64 位浮点影像`,
  );
}

const COMPRESSION_NAMES: Record<number, string> = {
  1: 'none',
  2: 'ccitt-rle',
  3: 'ccitt-fax3',
  4: 'ccitt-fax4',
  5: 'lzw',
  6: 'ojpeg',
  7: 'jpeg',
  8: 'deflate',
  32946: 'deflate',
  32773: 'packbits',
  34712: 'jpeg2000',
  34887: 'lerc',
  34925: 'lzma',
  50000: 'zstd',
  50001: 'webp',
  50002: 'jxl',
};

export const compressionName = (code: number): string => COMPRESSION_NAMES[code] ?? `unknown-${code}`;

function photometricName(code: number): Photometric {
  return (
    (
      { 0: 'min-is-white', 1: 'min-is-black', 2: 'rgb', 3: 'palette', 5: 'cmyk', 6: 'ycbcr' } as Record<
        number,
        Photometric
      >
    )[code] ?? 'other'
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Cloud-Optimised GeoTIFF layout

/** Images larger than this (pixels, longest side) need overviews to be browsable as a COG (GDAL's default). */
const COG_OVERVIEW_THRESHOLD = 512;

/**
 * A reasonable COG layout check (pure) — what a range-reading client relies on, following the GDAL COG driver:
 * the full-resolution image and its overviews are tiled; larger than 512 px has overviews, each smaller than the
 * previous; all IFDs precede the pixel data (one header read lists every tile); pixel data goes from the smallest
 * overview to the full resolution; tiles of each level are in row-major order. Transparency masks are not checked
 * for order (GDAL interleaves them in different ways across versions). GDAL's "ghost" header, when present, must
 * not say the file was edited after it was written as a COG.
 */
export function checkCogLayout(ifds: readonly TiffIfd[], ghost?: Record<string, unknown> | null): CogCheck {
  const problems: string[] = [];
  const main = ifds[0];
  if (!main) return { ok: false, problems: ['文件中没有影像'] };
  const overviews = overviewsOf(ifds);
  if (!main.tiled) problems.push('未分块（strip 存储）');
  if (overviews.some((o) => !o.tiled)) problems.push('金字塔（overview）未分块');
  if (Math.max(main.width, main.height) > COG_OVERVIEW_THRESHOLD && overviews.length === 0) {
    problems.push('缺少金字塔（overview）');
  }
  const levels = [main, ...overviews];
  if (levels.some((l, k) => k > 0 && (l.width >= levels[k - 1]!.width || l.height >= levels[k - 1]!.height))) {
    problems.push('金字塔层级未按分辨率由高到低排列');
  }
  const firstData = ifds.reduce((m, i) => Math.min(m, dataStart(i)), Number.POSITIVE_INFINITY);
  if (Number.isFinite(firstData) && ifds.some((i) => i.offset > firstData)) {
    problems.push('IFD 未全部位于文件头部（应在影像数据之前）');
  }
  if (levels.some((l, k) => k > 0 && dataStart(l) > dataStart(levels[k - 1]!))) {
    problems.push('影像数据未按“小金字塔在前、全分辨率在后”的顺序存放');
  }
  if (levels.some((l) => !writtenBlocksAscending(l))) {
    problems.push('分块数据未按行优先顺序存放');
  }
  if (typeof ghost?.KNOWN_INCOMPATIBLE_EDITION === 'string' && ghost.KNOWN_INCOMPATIBLE_EDITION === 'YES') {
    problems.push('文件生成 COG 后被修改（KNOWN_INCOMPATIBLE_EDITION=YES）');
  }
  return { ok: problems.length === 0, problems };
}

/** Offset of the first written (non-sparse) block; loops, not Math.min(...), since tables can hold 10⁵+ entries. */
function dataStart(ifd: TiffIfd): number {
  let min = Number.POSITIVE_INFINITY;
  ifd.blockOffsets.forEach((o, b) => {
    if (ifd.blockByteCounts[b]! > 0 && o < min) min = o;
  });
  return min;
}

function writtenBlocksAscending(ifd: TiffIfd): boolean {
  let last = -1;
  for (let b = 0; b < ifd.blockOffsets.length; b++) {
    if (ifd.blockByteCounts[b]! === 0) continue;
    if (ifd.blockOffsets[b]! < last) return false;
    last = ifd.blockOffsets[b]!;
  }
  return true;
}
