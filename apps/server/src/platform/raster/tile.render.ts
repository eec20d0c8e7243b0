import { open } from 'node:fs/promises';
import { promisify } from 'node:util';
import { inflate } from 'node:zlib';
import { Compression, type Source, SubFileType, Tiff, type TiffImage, TiffTag } from '@cogeotiff/core';
import sharp, { type Sharp } from 'sharp';
import { DomainError } from '../errors/domain-error.js';
import type { Storage } from '../storage/storage.port.js';
import {
  type CogGeoref,
  forwardProjection,
  planTile,
  type SourceTile,
  TILE_SIZE,
  type TileAddress,
  type TilePlan,
} from './tile.plan.js';

/**
 * Web Mercator tiles from one COG, the linz/basemaps way: raw COG tiles fetched by byte range (@cogeotiff/core) and
 * decoded by sharp (libvips, on libuv's threads); tile.plan.ts decides which tiles and where their pixels go.
 *
 * Event loop: JPEG decoding, deflate inflation (zlib) and PNG/JPEG/WebP encoding run off the main thread. What stays in
 * JS is small: copying the needed rows of each decoded tile into one region (Buffer.copy per row), undoing TIFF
 * predictor 2 on the rows of a deflate tile that are used, and one bilinear pass over the ≤ 65,536 output pixels.
 */

export type TileFormat = 'png' | 'webp' | 'jpg';

/** Opens a byte-range source for a storage key (tests wrap it to count reads). */
export type SourceFactory = (key: string) => Promise<Source>;

/** Byte ranges over the Storage port; a local file is read with positional reads (no stream per range). */
export function storageSource(storage: Storage): SourceFactory {
  return async (key) => {
    const size = await storage.size(key);
    if (size === null) throw new DomainError('ASSET_NOT_FOUND', { key });
    const path = storage.localPath(key);
    const fetch = async (offset: number, length?: number): Promise<ArrayBuffer> => {
      const len = Math.max(0, Math.min(length ?? size - offset, size - offset));
      if (path) {
        const fh = await open(path, 'r');
        try {
          const buf = new Uint8Array(len);
          const { bytesRead } = await fh.read(buf, 0, len, offset);
          return buf.buffer.slice(0, bytesRead);
        } finally {
          await fh.close();
        }
      }
      const chunks: Buffer[] = [];
      for await (const c of await storage.read(key, { start: offset, end: offset + len - 1 })) chunks.push(c as Buffer);
      const all = Buffer.concat(chunks);
      return all.buffer.slice(all.byteOffset, all.byteOffset + all.length);
    };
    return { url: new URL(`geoshare-storage:${encodeURIComponent(key)}`), metadata: { size }, fetch };
  };
}

/** A COG opened once: its pyramid (mask images dropped) and what decoding needs. */
interface OpenCog {
  source: Source;
  images: TiffImage[];
  /** per image: the JPEGTables stream to prefix abbreviated JPEG tiles with (GDAL), null for complete JPEG tiles */
  jpegTables: (Buffer | null)[];
  georef: Omit<CogGeoref, 'bbox'>;
  bands: number;
  predictor: boolean;
  nodata: number | null;
}

async function openCog(source: Source): Promise<OpenCog> {
  const tiff = await Tiff.create(source);
  const images = tiff.images.filter((im) => ((im.value(TiffTag.SubFileType) ?? 0) & SubFileType.Mask) === 0);
  const first = images[0];
  if (!first?.isTiled()) throw new DomainError('TILE_SOURCE_UNSUPPORTED', { reason: 'not tiled' });
  const epsg = first.epsg;
  if (epsg === null || !forwardProjection(epsg)) throw new DomainError('TILE_CRS_UNSUPPORTED', { epsg });
  const bands = first.value(TiffTag.SamplesPerPixel) ?? 1;
  const bits = first.value(TiffTag.BitsPerSample) ?? [8];
  if (bits.some((b) => b !== 8) || (bands !== 1 && bands !== 3)) {
    throw new DomainError('TILE_SOURCE_UNSUPPORTED', { bands, bits });
  }
  const [ox, oy] = first.origin;
  const [rx, ry] = first.resolution;
  const tables = await Promise.all(images.map((im) => im.fetch(TiffTag.JpegTables)));
  return {
    source,
    images,
    jpegTables: tables.map((t) => (t ? Buffer.from(t) : null)),
    georef: {
      epsg,
      transform: [rx, 0, ox, 0, ry, oy],
      levels: images.map((im) => im.size),
      tileWidth: first.tileSize.width,
      tileHeight: first.tileSize.height,
    },
    bands,
    predictor: first.value(TiffTag.Predictor) === 2,
    nodata: first.noData,
  };
}

