import { open, rm } from 'node:fs/promises';
import { promisify } from 'node:util';
import { deflate } from 'node:zlib';
import sharp from 'sharp';
import {
  type CogLevel,
  cogLevels,
  GHOST_AREA,
  type HeaderPlan,
  isInline,
  maxTileBytes,
  needsBigTiff,
  planHeader,
  type TagShape,
  TIFF_TYPES,
  TILE_FRAME_BYTES,
  type TiffType,
  tileCount,
  tileWriteOrder,
} from './cog-layout.rules.js';
import { lzwEncode } from './lzw.js';

/**
 * A small Cloud-Optimised GeoTIFF writer (pure Node, sharp for JPEG): classic little-endian TIFF (BigTIFF only when
 * the file could pass 4 GiB), tiled, with internal overviews, laid out as cog-layout.rules.ts describes, so that
 * raster-header.ts `checkCogLayout` and the GDAL COG validator accept it.
 *
 * Pixels come from a callback per tile and level, so a 20,000 × 20,000 px raster is written with only a window of
 * tiles in memory; the caller draws the overviews (a procedural texture renders any scale directly; a real raster
 * is downsampled by the caller).
 *
 * JPEG: each tile is a complete baseline JPEG stream (no JPEGTables), 4:2:0, stored as Photometric YCbCr with
 * YCbCrSubSampling 2×2 — what GDAL writes. libtiff/libvips convert it to RGB, geotiff.js `readRGB` does, and a raw-tile
 * reader (@cogeotiff/core, a browser) hands the bytes to a JPEG decoder, which yields RGB. Photometric RGB would be
 * wrong: libtiff and geotiff.js would then return the stream's YCbCr samples as if they were RGB.
 * Deflate (zlib, Adobe Deflate = 8) or LZW (5), optionally after horizontal differencing (Predictor 2) or, for floats,
 * the floating-point predictor (3): lossless, 1+ bands of uint8, uint16, int16 or float32.
 * WebP (50001, GDAL's codec): lossless, three or four uint8 bands (RGB, RGBA).
 * `writeCog` can add GDAL internal transparency masks (one 1-bit mask IFD per level, deflated, NewSubfileType 4 / 5).
 */

export interface CogFormat {
  width: number;
  height: number;
  /** Tile side in pixels (GDAL's COG default is 512). */
  tileSize?: 256 | 512;
  compression: 'jpeg' | 'deflate' | 'lzw' | 'webp';
  /** JPEG quality 1–100; default 75, GDAL's JPEG_QUALITY. */
  quality?: number;
  /** Deflate only: samples per pixel (default 3). JPEG is always three 8-bit bands. */
  bands?: number;
  /** Deflate and LZW (default uint8; samples little-endian in the raw tiles). */
  dataType?: 'uint8' | 'uint16' | 'int16' | 'float32';
  /** Deflate and LZW: TIFF Predictor 2 (`true` or 2, horizontal differencing) or 3 (floating point, float32 only). */
  predictor?: boolean | 2 | 3;
  /** Per band: written as GDAL's statistics (GDAL_METADATA STATISTICS_*), as `gdalinfo -stats` stores them. */
  statistics?: readonly BandStatistics[];
  /** Deflate only: the last band is an alpha mask (ExtraSamples 2, unassociated alpha), e.g. outside an area clip. */
  alpha?: boolean;
}

export interface BandStatistics {
  minimum: number;
  maximum: number;
  mean: number;
  stdDev: number;
}

/** Geographic (GTModelType 2, axes lon/lat in degrees) or projected in metres (GTModelType 1), EPSG-coded. */
export interface CogCrs {
  kind: 'geographic' | 'projected';
  epsg: number;
}

/** North-up georeference, PixelIsArea. */
export interface CogGeoreference {
  crs: CogCrs;
  /** Outer corner of the upper-left pixel: [lon, lat] in degrees (geographic) or [easting, northing] in metres. */
  origin: [number, number];
  /** Pixel width and height in CRS units, both positive (rows go south). */
  pixelSize: [number, number];
  /** Written as GDAL_NODATA (one value for all bands). */
  nodata?: number | null;
}

