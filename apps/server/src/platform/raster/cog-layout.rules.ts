/**
 * Pure layout maths of a Cloud-Optimised GeoTIFF as cog-writer.ts writes it (COG spec / GDAL COG driver layout):
 *
 *   [TIFF header][GDAL ghost area][IFD 0 + its values][IFD 1 + values]…[tiles of the smallest overview]…[full-res tiles]
 *
 * Each tile is framed by GDAL's 4-byte leader and trailer (see GHOST_AREA); TileOffsets point at the data inside.
 * Level 0 is the full resolution; each overview halves the previous one (sizes rounded up, as GDAL does) until the
 * level fits in one tile. All IFDs precede the pixel data so one read of the header lists every tile, and tiles are
 * stored from the smallest overview to the full resolution, row-major within a level. Every IFD and every
 * out-of-line tag value starts on an 8-byte boundary (TIFF asks for 2; 8 keeps doubles and LONG8 naturally aligned).
 * All sizes and offsets are in bytes.
 */

/** TIFF field types the writer uses: code (TIFF 6.0 §2, BigTIFF) and bytes per value. */
export const TIFF_TYPES = {
  ASCII: { code: 2, size: 1 },
  SHORT: { code: 3, size: 2 },
  LONG: { code: 4, size: 4 },
  RATIONAL: { code: 5, size: 8 },
  DOUBLE: { code: 12, size: 8 },
  LONG8: { code: 16, size: 8 },
} as const;
export type TiffType = keyof typeof TIFF_TYPES;

/** What the layout needs to know of a tag: its type and how many values it has. */
export interface TagShape {
  type: TiffType;
  count: number;
}

export interface CogLevel {
  width: number;
  height: number;
  tilesAcross: number;
  tilesDown: number;
}

/**
 * GDAL's structural-metadata ("ghost") area right after the TIFF header, as the GDAL COG driver writes it: the IFDs
 * precede the data, tiles are row-major, and every tile is framed by a leader (its byte count, uint32 LE) and a trailer
 * (its last 4 bytes repeated) — GDAL then reads a tile without its TileByteCounts entry and notices a file edited
 * after it was written (and gdalinfo reports LAYOUT=COG). The body ends with one padding space, as GDAL's does; readers
 * that count the size line without its newline (geotiff.js getGhostValues) rely on it.
 */
const GHOST_BODY =
  'LAYOUT=IFDS_BEFORE_DATA\nBLOCK_ORDER=ROW_MAJOR\nBLOCK_LEADER=SIZE_AS_UINT4\nBLOCK_TRAILER=LAST_4_BYTES_REPEATED\n' +
  'KNOWN_INCOMPATIBLE_EDITION=NO\n ';
export const GHOST_AREA = `GDAL_STRUCTURAL_METADATA_SIZE=${String(GHOST_BODY.length).padStart(6, '0')} bytes\n${GHOST_BODY}`;
/** Bytes around each tile's data: the 4-byte leader before it and the 4-byte trailer after it. */
export const TILE_FRAME_BYTES = 8;

/** Largest offset a classic TIFF can hold (32-bit); anything beyond needs BigTIFF. */
export const CLASSIC_TIFF_MAX_OFFSET = 0xffff_ffff;

const ALIGN = 8;
export const align = (n: number): number => Math.ceil(n / ALIGN) * ALIGN;

/** Full resolution first, then overviews halving (rounded up) until a level fits in one tile. */
export function cogLevels(width: number, height: number, tileSize: number): CogLevel[] {
  if (![width, height, tileSize].every((v) => Number.isSafeInteger(v) && v > 0)) {
    throw new RangeError(`size and tile size must be positive integers, got ${width}×${height} / ${tileSize}`);
  }
  const levels: CogLevel[] = [];
  let w = width;
  let h = height;
  for (;;) {
    levels.push({ width: w, height: h, tilesAcross: Math.ceil(w / tileSize), tilesDown: Math.ceil(h / tileSize) });
    if (w <= tileSize && h <= tileSize) return levels;
    w = Math.ceil(w / 2);
    h = Math.ceil(h / 2);
  }
}

