import { describe, expect, test } from 'vitest';
import { lzwDecode, lzwEncode } from '../lzw.js';

/** Cross-checked against GDAL 3.6 both ways while writing (tile.sources.test.ts decodes GDAL's own LZW tiles). */
describe('TIFF LZW', () => {
  test.each([
    ['empty', new Uint8Array(0)],
    ['one byte', Uint8Array.of(7)],
    ['KwKwK (a code used as soon as it is made)', Uint8Array.of(1, 1, 1, 1, 1, 1, 1)],
    ['a ramp', Uint8Array.from({ length: 5000 }, (_, i) => i & 0xff)],
    // 300 kB of half-random bytes: the 4094-entry table fills and resets many times, codes reach 12 bits
    [
      'table resets',
      (() => {
        let s = 1;
        return Uint8Array.from({ length: 300_000 }, (_, i) => {
          s = (s * 1103515245 + 12345) >>> 0;
          return i % 700 < 350 ? (i >> 3) & 0xff : (s >>> 24) & 0x1f;
        });
      })(),
    ],
  ])('round trip: %s', (_name, data) => {
    expect(Buffer.from(lzwDecode(lzwEncode(data), data.length)).equals(Buffer.from(data))).toBe(true);
  });

  test('a short stream leaves the rest zero; old-style LZW is refused', () => {
    const enc = lzwEncode(Uint8Array.of(9, 9, 9));
    expect([...lzwDecode(enc, 5)]).toEqual([9, 9, 9, 0, 0]);
    expect(() => lzwDecode(Uint8Array.of(0, 1, 2), 4)).toThrow(/old-style/);
  });
});
