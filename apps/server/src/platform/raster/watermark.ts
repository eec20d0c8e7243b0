import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import sharp from 'sharp';

/**
 * Visible per-user watermarks on downloaded previews (BX-17: leaks are traced to a person and unit): the given lines
 * (user, unit, time) repeated diagonally over the whole image, semi-transparent, as an SVG overlay composited by sharp
 * (librsvg renders it, fonts come from fontconfig).
 *
 * Font: this machine (and a typical server) has no CJK font installed, and librsvg ignores `@font-face`, so Chinese
 * text would render as empty boxes. The Noto Sans SC glyphs (Noto Sans Hans OTF, SIL OFL, shipped in the
 * `@embedpdf/fonts-sc` package) are therefore added to fontconfig's application fonts once per process through
 * libvips' text `fontfile` option (FcConfigAppFontAddFile); librsvg then finds them by family name.
 */

const FONT_FILE = join(
  dirname(createRequire(import.meta.url).resolve('@embedpdf/fonts-sc')),
  '..',
  'fonts',
  'NotoSansHans-Regular.otf',
);
/** The family the web UI uses first, then the family name inside the bundled font file. */
export const WATERMARK_FONT_FAMILY = "'Noto Sans SC', 'Noto Sans S Chinese', sans-serif";

let fontReady: Promise<void> | null = null;

/** Registers the bundled CJK font with fontconfig (once; later calls wait for the first). */
export function ensureCjkFont(): Promise<void> {
  fontReady ??= sharp({ text: { text: '水印', font: 'Noto Sans S Chinese', fontfile: FONT_FILE } })
    .png()
    .toBuffer()
    .then(() => undefined);
  return fontReady;
}

const escapeXml = (s: string) =>
  s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

/**
 * The overlay for a width × height image: `lines` in a rotated pattern, each row of copies shifted by half a copy
 * (brick layout, so no corner is left bare), dark shadow under light text (readable on any background).
 */
export function watermarkSvg(width: number, height: number, lines: readonly string[]): string {
  const fontSize = Math.max(12, Math.round(Math.min(width, height) / 24));
  const lineHeight = Math.round(fontSize * 1.4);
  const longest = Math.max(...lines.map((l) => [...l].length));
  // Roughly one em per CJK character, half for Latin: a copy's width for the longest line, plus a gap.
  const cellWidth = Math.round(longest * fontSize * 0.9 + fontSize * 3);
  const rowHeight = lineHeight * lines.length + fontSize * 2;
  const copy = (x: number, y: number, fill: string, opacity: number) =>
    `<text font-family="${WATERMARK_FONT_FAMILY}" font-size="${fontSize}" fill="${fill}" fill-opacity="${opacity}">${lines
      .map((l, i) => `<tspan x="${x}" y="${y + i * lineHeight}">${escapeXml(l)}</tspan>`)
      .join('')}</text>`;
  // The shifted copy runs past the pattern cell's right edge, which clips it: draw it once more a cell to the left.
  const copies = [
    [fontSize, fontSize * 1.5],
    [fontSize + cellWidth / 2, fontSize * 1.5 + rowHeight],
    [fontSize - cellWidth / 2, fontSize * 1.5 + rowHeight],
  ]
    .map(([x, y]) => copy(x! + 1, y! + 1, '#000000', 0.3) + copy(x!, y!, '#ffffff', 0.45))
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
<defs><pattern id="wm" patternUnits="userSpaceOnUse" width="${cellWidth}" height="${rowHeight * 2}" patternTransform="rotate(-30)">${copies}</pattern></defs>
<rect width="100%" height="100%" fill="url(#wm)"/>
</svg>`;
}

/** Previews smaller than this on their long side are enlarged first, so the watermark stays legible. */
const MIN_PREVIEW_SIDE = 512;
/** …and larger ones reduced: a preview is not the data. */
const MAX_PREVIEW_SIDE = 2048;

/** The image (any format sharp reads) as a PNG preview with the watermark burnt in. */
export async function watermarkedPreview(image: Buffer, lines: readonly string[]): Promise<Buffer> {
  await ensureCjkFont();
  const meta = await sharp(image).metadata();
  const long = Math.max(meta.width ?? 0, meta.height ?? 0);
  const target = Math.min(MAX_PREVIEW_SIDE, Math.max(MIN_PREVIEW_SIDE, long));
  const base = await sharp(image)
    .resize({ width: target, height: target, fit: 'inside', withoutEnlargement: false })
    .ensureAlpha()
    .png()
    .toBuffer({ resolveWithObject: true });
  return sharp(base.data)
    .composite([{ input: Buffer.from(watermarkSvg(base.info.width, base.info.height, lines)) }])
    .png({ compressionLevel: 6 })
    .toBuffer();
}