/**
 * Raw pixels of one tile: tileSize × tileSize, samples interleaved per pixel (uint16 little-endian). Right and bottom
 * edge tiles are full-size too; repeat the edge pixels into the padding (zeros would make JPEG ring at the edge).
 * Called concurrently for several tiles.
 */
export type RawTileSource = (level: number, col: number, row: number) => Promise<Buffer> | Buffer;

/** A GDAL transparency mask tile: tileSize × tileSize bytes, 0 = no data, anything else = data. */
export type MaskTileSource = (level: number, col: number, row: number) => Promise<Uint8Array> | Uint8Array;

interface Format {
  width: number;
  height: number;
  tileSize: number;
  compression: CogFormat['compression'];
  quality: number;
  bands: number;
  bytesPerSample: 1 | 2 | 4;
  /** TIFF SampleFormat: 1 unsigned, 2 signed, 3 float */
  sampleFormat: 1 | 2 | 3;
  predictor: 1 | 2 | 3;
  statistics: readonly BandStatistics[] | null;
  alpha: boolean;
  rawTileBytes: number;
}

/** Encoded tiles of a raster, held in memory: `tiles[level][row · tilesAcross + col]`. */
export interface EncodedCog {
  format: Format;
  levels: CogLevel[];
  tiles: Buffer[][];
}

export interface CogWriteResult {
  bytes: number;
  bigTiff: boolean;
  levels: CogLevel[];
}

/** Tiles encoded at once: keeps libvips' and zlib's threads busy with a few hundred KiB to a few MiB in flight. */
const DEFAULT_CONCURRENCY = 8;

/**
 * Streams a COG to `path`: reserves the header, writes the tiles in COG order as they are encoded, then fills in the
 * IFDs with the real tile offsets. A failed write removes the partial file. `bigTiff` overrides the automatic choice
 * (BigTIFF when the worst-case size passes 4 GiB); a classic file that would overflow anyway fails loudly.
 */
export async function writeCog(
  path: string,
  format: CogFormat,
  geo: CogGeoreference,
  tile: RawTileSource,
  options: { bigTiff?: boolean; concurrency?: number; mask?: MaskTileSource } = {},
): Promise<CogWriteResult> {
  const f = resolveFormat(format);
  const levels = cogLevels(f.width, f.height, f.tileSize);
  const { mask } = options;
  // Mask IFDs follow the imagery IFDs, one per level: block table levels.length + k is level k's mask.
  const blocks = emptyBlocks(mask ? [...levels, ...levels] : levels);
  const tiles = levels.reduce((n, l) => n + tileCount(l), 0) * (mask ? 2 : 1);
  const worstCase =
    planFor(f, levels, geo, blocks, true).dataStart + tiles * maxTileBytes(f.compression, f.rawTileBytes);
  const bigTiff = options.bigTiff ?? needsBigTiff(worstCase);
  const plan = planFor(f, levels, geo, blocks, bigTiff);
  const fh = await open(path, 'w');
  let written = false;
  try {
    let pos = plan.dataStart;
    // Each level's mask tile right after its imagery tile (GDAL's MASK_INTERLEAVED_WITH_IMAGERY order).
    const order = [...tileWriteOrder(levels)].flatMap((t) => (mask ? [t, { ...t, mask: true }] : [t]));
    const encoded = inOrder(order, options.concurrency ?? DEFAULT_CONCURRENCY, async (t) =>
      'mask' in t && mask
        ? encodeMaskTile(f, await mask(t.level, t.col, t.row))
        : encodeTile(f, await tile(t.level, t.col, t.row)),
    );
    for await (const [t, bytes] of encoded) {
      const { level, col, row } = t;
      if (!bigTiff && needsBigTiff(pos + bytes.length + TILE_FRAME_BYTES)) {
        throw new RangeError(`COG passes 4 GiB at level ${level} tile ${col},${row}: write it with bigTiff: true`);
      }
      await fh.writev(frame(bytes), pos);
      pos = record(blocks, levels, t, pos, bytes.length, 'mask' in t ? levels.length + level : level);
    }
    const header = encodeHeader(plan, ifdTagsAll(f, levels, geo, blocks, bigTiff));
    await fh.write(header, 0, header.length, 0);
    written = true;
    return { bytes: pos, bigTiff, levels };
  } finally {
    await fh.close();
    if (!written) await rm(path, { force: true });
  }
}

