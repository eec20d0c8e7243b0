import { type FileHandle, open } from 'node:fs/promises';
import { type Source, SubFileType, Tiff, type TiffImage, TiffTag } from '@cogeotiff/core';
import sharp from 'sharp';
import { DomainError, isDomainError } from '../errors/domain-error.js';
import type { Storage } from '../storage/storage.port.js';
import { DecodedTileCache, Leases } from './decoded-tile.cache.js';
import type { ComposeResult, LayerJob, MaskPayload, StretchTask, TilePayload } from './pixel.worker.js';
import type { PixelExecutor } from './pixel-pool.js';
import { forwardProjection } from './projection.js';
import { parseGdalNodata } from './raster-header.js';
import {
  needsStretch,
  resolveStyle,
  type SourceBands,
  type StyleRequest,
  stretchFromGdalMetadata,
  styleKey,
} from './render-style.js';
import { COMPRESSION, isDecompressible, type StoredLayout, sampleTypeOf } from './tiff-decode.js';
import { isOpaque } from './tile.compose.js';
import {
  alignedSourceTile,
  type CogGeoref,
  exceedsReadLimit,
  MAX_REGION_SIDE,
  planTile,
  type ReadPlan,
  type SourceTile,
} from './tile.plan.js';
import { TILE_SIZE, type TileAddress, type TileMatrixSet } from './tile-matrix-set.js';

/**
 * Tiles from COGs, the linz/basemaps way: tile.plan.ts decides which COG tiles land where; their bytes are fetched by
 * range (@cogeotiff/core over the Source port); the pixel work — JPEG decoding (libjpeg-turbo in WebAssembly, into the
 * shared decoded-tile cache), decompression, predictors, 16-bit and float samples, masks, resampling (a WebAssembly SIMD
 * kernel), stretching, colour maps and layering — runs in the pixel worker pool (pixel-pool.ts); WebP tiles are decoded
 * and JPEG and WebP output encoded by sharp (libvips threads). The event loop only plans, fetches
 * and hands buffers on.
 *
 * Pass-through: a JPEG request whose output tile is exactly one stored 256 px JPEG tile (same CRS and grid, no style,
 * no mask or nodata) is answered with the stored bytes (JPEGTables merged in), neither decoded nor encoded.
 */

export type TileFormat = 'png' | 'webp' | 'jpg';

/** Opens a byte-range source for a storage key (tests wrap it to count reads). */
export type SourceFactory = (key: string) => Promise<Source>;

/**
 * Byte ranges over the Storage port; a local file is read with positional reads (no stream per range) on one file
 * handle opened on first read and kept until `close` (the renderer closes it when the header leaves its cache), so a
 * range read is one `read`, not open + fstat + read + close. Reads still running when `close` is called finish first;
 * a source used after `close` opens a handle per read.
 */
export function storageSource(storage: Storage): SourceFactory {
  return async (key) => {
    const size = await storage.size(key);
    if (size === null) throw new DomainError('ASSET_NOT_FOUND', { key });
    const path = storage.localPath(key);
    let handle: Promise<FileHandle> | null = null;
    let reading = 0;
    let closed = false;
    const release = () => {
      const h = handle;
      handle = null;
      return h?.then((fh) => fh.close()).catch(() => undefined);
    };
    const readAt = async (fh: FileHandle, offset: number, len: number) => {
      const buf = new Uint8Array(len);
      const { bytesRead } = await fh.read(buf, 0, len, offset);
      return bytesRead === len ? buf.buffer : buf.buffer.slice(0, bytesRead);
    };
    const fetch = async (offset: number, length?: number): Promise<ArrayBuffer> => {
      const len = Math.max(0, Math.min(length ?? size - offset, size - offset));
      if (path && closed) {
        const fh = await open(path, 'r');
        try {
          return await readAt(fh, offset, len);
        } finally {
          await fh.close();
        }
      }
      if (path) {
        reading++;
        try {
          let h = handle;
          if (!h) {
            const opening = open(path, 'r');
            // a failed open is not kept: the next read tries again
            opening.catch(() => {
              if (handle === opening) handle = null;
            });
            h = handle = opening;
          }
          return await readAt(await h, offset, len);
        } finally {
          reading--;
          if (closed && reading === 0) await release();
        }
      }
      const chunks: Buffer[] = [];
      for await (const c of await storage.read(key, { start: offset, end: offset + len - 1 })) chunks.push(c as Buffer);
      const all = Buffer.concat(chunks);
      return all.buffer.slice(all.byteOffset, all.byteOffset + all.length);
    };
    const close = async () => {
      closed = true;
      if (reading === 0) await release();
    };
    return { url: new URL(`geoshare-storage:${encodeURIComponent(key)}`), metadata: { size }, fetch, close };
  };
}