const inflateAsync = promisify(inflate);

/** Undoes TIFF predictor 2 (8-bit) on rows [y0, y1) up to column x1 — only the part of the tile that is used. */
function undoPredictor(raw: Buffer, tileWidth: number, bands: number, y0: number, y1: number, x1: number): void {
  const stride = tileWidth * bands;
  for (let y = y0; y < y1; y++) {
    const start = y * stride;
    const end = start + x1 * bands;
    for (let i = start + bands; i < end; i++) raw[i] = (raw[i]! + raw[i - bands]!) & 0xff;
  }
}

/**
 * One source tile as RGBA (tileWidth × tileHeight × 4), or null for a sparse (absent) tile. The bytes are read here
 * rather than by `TiffImage.getTile`, which insists on JPEGTables: our own writer stores complete JPEG streams.
 */
async function decodeTile(cog: OpenCog, level: number, st: SourceTile) {
  const image = cog.images[level]!;
  const { offset, imageSize } = await image.getTileSize(st.row * image.tileCount.x + st.col);
  if (imageSize === 0) return null;
  const bytes = Buffer.from(await cog.source.fetch(offset, imageSize));
  const compression = image.value(TiffTag.Compression) ?? Compression.None;
  const { tileWidth: tw, tileHeight: th } = cog.georef;
  let pixels: Sharp;
  if (compression === Compression.Jpeg) {
    const tables = cog.jpegTables[level];
    // Tables without their end-of-image marker, then the tile without its start-of-image marker.
    pixels = sharp(tables ? Buffer.concat([tables.subarray(0, -2), bytes.subarray(2)]) : bytes);
  } else {
    let raw: Buffer;
    if (compression === Compression.None) raw = bytes;
    else if (compression === Compression.Deflate || compression === Compression.DeflateOther) {
      raw = await inflateAsync(bytes);
    } else throw new DomainError('TILE_SOURCE_UNSUPPORTED', { compression });
    if (cog.predictor) {
      undoPredictor(raw, tw, cog.bands, st.window.y, st.window.y + st.window.height, st.window.x + st.window.width);
    }
    pixels = sharp(raw, { raw: { width: tw, height: th, channels: cog.bands as 1 | 3 } });
  }
  const { data, info } = await pixels.toColourspace('srgb').ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  if (info.width !== tw || info.height !== th || info.channels !== 4) {
    throw new DomainError('TILE_SOURCE_UNSUPPORTED', { decoded: info });
  }
  return data;
}

/**
 * Bilinear resampling of `region` (RGBA, level pixels) into the output tile. A pixel is opaque when the nearest
 * source pixel holds data (crisp image edges, no seams between neighbouring items); its colour averages the valid
 * neighbours. Transparent: outside the image, sparse tiles, and pixels equal to the nodata value in every band.
 */
