/**
 * TIFF LZW (Compression 5, TIFF 6.0 §13), pure: codes of 9–12 bits, most significant bit first, Clear = 256,
 * EndOfInformation = 257, and the code width growing one code early ("early change"), as libtiff and GDAL write it.
 * The pre-1992 "old-style" LZW (bit order reversed, starts with bytes 0x00 0x01) is refused.
 */

const CLEAR = 256;
const EOI = 257;
const FIRST = 258;
const MAX_BITS = 12;
const TABLE = 1 << MAX_BITS;

/**
 * Decodes `input` into `size` bytes (a tile's or strip's uncompressed size). A stream that ends early leaves the rest
 * zero, as libtiff does; one that would write past `size` stops there.
 */
export function lzwDecode(input: Uint8Array, size: number): Uint8Array {
  if (input.length >= 2 && input[0] === 0 && input[1]! & 0x01) throw new RangeError('old-style LZW is not supported');
  const out = new Uint8Array(size);
  const prefix = new Int32Array(TABLE);
  const suffix = new Uint8Array(TABLE);
  const first = new Uint8Array(TABLE);
  const length = new Uint32Array(TABLE);
  for (let i = 0; i < 256; i++) {
    suffix[i] = i;
    first[i] = i;
    length[i] = 1;
  }
  let next = FIRST;
  let width = 9;
  let pos = 0;
  let old = -1;
  let bitBuf = 0;
  let bitCount = 0;
  let inPos = 0;

  /** Writes the string of `code` at `pos` (walking its prefixes backwards); returns its length. */
  const emit = (code: number): number => {
    const n = length[code]!;
    let p = pos + n - 1;
    let c = code;
    while (c >= 0) {
      if (p < size) out[p] = suffix[c]!;
      p--;
      c = c < 256 ? -1 : prefix[c]!;
    }
    return n;
  };

  while (pos < size) {
    while (bitCount < width) {
      if (inPos >= input.length) return out;
      bitBuf = ((bitBuf << 8) | input[inPos++]!) >>> 0;
      bitCount += 8;
    }
    const code = (bitBuf >>> (bitCount - width)) & ((1 << width) - 1);
    bitCount -= width;
    bitBuf &= (1 << bitCount) - 1;
    if (code === EOI) break;
    if (code === CLEAR) {
      next = FIRST;
      width = 9;
      old = -1;
      continue;
    }
    if (old === -1) {
      if (code > 255) throw new RangeError(`LZW code ${code} after a clear`);
      pos += emit(code);
      old = code;
      continue;
    }
    if (code < next) {
      pos += emit(code);
      if (next < TABLE) {
        prefix[next] = old;
        suffix[next] = first[code]!;
        first[next] = first[old]!;
        length[next] = length[old]! + 1;
        next++;
      }
    } else if (code === next && next < TABLE) {
      // The KwKwK case: the new string is the previous one plus its own first byte.
      prefix[next] = old;
      suffix[next] = first[old]!;
      first[next] = first[old]!;
      length[next] = length[old]! + 1;
      next++;
      pos += emit(code);
    } else {
      throw new RangeError(`LZW code ${code} beyond the table (${next})`);
    }
    old = code;
    if (next + 1 >= 1 << width && width < MAX_BITS) width++;
  }
  return out;
}

/** Encodes `input` as one TIFF LZW stream (Clear first, EndOfInformation last, table reset when full). */
export function lzwEncode(input: Uint8Array): Uint8Array {
  const chunks: number[] = [];
  let bitBuf = 0;
  let bitCount = 0;
  let width = 9;
  const put = (code: number) => {
    bitBuf = (bitBuf << width) | code;
    bitCount += width;
    while (bitCount >= 8) {
      chunks.push((bitBuf >>> (bitCount - 8)) & 0xff);
      bitCount -= 8;
    }
    bitBuf &= (1 << bitCount) - 1;
  };
  // (prefix code << 8 | next byte) → code
  let table = new Map<number, number>();
  let next = FIRST;
  /** After an entry is added: widen the codes, or reset a full table (libtiff's rule); true when reset. */
  const grow = (): boolean => {
    if (next === TABLE - 2) {
      put(CLEAR);
      next = FIRST;
      width = 9;
      return true;
    }
    if (next > (1 << width) - 1 && width < MAX_BITS) width++;
    return false;
  };
  put(CLEAR);
  if (input.length === 0) {
    put(EOI);
  } else {
    let w = input[0]!;
    for (let i = 1; i < input.length; i++) {
      const k = input[i]!;
      const key = (w << 8) | k;
      const hit = table.get(key);
      if (hit !== undefined) {
        w = hit;
        continue;
      }
      put(w);
      table.set(key, next++);
      if (grow()) table = new Map();
      w = k;
    }
    put(w);
    next++;
    grow();
    put(EOI);
  }
  if (bitCount > 0) chunks.push((bitBuf << (8 - bitCount)) & 0xff);
  return Uint8Array.from(chunks);
}