/** One resolution level of a COG: its image, its GDAL mask (if any) and how its tiles are stored. */
interface Level {
  image: TiffImage;
  mask: TiffImage | null;
  /** the JPEGTables stream abbreviated JPEG tiles need (GDAL), null for complete JPEG streams */
  jpegTables: Buffer | null;
  layout: StoredLayout;
  maskCompression: number | null;
}

/** A COG opened once (cached): its pyramid and what rendering needs to know of it. */
interface OpenCog {
  /** storage key and version: names its decoded tiles in the cache */
  key: string;
  source: Source;
  levels: Level[];
  georef: Omit<CogGeoref, 'bbox'>;
  bands: SourceBands;
  /** the 2–98 % range per band from GDAL's statistics tag, where present */
  gdalStretch: ([number, number] | null)[];
  /** computed on first need from the smallest overview, then kept with the header */
  stretch: Promise<[number, number][]> | null;
}

const unsupported = (details: Record<string, unknown>, message?: string) =>
  new DomainError('TILE_SOURCE_UNSUPPORTED', details, message);

/** A tag value as a list (single values, typed arrays and absent tags alike). */
function list(v: unknown): number[] {
  if (v === null || v === undefined) return [];
  if (typeof v === 'number') return [v];
  return Array.from(v as ArrayLike<number>, Number);
}

/**
 * Compressions whose tiles are decoded into the decoded-tile cache (JPEG by libjpeg-turbo in a pixel worker, WebP by
 * sharp) rather than inside the pixel work of each render.
 */
const DECODED_INTO_CACHE: readonly number[] = [COMPRESSION.jpeg, COMPRESSION.webp];

