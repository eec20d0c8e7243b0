import { inflateSync } from 'node:zlib';
import { lzwDecode } from './lzw.js';

/**
 * A stored TIFF tile → its samples (no I/O; runs in the pixel worker): decompression (none, LZW, Deflate), byte order,
 * and the horizontal (2) and floating-point (3) predictors. JPEG tiles are decoded by jpeg-decode.ts, WebP by sharp.
 * Also unpacks GDAL's 1-bit transparency masks.
 */

export type SampleType = 'uint8' | 'int8' | 'uint16' | 'int16' | 'uint32' | 'int32' | 'float32' | 'float64';
export type Samples =
  | Uint8Array
  | Int8Array
  | Uint16Array
  | Int16Array
  | Uint32Array
  | Int32Array
  | Float32Array
  | Float64Array;

export const COMPRESSION = { none: 1, lzw: 5, jpeg: 7, deflate: 8, deflateOld: 32946, webp: 50001 } as const;

export interface StoredLayout {
  /** tile size in pixels */
  width: number;
  height: number;
  samplesPerPixel: number;
  sampleType: SampleType;
  compression: number;
  predictor: 1 | 2 | 3;
  littleEndian: boolean;
}

const BYTES: Record<SampleType, number> = {
  uint8: 1,
  int8: 1,
  uint16: 2,
  int16: 2,
  uint32: 4,
  int32: 4,
  float32: 4,
  float64: 8,
};

export const bytesPerSample = (t: SampleType): number => BYTES[t];

/** TIFF SampleFormat (1 unsigned, 2 signed, 3 IEEE float) and BitsPerSample → a sample type, or null. */
export function sampleTypeOf(sampleFormat: number, bits: number): SampleType | null {
  const key = `${sampleFormat}:${bits}`;
  const types: Record<string, SampleType> = {
    '1:8': 'uint8',
    '2:8': 'int8',
    '1:16': 'uint16',
    '2:16': 'int16',
    '1:32': 'uint32',
    '2:32': 'int32',
    '3:32': 'float32',
    '3:64': 'float64',
  };
  return types[key] ?? null;
}

export const isDecompressible = (compression: number): boolean =>
  compression === COMPRESSION.none ||
  compression === COMPRESSION.lzw ||
  compression === COMPRESSION.deflate ||
  compression === COMPRESSION.deflateOld;

/** The uncompressed bytes of a stored block, exactly `size` long (short blocks are zero-padded, as libtiff does). */
function decompress(bytes: Uint8Array, compression: number, size: number): Uint8Array {
  let raw: Uint8Array;
  if (compression === COMPRESSION.none) raw = bytes;
  else if (compression === COMPRESSION.lzw) return lzwDecode(bytes, size);
  else if (compression === COMPRESSION.deflate || compression === COMPRESSION.deflateOld) raw = inflateSync(bytes);
  else throw new RangeError(`compression ${compression} is not decoded here`);
  // A fresh, aligned copy: typed views need alignment, and the caller's buffer stays untouched.
  const out = new Uint8Array(size);
  out.set(raw.length > size ? raw.subarray(0, size) : raw);
  return out;
}

function view(buf: ArrayBuffer, t: SampleType): Samples {
  switch (t) {
    case 'uint8':
      return new Uint8Array(buf);
    case 'int8':
      return new Int8Array(buf);
    case 'uint16':
      return new Uint16Array(buf);
    case 'int16':
      return new Int16Array(buf);
    case 'uint32':
      return new Uint32Array(buf);
    case 'int32':
      return new Int32Array(buf);
    case 'float32':
      return new Float32Array(buf);
    case 'float64':
      return new Float64Array(buf);
  }
}

function swapBytes(raw: Uint8Array, n: number): void {
  for (let i = 0; i < raw.length; i += n) {
    for (let a = i, b = i + n - 1; a < b; a++, b--) {
      const t = raw[a]!;
      raw[a] = raw[b]!;
      raw[b] = t;
    }
  }
}

/**
 * Predictor 3 (Adobe floating point, libtiff fpAcc): each row holds the samples' bytes as planes, most significant
 * byte first, differenced byte by byte across pixels. Undone into host (little-endian) order.
 */
function undoFloatPredictor(raw: Uint8Array, l: StoredLayout, bps: number): Uint8Array {
  const wc = l.width * l.samplesPerPixel;
  const rowBytes = wc * bps;
  const out = new Uint8Array(raw.length);
  for (let y = 0; y < l.height; y++) {
    const row = raw.subarray(y * rowBytes, (y + 1) * rowBytes);
    for (let i = l.samplesPerPixel; i < rowBytes; i++) row[i] = (row[i]! + row[i - l.samplesPerPixel]!) & 0xff;
    const o = y * rowBytes;
    for (let c = 0; c < wc; c++) for (let b = 0; b < bps; b++) out[o + c * bps + b] = row[(bps - b - 1) * wc + c]!;
  }
  return out;
}

/** Samples of one stored tile, pixel-interleaved (PlanarConfiguration 1), width × height × samplesPerPixel. */
export function decodeSamples(bytes: Uint8Array, l: StoredLayout): Samples {
  const bps = BYTES[l.sampleType];
  const size = l.width * l.height * l.samplesPerPixel * bps;
  let raw = decompress(bytes, l.compression, size);
  if (l.predictor === 3) {
    if (!l.sampleType.startsWith('float')) throw new RangeError('predictor 3 needs floating-point samples');
    raw = undoFloatPredictor(raw, l, bps);
  } else if (!l.littleEndian && bps > 1) swapBytes(raw, bps);
  const samples = view(raw.buffer as ArrayBuffer, l.sampleType);
  if (l.predictor === 2) {
    if (l.sampleType.startsWith('float')) throw new RangeError('predictor 2 needs integer samples');
    // Horizontal differencing per row; typed-array stores wrap modulo 2^bits as the predictor requires.
    const stride = l.width * l.samplesPerPixel;
    for (let y = 0; y < l.height; y++) {
      const end = (y + 1) * stride;
      for (let i = y * stride + l.samplesPerPixel; i < end; i++)
        samples[i] = samples[i]! + samples[i - l.samplesPerPixel]!;
    }
  }
  return samples;
}

/** A GDAL transparency mask tile (1 bit per pixel, rows padded to whole bytes, 1 = data) → one byte per pixel, 0/1. */
export function decodeMask(bytes: Uint8Array, l: { width: number; height: number; compression: number }): Uint8Array {
  const rowBytes = Math.ceil(l.width / 8);
  const bits = decompress(bytes, l.compression, rowBytes * l.height);
  const out = new Uint8Array(l.width * l.height);
  for (let y = 0; y < l.height; y++) {
    for (let x = 0; x < l.width; x++) out[y * l.width + x] = (bits[y * rowBytes + (x >> 3)]! >> (7 - (x & 7))) & 1;
  }
  return out;
}