function resample(region: Buffer, plan: TilePlan & { type: 'read' }, nodata: number | null): Buffer {
  const out = Buffer.alloc(TILE_SIZE * TILE_SIZE * 4);
  const { width: rw, height: rh, x: rx, y: ry } = plan.region;
  const [a, b, c, d, e, f] = plan.affine;
  const valid = (p: number) =>
    region[p + 3]! > 0 && !(region[p] === nodata && region[p + 1] === nodata && region[p + 2] === nodata);
  const { x: u0, y: v0, width: tw, height: th } = plan.target;
  for (let v = v0; v < v0 + th; v++) {
    for (let u = u0; u < u0 + tw; u++) {
      const X = a * (u + 0.5) + b * (v + 0.5) + c - rx;
      const Y = d * (u + 0.5) + e * (v + 0.5) + f - ry;
      const nx = Math.floor(X);
      const ny = Math.floor(Y);
      if (nx < 0 || ny < 0 || nx >= rw || ny >= rh || !valid((ny * rw + nx) * 4)) continue;
      const x0 = Math.floor(X - 0.5);
      const y0 = Math.floor(Y - 0.5);
      const fx = X - 0.5 - x0;
      const fy = Y - 0.5 - y0;
      let sr = 0;
      let sg = 0;
      let sb = 0;
      let sw = 0;
      for (let k = 0; k < 4; k++) {
        const x = x0 + (k & 1);
        const y = y0 + (k >> 1);
        if (x < 0 || y < 0 || x >= rw || y >= rh) continue;
        const p = (y * rw + x) * 4;
        if (!valid(p)) continue;
        const w = (k & 1 ? fx : 1 - fx) * (k >> 1 ? fy : 1 - fy);
        sr += w * region[p]!;
        sg += w * region[p + 1]!;
        sb += w * region[p + 2]!;
        sw += w;
      }
      const o = (v * TILE_SIZE + u) * 4;
      out[o] = Math.round(sr / sw);
      out[o + 1] = Math.round(sg / sw);
      out[o + 2] = Math.round(sb / sw);
      out[o + 3] = 255;
    }
  }
  return out;
}

function encode(rgba: Buffer, format: TileFormat): Promise<Buffer> {
  const img = sharp(rgba, { raw: { width: TILE_SIZE, height: TILE_SIZE, channels: 4 } });
  if (format === 'png') return img.png().toBuffer();
  if (format === 'webp') return img.webp({ quality: 85 }).toBuffer();
  return img.jpeg({ quality: 85 }).toBuffer();
}

export interface TileSourceRef {
  storageKey: string;
  /** changes when the file may have changed (checksum, update time): part of the header cache key */
  version: string;
  bbox: readonly [number, number, number, number];
}

/** Opened COG headers kept by default; a header is a few KB to a few hundred KB of IFDs. */
const DEFAULT_MAX_OPEN = 64;

export class TileRenderer {
  /** LRU of opened COG headers (Map keeps insertion order: the first key is the least recently used). */
  private readonly open = new Map<string, Promise<OpenCog>>();

  constructor(
    private readonly openSource: SourceFactory,
    private readonly maxOpen = DEFAULT_MAX_OPEN,
  ) {}

  private cog(ref: TileSourceRef): Promise<OpenCog> {
    const key = `${ref.storageKey}@${ref.version}`;
    let cog = this.open.get(key);
    if (cog) this.open.delete(key);
    else {
      cog = this.openSource(ref.storageKey).then(openCog);
      cog.catch(() => this.open.delete(key));
    }
    this.open.set(key, cog);
    while (this.open.size > this.maxOpen) this.open.delete(this.open.keys().next().value!);
    return cog;
  }

  /** The encoded tile, or null when the image does not touch it. */
  async render(ref: TileSourceRef, tile: TileAddress, format: TileFormat): Promise<Buffer | null> {
    const cog = await this.cog(ref);
    const plan = planTile(tile, { ...cog.georef, bbox: ref.bbox });
    if (plan.type === 'empty') return null;
    const decoded = await Promise.all(plan.tiles.map((st) => decodeTile(cog, plan.level, st)));
    const { width: rw, height: rh } = plan.region;
    const region = Buffer.alloc(rw * rh * 4);
    const tileStride = cog.georef.tileWidth * 4;
    plan.tiles.forEach((st, i) => {
      const px = decoded[i];
      if (!px) return;
      for (let y = 0; y < st.window.height; y++) {
        const from = (st.window.y + y) * tileStride + st.window.x * 4;
        px.copy(region, ((st.at.y + y) * rw + st.at.x) * 4, from, from + st.window.width * 4);
      }
    });
    return encode(resample(region, plan, cog.nodata), format);
  }
}
