import QRCode from 'qrcode';

/**
 * The visible part of the electronic seal (ZS-14), drawn as vector paths and font glyphs (no image file): a red
 * ring with the unit's name along the upper arc, a five-pointed star and 「电子印章」 below it. The cryptographic
 * seal is the SM2 signature kept with the document; the picture and the QR code lead a reader to its verification.
 * Units are PDF points; y grows downwards.
 */

/** 35 mm across, a common size for a department's seal. */
export const SEAL_RADIUS = 50;
const SEAL_RED = '#d7000f';
const RING_WIDTH = 2.6;
/** the name runs over at most this much of the ring, in degrees, centred at the top */
const MAX_ARC_DEG = 250;
const NAME_MAX_SIZE = 13;
const NAME_MIN_SIZE = 6;
/** gap between the ring and the name's glyphs */
const NAME_INSET = 4.5;

export function drawSeal(
  doc: PDFKit.PDFDocument,
  cx: number,
  cy: number,
  orgName: string,
  fonts: { regular: string; bold: string },
): void {
  const r = SEAL_RADIUS;
  doc.save();
  doc.fillColor(SEAL_RED).strokeColor(SEAL_RED).fillOpacity(0.9).strokeOpacity(0.9);
  doc
    .lineWidth(RING_WIDTH)
    .circle(cx, cy, r - RING_WIDTH / 2)
    .stroke();

  // the star, points up, outer radius 30 % of the seal
  const outer = r * 0.3;
  const inner = outer * 0.382;
  const star: [number, number][] = [];
  for (let i = 0; i < 10; i++) {
    const rad = (Math.PI / 5) * i;
    const len = i % 2 === 0 ? outer : inner;
    star.push([cx + len * Math.sin(rad), cy - len * Math.cos(rad)]);
  }
  doc.polygon(...star).fill();

  // the name along the arc: characters spread evenly, each rotated to face the centre
  const chars = [...orgName];
  const size = nameSize(chars.length, r);
  const textRadius = r - RING_WIDTH - NAME_INSET - size / 2;
  const stepDeg = Math.min(((size * 1.12) / textRadius) * (180 / Math.PI), MAX_ARC_DEG / Math.max(chars.length, 1));
  const spanDeg = stepDeg * chars.length;
  doc.font(fonts.bold).fontSize(size);
  chars.forEach((ch, i) => {
    const deg = -spanDeg / 2 + stepDeg * (i + 0.5);
    doc.save();
    // PDFKit rotates clockwise on the page for a positive angle; 0° is the top of the seal
    doc.rotate(deg, { origin: [cx, cy] });
    doc.text(ch, cx - size / 2, cy - textRadius - size * 0.55, { width: size, align: 'center', lineBreak: false });
    doc.restore();
  });

  const label = '电子印章';
  doc.font(fonts.bold).fontSize(r * 0.17);
  doc.text(label, cx - doc.widthOfString(label) / 2, cy + r * 0.38, { lineBreak: false });
  doc.restore();
}

/** Largest glyph size (pt) at which `n` characters fit on the arc of a seal of radius `r`. */
function nameSize(n: number, r: number): number {
  const textRadius = r - RING_WIDTH - NAME_INSET - NAME_MAX_SIZE / 2;
  const fit = (((MAX_ARC_DEG * Math.PI) / 180) * textRadius) / (Math.max(n, 1) * 1.12);
  return Math.max(NAME_MIN_SIZE, Math.min(NAME_MAX_SIZE, fit));
}

/**
 * A QR code (error correction M) as filled squares; dark modules of a row are merged into runs, which keeps the
 * content stream small and leaves no hairline seams between modules.
 */
export function drawQrCode(doc: PDFKit.PDFDocument, x: number, y: number, size: number, text: string): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  const m = size / n;
  doc.save();
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && modules.get(row, col)) col++;
      doc.rect(x + start * m, y + row * m, (col - start) * m, m);
    }
  }
  doc.fillColor('#000').fill();
  doc.restore();
}