/**
 * Encodes every tile of a (small) raster once. With `assembleCog` the same tiles become many files that differ only
 * in their georeference — the demo catalogue writes hundreds of COGs from a handful of textures this way.
 */
export async function encodeCogTiles(
  format: CogFormat,
  tile: RawTileSource,
  options: { concurrency?: number } = {},
): Promise<EncodedCog> {
  const f = resolveFormat(format);
  const levels = cogLevels(f.width, f.height, f.tileSize);
  const tiles = levels.map((l) => new Array<Buffer>(tileCount(l)));
  const encoded = inOrder(tileWriteOrder(levels), options.concurrency ?? DEFAULT_CONCURRENCY, async (t) =>
    encodeTile(f, await tile(t.level, t.col, t.row)),
  );
  for await (const [{ level, col, row }, bytes] of encoded)
    tiles[level]![row * levels[level]!.tilesAcross + col] = bytes;
  return { format: f, levels, tiles };
}

/** The whole COG file in memory from encoded tiles and a georeference (exact size known: BigTIFF only if needed). */
export function assembleCog(encoded: EncodedCog, geo: CogGeoreference, options: { bigTiff?: boolean } = {}): Buffer {
  const { format: f, levels, tiles } = encoded;
  const blocks = emptyBlocks(levels);
  const dataBytes = tiles.reduce((n, level) => level.reduce((m, t) => m + t.length + TILE_FRAME_BYTES, n), 0);
  const bigTiff = options.bigTiff ?? needsBigTiff(planFor(f, levels, geo, blocks, false).dataStart + dataBytes);
  const plan = planFor(f, levels, geo, blocks, bigTiff);
  const ordered: Buffer[] = [];
  let pos = plan.dataStart;
  for (const t of tileWriteOrder(levels)) {
    const bytes = tiles[t.level]![t.row * levels[t.level]!.tilesAcross + t.col]!;
    ordered.push(...frame(bytes));
    pos = record(blocks, levels, t, pos, bytes.length);
  }
  return Buffer.concat([encodeHeader(plan, ifdTagsAll(f, levels, geo, blocks, bigTiff)), ...ordered], pos);
}

/** A tile as stored: GDAL's leader (byte count, uint32 LE), the data, GDAL's trailer (the data's last 4 bytes). */
function frame(bytes: Buffer): Buffer[] {
  const leader = Buffer.alloc(4);
  leader.writeUInt32LE(bytes.length);
  return [leader, bytes, bytes.subarray(-4)];
}

/** Notes where a framed tile written at `pos` keeps its data; returns the position after its trailer. */
function record(
  blocks: Blocks,
  levels: readonly CogLevel[],
  t: { level: number; col: number; row: number },
  pos: number,
  length: number,
  table = t.level,
): number {
  const i = t.row * levels[t.level]!.tilesAcross + t.col;
  blocks.offsets[table]![i] = pos + 4;
  blocks.byteCounts[table]![i] = length;
  return pos + length + TILE_FRAME_BYTES;
}

// ---------------------------------------------------------------------------------------------------------------
// Pixel format and tile encoding

