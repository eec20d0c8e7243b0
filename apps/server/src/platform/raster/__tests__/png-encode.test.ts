import sharp from 'sharp';
import { describe, expect, test } from 'vitest';
import { encodePng } from '../png-encode.js';

/** Pseudo-random RGBA with smooth gradients (like imagery) and, unless opaque, transparent blocks. */
function image(width: number, height: number, opaque: boolean): Uint8Array {
  const px = new Uint8Array(width * height * 4);
  let seed = 3;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      const o = (y * width + x) * 4;
      const clear = !opaque && (x < width / 3 || (y * 7 + x) % 11 === 0);
      px[o] = clear ? 0 : (x * 3 + (seed >>> 28)) & 255;
      px[o + 1] = clear ? 0 : (y * 2 + x) & 255;
      px[o + 2] = clear ? 0 : seed >>> 24;
      px[o + 3] = clear ? 0 : opaque ? 255 : 128 + (seed >>> 25);
    }
  }
  return px;
}

describe('PNG encoder of rendered tiles', () => {
  test.each([
    ['opaque 256 px tile (RGB)', 256, 256, true, 3],
    ['tile with transparent areas (RGBA)', 256, 256, false, 4],
    ['odd size', 7, 3, false, 4],
  ] as const)('%s: lossless, read back by libvips with the right channels', async (_n, w, h, opaque, channels) => {
    const px = image(w, h, opaque);
    const png = Buffer.from(encodePng(px, w, h, opaque));
    const meta = await sharp(png).metadata();
    expect(meta).toMatchObject({ format: 'png', width: w, height: h, channels, depth: 'uchar' });
    const back = await sharp(png).ensureAlpha().raw().toBuffer();
    expect(back.equals(Buffer.from(px))).toBe(true);
  });

  test('chunks carry their CRC-32: a wrong one is refused', async () => {
    const png = Buffer.from(encodePng(image(16, 16, true), 16, 16, true));
    await expect(sharp(png).raw().toBuffer()).resolves.toBeTruthy();
    png[32] = png[32]! ^ 0xff; // the last byte of IHDR's CRC (signature 8 + length 4 + type 4 + data 13 + CRC 4)
    await expect(sharp(png).raw().toBuffer()).rejects.toThrow();
  });
});