async function openCog(key: string, source: Source): Promise<OpenCog> {
  let tiff: Tiff;
  try {
    tiff = await Tiff.create(source);
  } catch (e) {
    throw unsupported({ reason: e instanceof Error ? e.message : String(e) }, '影像文件无法解析为 GeoTIFF');
  }
  const isMask = (im: TiffImage) => ((im.value(TiffTag.SubFileType) ?? 0) & SubFileType.Mask) !== 0;
  const images = tiff.images.filter((im) => !isMask(im));
  const masks = tiff.images.filter(isMask);
  const first = images[0];
  if (!first?.isTiled()) throw unsupported({ reason: 'not tiled' });
  const epsg = first.epsg;
  if (epsg === null || !forwardProjection(epsg)) throw new DomainError('TILE_CRS_UNSUPPORTED', { epsg });
  const [spp, bits, formats, predictor, photometric, planar, extra, metadata, nodata] = await Promise.all(
    [
      TiffTag.SamplesPerPixel,
      TiffTag.BitsPerSample,
      TiffTag.SampleFormat,
      TiffTag.Predictor,
      TiffTag.Photometric,
      TiffTag.PlanarConfiguration,
      TiffTag.ExtraSamples,
      TiffTag.GdalMetadata,
      TiffTag.GdalNoData,
    ].map((t) => first.fetch(t)),
  );
  const samplesPerPixel = list(spp)[0] ?? 1;
  const bitList = list(bits);
  const sampleType = sampleTypeOf(list(formats)[0] ?? 1, bitList[0] ?? 1);
  if (!sampleType || bitList.some((b) => b !== bitList[0]))
    throw unsupported({ bits: bitList, sampleFormat: list(formats) }, '不支持的像元类型（需为 8/16/32 位整数或浮点）');
  if (samplesPerPixel > 1 && list(planar)[0] === 2)
    throw unsupported({ planarConfiguration: 2 }, '波段分开存储（PlanarConfiguration=2）的影像暂不支持在线浏览');
  const pred = list(predictor)[0] ?? 1;
  if (pred !== 1 && pred !== 2 && pred !== 3) throw unsupported({ predictor: pred });
  const { width: tw, height: th } = first.tileSize;
  const extraSamples = list(extra);
  const alphaAt = extraSamples.findIndex((e) => e === 1 || e === 2);

  const levels = await Promise.all(
    images.map(async (image): Promise<Level> => {
      const compression = image.value(TiffTag.Compression) ?? COMPRESSION.none;
      if (image.tileSize.width !== tw || image.tileSize.height !== th)
        throw unsupported({ reason: 'tile sizes differ' });
      if (DECODED_INTO_CACHE.includes(compression)) {
        const ok =
          sampleType === 'uint8' &&
          (compression === COMPRESSION.jpeg
            ? samplesPerPixel !== 2 && samplesPerPixel <= 3
            : samplesPerPixel >= 3 && samplesPerPixel <= 4);
        if (!ok) throw unsupported({ compression, samplesPerPixel, sampleType });
      } else if (!isDecompressible(compression))
        throw unsupported({ compression }, `不支持的压缩方式（${compression}）`);
      const mask = masks.find((m) => m.size.width === image.size.width && m.size.height === image.size.height) ?? null;
      const tables = compression === COMPRESSION.jpeg ? await image.fetch(TiffTag.JpegTables) : null;
      return {
        image,
        mask,
        jpegTables: tables ? Buffer.from(tables as ArrayLike<number>) : null,
        layout: {
          width: tw,
          height: th,
          samplesPerPixel,
          sampleType,
          compression,
          predictor: pred,
          littleEndian: tiff.isLittleEndian,
        },
        maskCompression: mask ? (mask.value(TiffTag.Compression) ?? COMPRESSION.none) : null,
      };
    }),
  );
  const [ox, oy] = first.origin;
  const [rx, ry] = first.resolution;
  return {
    key,
    source,
    levels,
    georef: {
      epsg,
      transform: [rx, 0, ox, 0, ry, oy],
      levels: images.map((im) => im.size),
      tileWidth: tw,
      tileHeight: th,
    },
    bands: {
      samplesPerPixel,
      eightBit: sampleType === 'uint8',
      photometric: list(photometric)[0] ?? 1,
      alphaBand: alphaAt < 0 ? null : samplesPerPixel - extraSamples.length + alphaAt,
      nodata: parseGdalNodata(nodata),
    },
    gdalStretch: stretchFromGdalMetadata(typeof metadata === 'string' ? metadata : null, samplesPerPixel),
    stretch: null,
  };
}

/** A complete JPEG stream: GDAL's shared tables (without their end-of-image marker), then the tile without its SOI. */
const jpegStream = (tables: Buffer | null, tile: Buffer): Buffer =>
  tables ? Buffer.concat([tables.subarray(0, -2), tile.subarray(2)]) : tile;

/**
 * The output tile as JPEG or WebP, by sharp (PNG is encoded in the pixel worker: png-encode.ts). JPEG has no alpha and
 * is written without Huffman-table optimisation (libjpeg's default, as GDAL and MapServer write it): 0.5 instead of
 * 1.2 ms for a 256 px tile, about 14 % larger; an opaque WebP is written without its alpha channel, with less effort.
 * Given the colours without alpha (`rgb`, from the pixel worker), sharp starts from those: 20 % less of its time than
 * dropping the alpha channel itself.
 */