export const tileCount = (l: CogLevel): number => l.tilesAcross * l.tilesDown;

/** Order of the pixel data in the file: smallest overview first, full resolution last; row-major in a level. */
export function* tileWriteOrder(levels: readonly CogLevel[]): Generator<{ level: number; col: number; row: number }> {
  for (let level = levels.length - 1; level >= 0; level--) {
    const l = levels[level]!;
    for (let row = 0; row < l.tilesDown; row++) for (let col = 0; col < l.tilesAcross; col++) yield { level, col, row };
  }
}

/** Bytes of the TIFF header: "II", version, first-IFD offset (classic 8; BigTIFF 16 with its offset-size words). */
export const tiffHeaderSize = (bigTiff: boolean): number => (bigTiff ? 16 : 8);

/** An entry holds its value inline when it fits the offset field (4 bytes classic, 8 BigTIFF). */
export function valueBytes(t: TagShape): number {
  return TIFF_TYPES[t.type].size * t.count;
}
export const isInline = (t: TagShape, bigTiff: boolean): boolean => valueBytes(t) <= (bigTiff ? 8 : 4);

/** Bytes of the IFD table itself: entry count, 12- (classic) or 20-byte (BigTIFF) entries, next-IFD offset. */
export const ifdTableSize = (entries: number, bigTiff: boolean): number =>
  bigTiff ? 8 + 20 * entries + 8 : 2 + 12 * entries + 4;

export interface IfdPlacement {
  /** Where the IFD table starts. */
  offset: number;
  /** Per tag (same order as given): where its out-of-line value starts, or null when it is inline. */
  valueOffsets: (number | null)[];
}

export interface HeaderPlan {
  bigTiff: boolean;
  /** Where the ghost area starts (right after the TIFF header). */
  ghostOffset: number;
  ifds: IfdPlacement[];
  /** First byte after every IFD and value: where the tile data begins. */
  dataStart: number;
}

/** Places the TIFF header, the ghost area and each IFD followed by its out-of-line values. */
export function planHeader(ifds: readonly (readonly TagShape[])[], ghostBytes: number, bigTiff: boolean): HeaderPlan {
  const ghostOffset = tiffHeaderSize(bigTiff);
  let pos = ghostOffset + ghostBytes;
  const placed = ifds.map((tags) => {
    const offset = align(pos);
    pos = offset + ifdTableSize(tags.length, bigTiff);
    const valueOffsets = tags.map((t) => {
      if (isInline(t, bigTiff)) return null;
      const at = align(pos);
      pos = at + valueBytes(t);
      return at;
    });
    return { offset, valueOffsets };
  });
  return { bigTiff, ghostOffset, ifds: placed, dataStart: align(pos) };
}

/**
 * Worst-case bytes one tile of `rawBytes` (tileSize² × samples × bytes per sample) takes in the file, frame included:
 * - deflate: zlib's deflateBound (stored blocks: 5 bytes per 16 KiB plus the 6-byte zlib wrapper), rounded up;
 * - JPEG 4:2:0: TurboJPEG's tjBufSize guarantee, 3 bytes per pixel (= rawBytes for 8-bit RGB) + 2048 for the markers.
 * - LZW: at most one 12-bit code per input byte, plus the clear / end codes;
 * - WebP (lossless): no published bound; twice the raw size, generously.
 * Used to decide BigTIFF before a streamed file's real size is known.
 */
export function maxTileBytes(compression: 'jpeg' | 'deflate' | 'lzw' | 'webp', rawBytes: number): number {
  const data = {
    jpeg: rawBytes + 2048,
    deflate: rawBytes + Math.ceil(rawBytes / 16384) * 5 + 64,
    lzw: Math.ceil(rawBytes * 1.5) + 64,
    webp: rawBytes * 2 + 4096,
  }[compression];
  return data + TILE_FRAME_BYTES;
}

/** Classic TIFF unless some byte of the file could lie past the 32-bit offset limit. */
export const needsBigTiff = (maxFileBytes: number): boolean => maxFileBytes > CLASSIC_TIFF_MAX_OFFSET;
