import sharp from 'sharp';
import { describe, expect, test } from 'vitest';
import { ensureCjkFont, WATERMARK_FONT_FAMILY, watermarkedPreview } from '../watermark.js';

/** Bounding box of the dark pixels of a greyscale render. */
async function inkBox(svg: string) {
  const { data, info } = await sharp(Buffer.from(svg)).flatten({ background: '#ffffff' }).greyscale().raw().toBuffer({
    resolveWithObject: true,
  });
  let [x0, y0, x1, y1] = [info.width, info.height, -1, -1];
  for (let y = 0; y < info.height; y++) {
    for (let x = 0; x < info.width; x++) {
      if (data[y * info.width + x]! < 128) {
        x0 = Math.min(x0, x);
        x1 = Math.max(x1, x);
        y0 = Math.min(y0, y);
        y1 = Math.max(y1, y);
      }
    }
  }
  return { width: x1 - x0 + 1, height: y1 - y0 + 1 };
}

describe('BX-17 visible watermark', () => {
  test('BX-17 Chinese text renders as real glyphs (not empty boxes): 一 is one flat horizontal stroke', async () => {
    await ensureCjkFont();
    const box = await inkBox(
      `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200"><text x="50" y="130" font-family="${WATERMARK_FONT_FAMILY}" font-size="100" fill="#000">一</text></svg>`,
    );
    // A missing-glyph box would be about as tall as it is wide.
    expect(box.width).toBeGreaterThan(60);
    expect(box.height).toBeLessThan(15);
  });

  test('BX-17 a preview is enlarged to a legible size and carries the watermark over the whole image', async () => {
    const grey = await sharp({ create: { width: 256, height: 128, channels: 3, background: '#808080' } })
      .png()
      .toBuffer();
    const out = await watermarkedPreview(grey, ['张三（zhangsan）', '市住建局', '2026-11-23 10:00 北京时间']);
    const { data, info } = await sharp(out).raw().toBuffer({ resolveWithObject: true });
    expect(info).toMatchObject({ width: 512, height: 256, channels: 4 });
    // Marked pixels in each quarter of the image: the text repeats diagonally everywhere.
    for (const [qx, qy] of [
      [0, 0],
      [1, 0],
      [0, 1],
      [1, 1],
    ] as const) {
      let marked = 0;
      for (let y = qy * 128; y < qy * 128 + 128; y++) {
        for (let x = qx * 256; x < qx * 256 + 256; x++) {
          if (Math.abs(data[(y * 512 + x) * 4]! - 128) > 12) marked++;
        }
      }
      expect(marked / (256 * 128)).toBeGreaterThan(0.01);
    }
  });
});
