import sharp from 'sharp';
import { describe, expect, test } from 'vitest';
import { decodeJpeg } from '../jpeg-decode.js';

/** A 64 × 48 px test image with gradients and edges, as RGB bytes. */
function pattern(width: number, height: number): Buffer {
  const rgb = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 3;
      rgb[o] = (x * 4) & 255;
      rgb[o + 1] = (y * 5) & 255;
      rgb[o + 2] = (x + y) % 16 < 8 ? 40 : 220;
    }
  }
  return rgb;
}

const W = 64;
const H = 48;

describe('BX-16 JPEG tiles decoded by libjpeg-turbo in WebAssembly', () => {
  test('RGB and grey decode as sharp (libvips, also libjpeg-turbo) decodes them, to within one level', async () => {
    const rgb = pattern(W, H);
    const grey = Buffer.from(rgb.filter((_, i) => i % 3 === 1));
    for (const channels of [3, 1] as const) {
      const raw = { width: W, height: H, channels };
      const jpeg = await sharp(channels === 3 ? rgb : grey, { raw })
        .toColourspace(channels === 3 ? 'srgb' : 'b-w')
        .jpeg({ quality: 85 })
        .toBuffer();
      expect((await sharp(jpeg).metadata()).channels).toBe(channels);
      // sharp's raw output of a grey image is sRGB unless told otherwise
      const expected = await sharp(jpeg)
        .toColourspace(channels === 3 ? 'srgb' : 'b-w')
        .raw()
        .toBuffer();
      expect(expected.length).toBe(W * H * channels);
      const into = new Uint8Array(new SharedArrayBuffer(W * H * channels));
      decodeJpeg(null, jpeg, into, W, H, channels);
      let worst = 0;
      for (let i = 0; i < into.length; i++) worst = Math.max(worst, Math.abs(into[i]! - expected[i]!));
      expect(worst, `${channels} channel(s)`).toBeLessThanOrEqual(1);
    }
  });

  test('GDAL-style shared tables (JPEGTables) and an abbreviated tile stream decode like the whole stream', async () => {
    const jpeg = await sharp(pattern(W, H), { raw: { width: W, height: H, channels: 3 } })
      .jpeg()
      .toBuffer();
    const whole = new Uint8Array(W * H * 3);
    decodeJpeg(null, jpeg, whole, W, H, 3);
    // tables = the stream up to its first start-of-frame marker, closed by EOI; the tile = SOI + the rest
    let sof = 2;
    while (!(jpeg[sof] === 0xff && jpeg[sof + 1] === 0xc0)) sof += 2 + jpeg.readUInt16BE(sof + 2);
    const tables = Buffer.concat([jpeg.subarray(0, sof), Buffer.from([0xff, 0xd9])]);
    const tile = Buffer.concat([Buffer.from([0xff, 0xd8]), jpeg.subarray(sof)]);
    const split = new Uint8Array(W * H * 3);
    decodeJpeg(tables, tile, split, W, H, 3);
    expect(Buffer.from(split).equals(Buffer.from(whole))).toBe(true);
  });

  test('a corrupt stream or a tile of another size throws, and the next tile decodes', async () => {
    const jpeg = await sharp(pattern(W, H), { raw: { width: W, height: H, channels: 3 } })
      .jpeg()
      .toBuffer();
    const into = new Uint8Array(W * H * 3);
    expect(() => decodeJpeg(null, jpeg.subarray(0, 20), into, W, H, 3)).toThrow(/JPEG tile/);
    expect(() => decodeJpeg(null, Buffer.from('not a jpeg at all'), into, W, H, 3)).toThrow(/JPEG tile/);
    expect(() => decodeJpeg(null, jpeg, into, 32, 32, 3)).toThrow(/64 × 48 px instead of 32 × 32/);
    decodeJpeg(null, jpeg, into, W, H, 3);
    expect(into.some((v) => v !== 0)).toBe(true);
  });
});
