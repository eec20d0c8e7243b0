import { deflateSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { lzwEncode } from '../lzw.js';
import { decodeMask, decodeSamples, sampleTypeOf } from '../tiff-decode.js';

/** GDAL-written tiles are decoded in tile.sources.test.ts; here the byte-level cases GDAL does not write by default. */
describe('stored tiles → samples', () => {
  test('big-endian ("MM") 16-bit samples with the horizontal predictor', () => {
    // two rows of 3 pixels × 2 bands, values v(x, y, b) = 1000·b + 10·x + y, differenced then stored big-endian
    const v = (x: number, y: number, b: number) => 1000 * b + 10 * x + y;
    const raw = Buffer.alloc(2 * 3 * 2 * 2);
    for (let y = 0; y < 2; y++) {
      for (let x = 0; x < 3; x++) {
        for (let b = 0; b < 2; b++) {
          const d = x === 0 ? v(x, y, b) : v(x, y, b) - v(x - 1, y, b);
          raw.writeUInt16BE(d & 0xffff, ((y * 3 + x) * 2 + b) * 2);
        }
      }
    }
    const layout = {
      width: 3,
      height: 2,
      samplesPerPixel: 2,
      sampleType: 'uint16',
      predictor: 2,
      littleEndian: false,
    } as const;
    for (const [compression, bytes] of [
      [1, raw],
      [8, deflateSync(raw)],
      [5, lzwEncode(raw)],
    ] as const) {
      const s = decodeSamples(new Uint8Array(bytes), { ...layout, compression });
      expect([...s]).toEqual([0, 1].flatMap((y) => [0, 1, 2].flatMap((x) => [v(x, y, 0), v(x, y, 1)])));
    }
  });

  test('signed 16-bit samples wrap as the predictor requires; a short block is zero-padded', () => {
    // 32767, then +1: wraps to −32768; the last two samples are missing (zero differences)
    const raw = Buffer.alloc(4);
    raw.writeInt16LE(32767, 0);
    raw.writeInt16LE(1, 2);
    const s = decodeSamples(new Uint8Array(raw), {
      width: 4,
      height: 1,
      samplesPerPixel: 1,
      sampleType: 'int16',
      compression: 1,
      predictor: 2,
      littleEndian: true,
    });
    expect([...s]).toEqual([32767, -32768, -32768, -32768]);
  });

  test('mask bits: most significant bit first, rows padded to whole bytes', () => {
    const bits = Uint8Array.of(0b1010_0000, 0b0100_0000);
    expect([...decodeMask(bits, { width: 3, height: 2, compression: 1 })]).toEqual([1, 0, 1, 0, 1, 0]);
  });

  test.each([
    [1, 8, 'uint8'],
    [2, 16, 'int16'],
    [3, 32, 'float32'],
    [3, 16, null],
    [1, 12, null],
  ] as const)('SampleFormat %i, %i bits → %s', (f, b, t) => expect(sampleTypeOf(f, b)).toBe(t));
});