function encode(r: Pick<ComposeResult, 'canvas' | 'rgb' | 'opaque'>, format: 'webp' | 'jpg'): Promise<Buffer> {
  const flat = r.opaque || format === 'jpg';
  const raw = (channels: 3 | 4) => ({ raw: { width: TILE_SIZE, height: TILE_SIZE, channels } });
  let img = flat && r.rgb ? sharp(r.rgb, raw(3)) : sharp(r.canvas, raw(4));
  if (flat && !r.rgb) img = img.removeAlpha();
  // effort 2 of 6: 3.9 instead of 7.6 ms (the default, 4) for 2 % more bytes
  if (format === 'webp') return img.webp({ quality: 85, effort: 2 }).toBuffer();
  return img.jpeg({ quality: 85, optimiseCoding: false }).toBuffer();
}

const asBuffer = (png: Uint8Array) => Buffer.from(png.buffer, png.byteOffset, png.byteLength);

export interface TileSourceRef {
  storageKey: string;
  /** changes when the file may have changed (checksum, update time): part of the header cache key */
  version: string;
  bbox: readonly [number, number, number, number];
}

/** A mosaic tile: the encoded bytes and which of the given sources drew pixels (indices, newest first). */
export interface MosaicTile {
  body: Buffer;
  drawn: number[];
}

/** Opened COG headers kept by default; a header is a few KB to a few hundred KB of IFDs. */
const DEFAULT_MAX_OPEN = 64;
/** Mosaic sources planned and fetched together: 1, then 2, 4, 8 … — a tile the newest item covers reads only it. */
const MAX_MOSAIC_BATCH = 8;
/** Source tiles read at most for a stretch (a 2–98 % estimate needs no more). */
const MAX_STRETCH_TILES = 16;
/** Reasons an item is left out of a mosaic instead of failing the tile (its own tiles report them). */
const UNRENDERABLE = new Set([
  'TILE_SOURCE_UNSUPPORTED',
  'TILE_CRS_UNSUPPORTED',
  'TILE_ZOOM_TOO_LOW',
  'ASSET_NOT_FOUND',
]);

interface Planned {
  cog: OpenCog;
  plan: ReadPlan;
}

export class TileRenderer {
  /** LRU of opened COG headers (Map keeps insertion order: the first key is the least recently used). */
  private readonly open = new Map<string, Promise<OpenCog>>();
  /** Source tiles whose pixels were decoded, and tiles answered with stored bytes (for tests and benches). */
  readonly counters = { decodedTiles: 0, passThrough: 0 };

  constructor(
    private readonly openSource: SourceFactory,
    private readonly pixels: PixelExecutor,
    private readonly maxOpen = DEFAULT_MAX_OPEN,
    readonly decoded = new DecodedTileCache(),
  ) {}

  private cog(ref: TileSourceRef): Promise<OpenCog> {
    const key = `${ref.storageKey}@${ref.version}`;
    let cog = this.open.get(key);
    if (cog) this.open.delete(key);
    else {
      cog = this.openSource(ref.storageKey).then(async (source) => {
        try {
          return await openCog(key, source);
        } catch (e) {
          await source.close?.();
          throw e;
        }
      });
      cog.catch(() => {
        if (this.open.get(key) === cog) this.open.delete(key);
      });
    }
    this.open.set(key, cog);
    while (this.open.size > this.maxOpen) {
      const oldest = this.open.keys().next().value!;
      this.closeCog(this.open.get(oldest)!);
      this.open.delete(oldest);
    }
    return cog;
  }