function resolveFormat(c: CogFormat): Format {
  const jpeg = c.compression === 'jpeg';
  const tileSize = c.tileSize ?? 512;
  const bands = c.bands ?? 3;
  const dataType = c.dataType ?? 'uint8';
  const quality = c.quality ?? 75;
  if (tileSize !== 256 && tileSize !== 512) throw new RangeError(`tileSize must be 256 or 512, got ${tileSize}`);
  if (!Number.isInteger(bands) || bands < 1 || bands > 255) throw new RangeError(`bands must be 1..255, got ${bands}`);
  if (jpeg && (bands !== 3 || dataType !== 'uint8' || c.predictor || c.alpha)) {
    throw new RangeError('JPEG COGs are three uint8 bands without predictor or alpha');
  }
  if (c.alpha && bands < 2) throw new RangeError('an alpha band needs at least one colour band before it');
  if (!Number.isInteger(quality) || quality < 1 || quality > 100) {
    throw new RangeError(`quality must be an integer 1..100, got ${quality}`);
  }
  const predictor = c.predictor === true ? 2 : c.predictor === false || c.predictor === undefined ? 1 : c.predictor;
  if (c.compression === 'webp' && ((bands !== 3 && bands !== 4) || dataType !== 'uint8' || predictor !== 1)) {
    throw new RangeError('WebP COGs are three or four uint8 bands without predictor');
  }
  if ((predictor === 3) !== (dataType === 'float32') && predictor !== 1) {
    throw new RangeError('predictor 3 is for float32 samples, predictor 2 for integers');
  }
  if (c.statistics && c.statistics.length !== bands) throw new RangeError('statistics need one entry per band');
  const bytesPerSample = dataType === 'float32' ? 4 : dataType === 'uint8' ? 1 : 2;
  return {
    width: c.width,
    height: c.height,
    tileSize,
    compression: c.compression,
    quality,
    bands,
    bytesPerSample,
    sampleFormat: dataType === 'float32' ? 3 : dataType === 'int16' ? 2 : 1,
    predictor,
    statistics: c.statistics ?? null,
    alpha: c.alpha === true,
    rawTileBytes: tileSize * tileSize * bands * bytesPerSample,
  };
}

const deflateAsync = promisify(deflate);

async function encodeTile(f: Format, raw: Buffer): Promise<Buffer> {
  if (raw.length !== f.rawTileBytes) {
    throw new RangeError(`a ${f.tileSize} px tile has ${f.rawTileBytes} raw bytes, got ${raw.length}`);
  }
  if (f.compression === 'jpeg') {
    return sharp(raw, { raw: { width: f.tileSize, height: f.tileSize, channels: 3 } })
      .jpeg({ quality: f.quality, chromaSubsampling: '4:2:0' })
      .toBuffer();
  }
  if (f.compression === 'webp') {
    return sharp(raw, { raw: { width: f.tileSize, height: f.tileSize, channels: f.bands as 3 | 4 } })
      .webp({ lossless: true })
      .toBuffer();
  }
  const predicted =
    f.predictor === 2 ? horizontalDifferences(raw, f) : f.predictor === 3 ? floatingPointDifferences(raw, f) : raw;
  return f.compression === 'lzw' ? Buffer.from(lzwEncode(predicted)) : deflateAsync(predicted);
}

/** A GDAL mask tile: 1 bit per pixel, most significant bit first, rows padded to whole bytes, deflated. */
function encodeMaskTile(f: Pick<Format, 'tileSize'>, mask: Uint8Array): Promise<Buffer> {
  if (mask.length !== f.tileSize * f.tileSize) throw new RangeError(`a mask tile has ${f.tileSize ** 2} pixels`);
  const rowBytes = Math.ceil(f.tileSize / 8);
  const bits = Buffer.alloc(rowBytes * f.tileSize);
  for (let y = 0; y < f.tileSize; y++) {
    for (let x = 0; x < f.tileSize; x++)
      if (mask[y * f.tileSize + x]) bits[y * rowBytes + (x >> 3)]! |= 0x80 >> (x & 7);
  }
  return deflateAsync(bits);
}