  /** Lets go of a header's file handle (renders still reading it finish first). */
  private closeCog(cog: Promise<OpenCog>): Promise<void> {
    return cog.then(
      (c) => c.source.close?.(),
      () => undefined,
    );
  }

  /** Closes every cached COG's file handle (app shutdown); the renderer reopens on the next tile. */
  async close(): Promise<void> {
    const all = [...this.open.values()];
    this.open.clear();
    this.decoded.clear();
    await Promise.all(all.map((c) => this.closeCog(c)));
  }

  private async plan(ref: TileSourceRef, tms: TileMatrixSet, tile: TileAddress): Promise<Planned | null> {
    const cog = await this.cog(ref);
    const plan = planTile(tms, tile, { ...cog.georef, bbox: ref.bbox });
    if (plan.type === 'empty') return null;
    if (exceedsReadLimit(plan)) {
      const { width, height } = plan.region;
      throw new DomainError('TILE_ZOOM_TOO_LOW', { region: { width, height }, maxSide: MAX_REGION_SIDE });
    }
    return { cog, plan };
  }

  /** The stored bytes of a tile that is exactly the output tile (see the module comment), or null. */
  private async passThrough({ cog, plan }: Planned, style: StyleRequest, format: TileFormat): Promise<Buffer | null> {
    const level = cog.levels[plan.level]!;
    if (format !== 'jpg' || styleKey(style) !== '' || cog.bands.nodata !== null || level.mask) return null;
    if (level.layout.compression !== COMPRESSION.jpeg) return null;
    const st = alignedSourceTile(plan, cog.georef);
    if (!st) return null;
    const bytes = await this.tileBytes(cog, level.image, st);
    if (!bytes) return null;
    this.counters.passThrough++;
    return jpegStream(level.jpegTables, bytes);
  }

  private async tileBytes(cog: OpenCog, image: TiffImage, st: Pick<SourceTile, 'col' | 'row'>): Promise<Buffer | null> {
    const { offset, imageSize } = await image.getTileSize(st.row * image.tileCount.x + st.col);
    return imageSize === 0 ? null : Buffer.from(await cog.source.fetch(offset, imageSize));
  }

  /**
   * A source tile as the pixel worker takes it: stored bytes, or decoded pixels (JPEG, WebP), which are kept in the
   * decoded-tile cache and held through `leases` until the pixel work is done.
   */
  private async payload(
    cog: OpenCog,
    level: Level,
    st: Pick<SourceTile, 'col' | 'row'>,
    leases: Leases,
  ): Promise<TilePayload> {
    if (!DECODED_INTO_CACHE.includes(level.layout.compression)) {
      const bytes = await this.tileBytes(cog, level.image, st);
      if (!bytes) return null;
      this.counters.decodedTiles++;
      return { stored: bytes };
    }
    const key = `${cog.key}/${level.image.id}/${st.col}/${st.row}`;
    const pixels = leases.add(await this.decoded.get(key, (slot) => this.decode(cog, level, st, slot)));
    return pixels && { pixels };
  }

  /**
   * The pixels of a JPEG or WebP tile: JPEG (grey or RGB — openCog admits no other) by libjpeg-turbo in a pixel worker,
   * copied from the decoder into the cache's slot there (jpeg-decode.ts); WebP by sharp (libvips threads). Null for a sparse tile.
   */
  private async decode(
    cog: OpenCog,
    level: Level,
    st: Pick<SourceTile, 'col' | 'row'>,
    slot: (bytes: number) => Uint8Array,
  ): Promise<Uint8Array | null> {
    const bytes = await this.tileBytes(cog, level.image, st);
    if (!bytes) return null;
    this.counters.decodedTiles++;
    const { compression, samplesPerPixel: spp, width, height } = level.layout;
    if (compression === COMPRESSION.jpeg) {
      const into = slot(width * height * spp);
      const channels = spp as 1 | 3;
      await this.pixels.decodeJpeg({
        type: 'jpeg',
        tables: level.jpegTables,
        tile: bytes,
        into,
        width,
        height,
        channels,
      });
      return into;
    }
    // a WebP tile may decode with an alpha channel or without one
    const img = spp === 4 ? sharp(bytes).ensureAlpha() : sharp(bytes).removeAlpha();
    const { data, info } = await img.raw().toBuffer({ resolveWithObject: true });
    if (info.width !== width || info.height !== height || info.channels !== spp)
      throw unsupported({ decoded: { width: info.width, height: info.height, channels: info.channels } });
    return new Uint8Array(data.buffer, data.byteOffset, data.length);
  }

  /** Source tiles and mask tiles of a plan; a tile whose mask tile is absent holds no data. */
  private async fetchLayer(
    cog: OpenCog,
    plan: ReadPlan,
    leases: Leases,
  ): Promise<{ tiles: TilePayload[]; masks: MaskPayload | null }> {
    const level = cog.levels[plan.level]!;
    const { mask, maskCompression } = level;
    const [tiles, maskTiles] = await Promise.all([
      Promise.all(plan.tiles.map((st) => this.payload(cog, level, st, leases))),
      mask ? Promise.all(plan.tiles.map((st) => this.tileBytes(cog, mask, st))) : null,
    ]);
    if (!maskTiles || maskCompression === null) return { tiles, masks: null };
    return {
      tiles: tiles.map((t, i) => (maskTiles[i] ? t : null)),
      masks: { compression: maskCompression, tiles: maskTiles.map((m) => (m ? new Uint8Array(m) : null)) },
    };
  }

  /**
   * The 2–98 % stretch of every band: GDAL's statistics when the file has them, else computed (in the pool) once from
   * the smallest overview and kept with the cached header.
   */
  private stretchOf(cog: OpenCog): Promise<[number, number][]> {
    if (cog.gdalStretch.every((s) => s !== null)) return Promise.resolve(cog.gdalStretch as [number, number][]);
    cog.stretch ??= (async () => {
      const leases = new Leases();
      try {
        return await this.computeStretch(cog, leases);
      } finally {
        leases.releaseAll();
      }
    })();
    cog.stretch.catch(() => {
      cog.stretch = null;
    });
    return cog.stretch;
  }

  private async computeStretch(cog: OpenCog, leases: Leases): Promise<[number, number][]> {
    const level = cog.levels.at(-1)!;
    const { image, layout } = level;
    const { x: cols, y: rows } = image.tileCount;
    const { width, height } = image.size;
    // Every tile of the level, or an even sample of them when a file lacks small overviews.
    const step = Math.ceil(Math.sqrt((cols * rows) / MAX_STRETCH_TILES));
    const cells = [];
    for (let row = 0; row < rows; row += step) for (let col = 0; col < cols; col += step) cells.push({ col, row });
    const fetched = await Promise.all(
      cells.map(async (c) => {
        const mask = level.mask ? await this.tileBytes(cog, level.mask, c) : null;
        return {
          // a tile whose mask tile is absent holds no data
          payload: level.mask && !mask ? null : await this.payload(cog, level, c, leases),
          mask: mask ? new Uint8Array(mask) : null,
          width: Math.min(layout.width, width - c.col * layout.width),
          height: Math.min(layout.height, height - c.row * layout.height),
        };
      }),
    );
    const task: StretchTask = {
      type: 'stretch',
      layout,
      tiles: fetched,
      maskCompression: level.maskCompression,
      alphaBand: cog.bands.alphaBand,
      nodata: cog.bands.nodata,
    };
    return this.pixels.stretch(task);
  }

  private async job({ cog, plan }: Planned, style: StyleRequest, leases: Leases): Promise<LayerJob> {
    const stretch = needsStretch(style, cog.bands) ? await this.stretchOf(cog) : null;
    const resolved = resolveStyle(style, cog.bands, stretch);
    const { tiles, masks } = await this.fetchLayer(cog, plan, leases);
    return { plan, layout: cog.levels[plan.level]!.layout, tiles, masks, style: resolved };
  }