/**
 * TIFF Predictor 3 (Adobe floating point, libtiff's fpDiff): per row, the samples' bytes regrouped into planes, most
 * significant byte first, then each byte minus the one `bands` bytes to its left.
 */
function floatingPointDifferences(raw: Buffer, f: Pick<Format, 'tileSize' | 'bands' | 'bytesPerSample'>): Buffer {
  const wc = f.tileSize * f.bands;
  const bps = f.bytesPerSample;
  const rowBytes = wc * bps;
  const out = Buffer.alloc(raw.length);
  for (let row = 0; row < f.tileSize; row++) {
    const o = row * rowBytes;
    // Little-endian samples: plane 0 holds the most significant byte (byte bps − 1) of every sample.
    for (let c = 0; c < wc; c++) for (let b = 0; b < bps; b++) out[o + (bps - b - 1) * wc + c] = raw[o + c * bps + b]!;
    for (let i = rowBytes - 1; i >= f.bands; i--) out[o + i] = (out[o + i]! - out[o + i - f.bands]!) & 0xff;
  }
  return out;
}

/** TIFF Predictor 2: each sample minus the same band's sample to its left, per row, modulo 2^bits. */
function horizontalDifferences(raw: Buffer, f: Pick<Format, 'tileSize' | 'bands' | 'bytesPerSample'>): Buffer {
  const out = Buffer.from(raw);
  const rowSamples = f.tileSize * f.bands;
  for (let row = 0; row < f.tileSize; row++) {
    const start = row * rowSamples;
    // Right to left, so every difference reads the original left neighbour.
    for (let s = rowSamples - 1; s >= f.bands; s--) {
      if (f.bytesPerSample === 1) out[start + s] = (raw[start + s]! - raw[start + s - f.bands]!) & 0xff;
      else {
        const at = (start + s) * 2;
        out.writeUInt16LE((raw.readUInt16LE(at) - raw.readUInt16LE(at - 2 * f.bands)) & 0xffff, at);
      }
    }
  }
  return out;
}

/**
 * Runs `fn` over `items` with at most `limit` in flight and yields the results in input order (the file is written
 * in order). Queued failures are kept from becoming unhandled rejections; the first one in order is thrown.
 */