  /** The encoded tile of one item, or null when the image has no pixels there. */
  async render(
    ref: TileSourceRef,
    tms: TileMatrixSet,
    tile: TileAddress,
    format: TileFormat,
    style: StyleRequest = {},
  ): Promise<Buffer | null> {
    const planned = await this.plan(ref, tms, tile);
    if (!planned) return null;
    const stored = await this.passThrough(planned, style, format);
    if (stored) return stored;
    const leases = new Leases();
    let r: ComposeResult;
    try {
      const job = await this.job(planned, style, leases);
      const [png, rgb] = [format === 'png', format === 'jpg'];
      r = await this.pixels.compose({ type: 'compose', canvas: null, layers: [job], png, rgb });
    } finally {
      leases.releaseAll();
    }
    if (!r.drawn[0]) return null;
    return format === 'png' ? asBuffer(r.png!) : encode(r, format);
  }

  /**
   * A mosaic tile of `refs` (newest first): each layer fills only pixels still transparent, so nodata and masked areas
   * of newer items let older ones show through. Sources are planned and fetched in growing batches; a source whose
   * footprint in the tile is already covered is not read, and the work stops once the tile is opaque. Sources that
   * cannot be rendered (unreadable file, unsupported CRS or format) are left out. Null when nothing was drawn.
   */
  async renderMosaic(
    refs: readonly TileSourceRef[],
    tms: TileMatrixSet,
    tile: TileAddress,
    format: TileFormat,
    style: StyleRequest = {},
  ): Promise<MosaicTile | null> {
    const skipUnrenderable = <T>(p: Promise<T>): Promise<T | null> =>
      p.catch((e) => {
        if (isDomainError(e) && UNRENDERABLE.has(e.code)) return null;
        throw e;
      });
    let canvas: Uint8Array | null = null;
    let opaque = false;
    const drawn: number[] = [];
    let batch = 1;
    for (let start = 0; start < refs.length; start += batch, batch = Math.min(batch * 2, MAX_MOSAIC_BATCH)) {
      const indices = refs.slice(start, start + batch).map((_, k) => start + k);
      const planned = await Promise.all(indices.map((i) => skipUnrenderable(this.plan(refs[i]!, tms, tile))));
      if (start === 0 && planned[0]) {
        // The newest item alone, stored as the output tile: it covers the tile, nothing below shows.
        const stored = await this.passThrough(planned[0], style, format);
        if (stored) return { body: stored, drawn: [0] };
      }
      const live = indices.flatMap((i, k) => {
        const p = planned[k];
        return p && !(canvas && isOpaque(canvas, p.plan.target)) ? [{ i, p }] : [];
      });
      if (!live.length) continue;
      const leases = new Leases();
      let ready: { i: number; job: LayerJob }[];
      let r: ComposeResult | null = null;
      try {
        const jobs = await Promise.all(live.map(({ p }) => skipUnrenderable(this.job(p, style, leases))));
        ready = live.flatMap(({ i }, k) => (jobs[k] ? [{ i, job: jobs[k] }] : []));
        if (ready.length) r = await this.pixels.compose({ type: 'compose', canvas, layers: ready.map((x) => x.job) });
      } finally {
        leases.releaseAll();
      }
      if (!r) continue;
      canvas = r.canvas;
      opaque = r.opaque;
      r.drawn.forEach((d, k) => {
        if (d) drawn.push(ready[k]!.i);
      });
      if (opaque) break;
    }
    if (!canvas || !drawn.length) return null;
    if (format !== 'png') return { body: await encode({ canvas, opaque }, format), drawn };
    const { png } = await this.pixels.compose({ type: 'compose', canvas, layers: [], png: true });
    return { body: asBuffer(png!), drawn };
  }
}