async function* inOrder<T, R>(items: Iterable<T>, limit: number, fn: (t: T) => Promise<R>): AsyncGenerator<[T, R]> {
  const queue: Promise<[T, R]>[] = [];
  const it = items[Symbol.iterator]();
  const fill = () => {
    while (queue.length < limit) {
      const n = it.next();
      if (n.done) return;
      const item = n.value;
      const p = fn(item).then((r): [T, R] => [item, r]);
      p.catch(() => undefined);
      queue.push(p);
    }
  };
  fill();
  while (queue.length) {
    const next = await queue.shift()!;
    fill();
    yield next;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// TIFF tags and header bytes

interface Tag {
  tag: number;
  type: TiffType;
  /** ASCII: the text (written NUL-terminated); RATIONAL: numerator, denominator pairs. */
  values: readonly number[] | string;
}

interface Blocks {
  offsets: number[][];
  byteCounts: number[][];
}

const emptyBlocks = (levels: readonly CogLevel[]): Blocks => ({
  offsets: levels.map((l) => new Array<number>(tileCount(l)).fill(0)),
  byteCounts: levels.map((l) => new Array<number>(tileCount(l)).fill(0)),
});

function shapeOf(t: Tag): TagShape {
  const count = typeof t.values === 'string' ? t.values.length + 1 : t.values.length / (t.type === 'RATIONAL' ? 2 : 1);
  return { type: t.type, count };
}

function planFor(f: Format, levels: CogLevel[], geo: CogGeoreference, blocks: Blocks, bigTiff: boolean): HeaderPlan {
  return planHeader(
    ifdTagsAll(f, levels, geo, blocks, bigTiff).map((tags) => tags.map(shapeOf)),
    GHOST_AREA.length,
    bigTiff,
  );
}

/** The imagery IFDs, then one mask IFD per level when the block tables hold masks too. */
const ifdTagsAll = (f: Format, levels: CogLevel[], geo: CogGeoreference, blocks: Blocks, bigTiff: boolean) => [
  ...levels.map((_, k) => ifdTags(f, levels[k]!, k, k === 0 ? geo : null, blocks, bigTiff)),
  ...(blocks.offsets.length > levels.length
    ? levels.map((l, k) => maskIfdTags(f, l, k, blocks, bigTiff, levels.length + k))
    : []),
];

// GeoKey ids and values (GeoTIFF 1.1 / OGC 19-008).
const GT_MODEL_TYPE = 1024;
const GT_RASTER_TYPE = 1025;
const GEOGRAPHIC_TYPE = 2048;
const GEOG_ANGULAR_UNITS = 2054;
const PROJECTED_CS_TYPE = 3072;
const PROJ_LINEAR_UNITS = 3076;
const MODEL_PROJECTED = 1;
const MODEL_GEOGRAPHIC = 2;
const RASTER_PIXEL_IS_AREA = 1;
const UNIT_DEGREE = 9102;
const UNIT_METRE = 9001;

/** GeoKeyDirectory: version 1.1.0, then (key, location 0 = value in place, count 1, value) sorted by key id. */
function geoKeyDirectory(crs: CogCrs): number[] {
  if (!Number.isInteger(crs.epsg) || crs.epsg <= 0 || crs.epsg >= 32767) {
    throw new RangeError(`EPSG code expected, got ${crs.epsg}`);
  }
  const keys: [number, number][] =
    crs.kind === 'geographic'
      ? [
          [GT_MODEL_TYPE, MODEL_GEOGRAPHIC],
          [GT_RASTER_TYPE, RASTER_PIXEL_IS_AREA],
          [GEOGRAPHIC_TYPE, crs.epsg],
          [GEOG_ANGULAR_UNITS, UNIT_DEGREE],
        ]
      : [
          [GT_MODEL_TYPE, MODEL_PROJECTED],
          [GT_RASTER_TYPE, RASTER_PIXEL_IS_AREA],
          [PROJECTED_CS_TYPE, crs.epsg],
          [PROJ_LINEAR_UNITS, UNIT_METRE],
        ];
  return [1, 1, 0, keys.length, ...keys.flatMap(([id, v]) => [id, 0, 1, v])];
}

function geoTags(geo: CogGeoreference): Tag[] {
  const [x, y] = geo.origin;
  const [sx, sy] = geo.pixelSize;
  if (![x, y, sx, sy].every(Number.isFinite) || sx <= 0 || sy <= 0) {
    throw new RangeError(`finite origin and positive pixel size expected, got ${geo.origin} / ${geo.pixelSize}`);
  }
  return [
    { tag: 33550, type: 'DOUBLE', values: [sx, sy, 0] }, // ModelPixelScale
    { tag: 33922, type: 'DOUBLE', values: [0, 0, 0, x, y, 0] }, // ModelTiepoint: pixel corner (0, 0) → origin
    { tag: 34735, type: 'SHORT', values: geoKeyDirectory(geo.crs) },
    ...(geo.nodata === undefined || geo.nodata === null
      ? []
      : [{ tag: 42113, type: 'ASCII' as const, values: String(geo.nodata) }]), // GDAL_NODATA
  ];
}

const COMPRESSION_CODES: Record<Format['compression'], number> = { jpeg: 7, deflate: 8, lzw: 5, webp: 50001 };
const PHOTOMETRIC_MASK = 4;
const PHOTOMETRIC_MIN_IS_BLACK = 1;
const PHOTOMETRIC_RGB = 2;
const PHOTOMETRIC_YCBCR = 6;

function ifdTags(
  f: Format,
  l: CogLevel,
  k: number,
  geo: CogGeoreference | null,
  blocks: Blocks,
  bigTiff: boolean,
): Tag[] {
  const jpeg = f.compression === 'jpeg';
  const rgb = f.bands - (f.alpha ? 1 : 0) >= 3 && f.bytesPerSample === 1;
  const photometric = jpeg ? PHOTOMETRIC_YCBCR : rgb ? PHOTOMETRIC_RGB : PHOTOMETRIC_MIN_IS_BLACK;
  const extraSamples = f.bands - (rgb ? 3 : 1);
  const perBand = (v: number) => new Array<number>(f.bands).fill(v);
  const tags: Tag[] = [
    { tag: 254, type: 'LONG', values: [k === 0 ? 0 : 1] }, // NewSubfileType: 1 = reduced-resolution copy
    { tag: 256, type: 'LONG', values: [l.width] },
    { tag: 257, type: 'LONG', values: [l.height] },
    { tag: 258, type: 'SHORT', values: perBand(8 * f.bytesPerSample) }, // BitsPerSample
    { tag: 259, type: 'SHORT', values: [COMPRESSION_CODES[f.compression]] },
    { tag: 262, type: 'SHORT', values: [photometric] },
    { tag: 277, type: 'SHORT', values: [f.bands] }, // SamplesPerPixel
    { tag: 284, type: 'SHORT', values: [1] }, // PlanarConfiguration: chunky (pixel-interleaved)
    ...(f.predictor > 1 ? [{ tag: 317, type: 'SHORT' as const, values: [f.predictor] }] : []), // Predictor
    { tag: 322, type: 'SHORT', values: [f.tileSize] }, // TileWidth
    { tag: 323, type: 'SHORT', values: [f.tileSize] }, // TileLength
    { tag: 324, type: bigTiff ? 'LONG8' : 'LONG', values: blocks.offsets[k]! }, // TileOffsets
    { tag: 325, type: 'LONG', values: blocks.byteCounts[k]! }, // TileByteCounts: a tile is far below 4 GiB
    // ExtraSamples: 0 = unspecified, 2 = unassociated alpha (the last band, when `alpha`).
    ...(extraSamples > 0 ? [{ tag: 338, type: 'SHORT' as const, values: perExtra(extraSamples, f.alpha) }] : []),
    { tag: 339, type: 'SHORT', values: perBand(f.sampleFormat) }, // SampleFormat
    ...(jpeg
      ? [
          // The JPEG streams are 4:2:0; libtiff refuses a tile whose sampling factors disagree with this tag.
          { tag: 530, type: 'SHORT' as const, values: [2, 2] }, // YCbCrSubSampling
          // JPEG's full-range YCbCr (JFIF): the TIFF 6.0 default would say otherwise.
          { tag: 532, type: 'RATIONAL' as const, values: [0, 1, 255, 1, 128, 1, 255, 1, 128, 1, 255, 1] },
        ]
      : []),
    ...(geo ? geoTags(geo) : []),
    ...(geo && f.statistics ? [{ tag: 42112, type: 'ASCII' as const, values: gdalMetadata(f.statistics) }] : []),
  ];
  return tags.sort((a, b) => a.tag - b.tag);
}

/** GDAL_METADATA with each band's statistics, as `gdalinfo -stats` writes them. */
function gdalMetadata(stats: readonly BandStatistics[]): string {
  const items = stats.flatMap((b, sample) =>
    (
      [
        ['MAXIMUM', b.maximum],
        ['MEAN', b.mean],
        ['MINIMUM', b.minimum],
        ['STDDEV', b.stdDev],
      ] as const
    ).map(([name, v]) => `<Item name="STATISTICS_${name}" sample="${sample}">${v}</Item>`),
  );
  return `<GDALMetadata>${items.join('')}</GDALMetadata>`;
}

/** The IFD of level `k`'s transparency mask (its tile table is `table`). */
function maskIfdTags(f: Format, l: CogLevel, k: number, blocks: Blocks, bigTiff: boolean, table: number): Tag[] {
  return [
    { tag: 254, type: 'LONG', values: [k === 0 ? 4 : 5] }, // NewSubfileType: transparency mask (+ reduced)
    { tag: 256, type: 'LONG', values: [l.width] },
    { tag: 257, type: 'LONG', values: [l.height] },
    { tag: 258, type: 'SHORT', values: [1] }, // BitsPerSample
    { tag: 259, type: 'SHORT', values: [COMPRESSION_CODES.deflate] },
    { tag: 262, type: 'SHORT', values: [PHOTOMETRIC_MASK] },
    { tag: 277, type: 'SHORT', values: [1] },
    { tag: 284, type: 'SHORT', values: [1] },
    { tag: 322, type: 'SHORT', values: [f.tileSize] },
    { tag: 323, type: 'SHORT', values: [f.tileSize] },
    { tag: 324, type: bigTiff ? 'LONG8' : 'LONG', values: blocks.offsets[table]! },
    { tag: 325, type: 'LONG', values: blocks.byteCounts[table]! },
    { tag: 339, type: 'SHORT', values: [1] },
  ];
}

const perExtra = (n: number, alpha: boolean) => Array.from({ length: n }, (_, i) => (alpha && i === n - 1 ? 2 : 0));

function encodeHeader(plan: HeaderPlan, ifds: Tag[][]): Buffer {
  const { bigTiff } = plan;
  const buf = Buffer.alloc(plan.dataStart);
  buf.write('II', 0, 'latin1');
  if (bigTiff) {
    buf.writeUInt16LE(43, 2);
    buf.writeUInt16LE(8, 4); // bytes per offset
    buf.writeBigUInt64LE(BigInt(plan.ifds[0]!.offset), 8);
  } else {
    buf.writeUInt16LE(42, 2);
    buf.writeUInt32LE(plan.ifds[0]!.offset, 4);
  }
  buf.write(GHOST_AREA, plan.ghostOffset, 'latin1');
  const writeOffset = (v: number, at: number) =>
    bigTiff ? buf.writeBigUInt64LE(BigInt(v), at) : buf.writeUInt32LE(v, at);
  ifds.forEach((tags, k) => {
    const { offset, valueOffsets } = plan.ifds[k]!;
    let p = offset;
    if (bigTiff) buf.writeBigUInt64LE(BigInt(tags.length), p);
    else buf.writeUInt16LE(tags.length, p);
    p += bigTiff ? 8 : 2;
    tags.forEach((t, i) => {
      const shape = shapeOf(t);
      buf.writeUInt16LE(t.tag, p);
      buf.writeUInt16LE(TIFF_TYPES[t.type].code, p + 2);
      writeOffset(shape.count, p + 4);
      const field = p + (bigTiff ? 12 : 8);
      if (isInline(shape, bigTiff)) writeValues(buf, field, t);
      else {
        writeOffset(valueOffsets[i]!, field);
        writeValues(buf, valueOffsets[i]!, t);
      }
      p += bigTiff ? 20 : 12;
    });
    writeOffset(plan.ifds[k + 1]?.offset ?? 0, p);
  });
  return buf;
}

function writeValues(buf: Buffer, at: number, t: Tag): void {
  if (typeof t.values === 'string') {
    buf.write(`${t.values}\0`, at, 'latin1');
    return;
  }
  const size = t.type === 'RATIONAL' ? 4 : TIFF_TYPES[t.type].size;
  t.values.forEach((v, i) => {
    const o = at + i * size;
    if (t.type === 'SHORT') buf.writeUInt16LE(v, o);
    else if (t.type === 'LONG' || t.type === 'RATIONAL') buf.writeUInt32LE(v, o);
    else if (t.type === 'DOUBLE') buf.writeDoubleLE(v, o);
    else buf.writeBigUInt64LE(BigInt(v), o);
  });
}
