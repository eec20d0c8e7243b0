import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import { formatBytes, formatGsd, instantOf, shortDate } from './forms.format.js';
import type { SceneRow, SealStamp } from './forms.types.js';
import { drawQrCode, drawSeal, SEAL_RADIUS } from './seal.pdf.js';

/**
 * The page grammar every form shares: A4 portrait, a title, paragraphs, bordered tables whose rows grow with
 * wrapped CJK text and paginate, footnotes (注), page numbers, and — for a sealed rendering — the red seal and the
 * verification QR code (ZS-14). Units are PDF points (1/72 inch); y grows downwards from the top of the page.
 *
 * Output is deterministic for the same input: the creation date comes from the form's own date, and PDFKit derives
 * the file /ID from the info dictionary, so tests and re-renders compare byte for byte.
 */

const A4: [number, number] = [595.28, 841.89];
const MARGIN = { top: 62, bottom: 62, left: 62, right: 62 };
/** Baseline of the page number, in the bottom margin. */
const FOOTER_Y = A4[1] - 40;
const BORDER = 0.75;
const CELL_PAD_X = 5;
const CELL_PAD_Y = 5;
const LINE_GAP = 2;
/** Creation date of an undated draft: fixed, so the output stays deterministic. */
const UNDATED = new Date(0);
export const SIZE = { title: 18, body: 12, table: 10.5, note: 9.5, small: 8.5 } as const;

/**
 * Noto Sans Hans (SIL OFL) from @embedpdf/fonts-sc. The package exports no `./package.json`, so the folder is found
 * from its main entry. PDFKit embeds only the glyphs a document uses (a CFF subset), so a form stays ~100 KB.
 */
const FONT_DIR = join(dirname(createRequire(import.meta.url).resolve('@embedpdf/fonts-sc')), '..', 'fonts');
const FONT = { regular: 'cjk', bold: 'cjk-bold' } as const;
let fontFiles: { regular: Buffer; bold: Buffer } | undefined;
const loadFonts = () => {
  fontFiles ??= {
    regular: readFileSync(join(FONT_DIR, 'NotoSansHans-Regular.otf')),
    bold: readFileSync(join(FONT_DIR, 'NotoSansHans-Bold.otf')),
  };
  return fontFiles;
};

export interface Cell {
  text: string;
  /** columns spanned (default 1) */
  span?: number;
  /** rows spanned (default 1); the rows a span covers never split across pages */
  rowSpan?: number;
  align?: 'left' | 'center' | 'right';
  /** default: middle, like the label cells of the paper forms */
  valign?: 'top' | 'middle';
  bold?: boolean;
  /** room for a hand signature or a seal, in points */
  minHeight?: number;
  /** name under which `table()` reports where the cell landed */
  anchor?: string;
}

/** Where a cell landed: page index and its rectangle. */
export interface Anchor {
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

interface PlacedCell extends Cell {
  col: number;
  span: number;
  rowSpan: number;
  row: number;
}

export interface FormMeta {
  /** PDF title, e.g. 「遥感影像数据申请表」 */
  title: string;
  /** form number, e.g. SQB-2026-001 */
  number: string;
  /** the form's date (YYYY-MM-DD or ISO instant): the PDF creation date; null for an undated draft */
  date: string | null;
  author: string;
}

export class FormPdf {
  private readonly doc: PDFKit.PDFDocument;
  private readonly chunks: Buffer[] = [];
  private sealAt: { page: number; x: number; y: number } | null = null;

  constructor(
    meta: FormMeta,
    private readonly stamp: SealStamp | undefined,
  ) {
    const created = meta.date === null ? UNDATED : instantOf(meta.date);
    this.doc = new PDFDocument({
      size: A4,
      margins: MARGIN,
      bufferPages: true,
      info: {
        Title: meta.title,
        Subject: meta.number,
        Author: meta.author,
        // the sealed document's id makes the file /ID (an MD5 over the info) unique per issued document
        Keywords: stamp ? stamp.documentId : '',
        Creator: 'GeoShare',
        Producer: 'GeoShare',
        CreationDate: created,
        ModDate: created,
      },
    });
    this.doc.on('data', (c: Buffer) => this.chunks.push(c));
    const fonts = loadFonts();
    this.doc.registerFont(FONT.regular, fonts.regular);
    this.doc.registerFont(FONT.bold, fonts.bold);
    this.doc.font(FONT.regular).fontSize(SIZE.body).lineGap(LINE_GAP);
  }

  get left(): number {
    return MARGIN.left;
  }
  get width(): number {
    return A4[0] - MARGIN.left - MARGIN.right;
  }
  private get bottom(): number {
    return A4[1] - MARGIN.bottom;
  }
  /** Index of the page being written: always the last, since pages are only appended. */
  private get lastPage(): number {
    const r = this.doc.bufferedPageRange();
    return r.start + r.count - 1;
  }

  private setFont(bold: boolean | undefined, size: number): void {
    this.doc.font(bold ? FONT.bold : FONT.regular).fontSize(size);
  }

  /** 「附件2」 at the top left. */
  attachment(label: string): this {
    this.setFont(true, SIZE.body);
    this.doc.text(label, this.left, this.doc.y, { width: this.width });
    this.doc.moveDown(0.5);
    return this;
  }

  title(text: string): this {
    this.setFont(true, SIZE.title);
    this.doc.text(text, this.left, this.doc.y, { width: this.width, align: 'center', lineGap: 6 });
    this.doc.moveDown(0.6);
    return this;
  }

  /** One line with a left and a right part, e.g. 「编号：SQB-2026-001 … 申请时间：2026年11月23日」. */
  splitLine(leftText: string, rightText: string, size: number = SIZE.table): this {
    this.setFont(false, size);
    this.ensureSpace(this.doc.currentLineHeight(true) + 4);
    const y = this.doc.y;
    this.doc.text(leftText, this.left, y, { width: this.width, lineBreak: false });
    this.doc.text(rightText, this.left, y, { width: this.width, align: 'right', lineBreak: false });
    this.doc.x = this.left;
    this.doc.y = y + this.doc.currentLineHeight(true) + 4;
    return this;
  }

  /** Body text; `indent` is the two-character first-line indent of Chinese prose. */
  paragraph(
    text: string,
    o: { size?: number; bold?: boolean; indent?: boolean; align?: 'left' | 'right' | 'center' } = {},
  ): this {
    const size = o.size ?? SIZE.body;
    this.setFont(o.bold, size);
    this.doc.text(text, this.left, this.doc.y, {
      width: this.width,
      align: o.align ?? 'left',
      indent: o.indent ? size * 2 : 0,
      lineGap: size * 0.45,
    });
    return this;
  }

  /** 注：… footnotes in a smaller size, one paragraph per line given (numbered as on the seed form). */
  notes(lines: string[]): this {
    this.setFont(false, SIZE.note);
    this.moveDown(4);
    for (const line of lines) this.doc.text(line, this.left, this.doc.y, { width: this.width, lineGap: 3 });
    return this;
  }

  moveDown(points: number): this {
    this.doc.y += points;
    return this;
  }

  /** Starts a new page when less than `height` is left on this one. */
  private ensureSpace(height: number): void {
    if (this.doc.y + height > this.bottom) this.newPage();
  }

  newPage(): this {
    this.doc.addPage();
    this.doc.x = this.left;
    this.doc.y = MARGIN.top;
    return this;
  }

  /** Where the seal goes (its centre) when the rendering is sealed: the form's signature place. */
  sealAtPoint(point: { page: number; x: number; y: number }): this {
    this.sealAt = point;
    return this;
  }

  /**
   * A bordered table. `columns` are relative widths; a row is a list of cells, cells under a row span from above are
   * left out. Each row is as tall as its most wrapped cell; a row group joined by row spans moves whole to the next
   * page, and the first `header` rows are repeated there. Returns the rectangles of cells that carry an `anchor`.
   */
  table(columns: number[], rows: Cell[][], o: { header?: number; size?: number } = {}): Map<string, Anchor> {
    const size = o.size ?? SIZE.table;
    const total = columns.reduce((a, b) => a + b, 0);
    const xs = [this.left];
    for (const w of columns) xs.push(xs[xs.length - 1]! + (w / total) * this.width);
    const placed = placeCells(rows, columns.length);
    const heights = this.rowHeights(placed, rows.length, xs, size);
    const blocks = rowBlocks(placed, rows.length);
    const headerRows = o.header ?? 0;
    const anchors = new Map<string, Anchor>();

    // the header never stays behind alone: it starts on the page where the first body rows fit
    const firstBody = blocks.find(([first]) => first >= headerRows);
    const opening = sum(heights, 0, firstBody ? firstBody[1] + 1 : rows.length);
    if (this.doc.y + opening > this.bottom && this.doc.y > MARGIN.top) this.newPage();
    let y = this.doc.y;
    for (const [first, last] of blocks) {
      const h = sum(heights, first, last + 1);
      if (y + h > this.bottom && y > MARGIN.top + sum(heights, 0, headerRows) + 1 && first >= headerRows) {
        this.newPage();
        y = this.doc.y;
        y = this.drawRows(placed, 0, headerRows - 1, heights, xs, y, size, anchors);
      }
      y = this.drawRows(placed, first, last, heights, xs, y, size, anchors);
    }
    this.doc.x = this.left;
    this.doc.y = y;
    return anchors;
  }

  private cellWidth(c: PlacedCell, xs: number[]): number {
    return xs[c.col + c.span]! - xs[c.col]!;
  }

  private textHeight(c: Cell, width: number, size: number): number {
    this.setFont(c.bold, size);
    return c.text ? this.doc.heightOfString(c.text, { width: width - 2 * CELL_PAD_X, lineGap: LINE_GAP }) : 0;
  }

  /** Row heights so that every cell's text fits; a spanning cell that needs more grows its last row. */
  private rowHeights(placed: PlacedCell[], rowCount: number, xs: number[], size: number): number[] {
    this.setFont(false, size);
    const minimum = this.doc.currentLineHeight(true) + 2 * CELL_PAD_Y;
    const heights = new Array<number>(rowCount).fill(minimum);
    const need = (c: PlacedCell) =>
      Math.max(this.textHeight(c, this.cellWidth(c, xs), size) + 2 * CELL_PAD_Y, c.minHeight ?? 0);
    for (const c of placed) if (c.rowSpan === 1) heights[c.row] = Math.max(heights[c.row]!, need(c));
    for (const c of placed) {
      if (c.rowSpan === 1) continue;
      const have = sum(heights, c.row, c.row + c.rowSpan);
      const lastRow = c.row + c.rowSpan - 1;
      if (need(c) > have) heights[lastRow] = heights[lastRow]! + need(c) - have;
    }
    return heights;
  }

  private drawRows(
    placed: PlacedCell[],
    first: number,
    last: number,
    heights: number[],
    xs: number[],
    top: number,
    size: number,
    anchors: Map<string, Anchor>,
  ): number {
    if (last < first) return top;
    const rowTop = (r: number) => top + sum(heights, first, r);
    const doc = this.doc;
    doc.lineWidth(BORDER).strokeColor('#000').fillColor('#000');
    for (const c of placed) {
      if (c.row < first || c.row > last) continue;
      const x = xs[c.col]!;
      const y = rowTop(c.row);
      const w = this.cellWidth(c, xs);
      const h = sum(heights, c.row, c.row + c.rowSpan);
      doc.rect(x, y, w, h).stroke();
      if (c.anchor) anchors.set(c.anchor, { page: this.lastPage, x, y, width: w, height: h });
      if (!c.text) continue;
      const textH = this.textHeight(c, w, size);
      const dy = c.valign === 'top' ? CELL_PAD_Y : Math.max(CELL_PAD_Y, (h - textH) / 2);
      doc.text(c.text, x + CELL_PAD_X, y + dy, {
        width: w - 2 * CELL_PAD_X,
        height: h,
        align: c.align ?? 'left',
        lineGap: LINE_GAP,
      });
    }
    return rowTop(last + 1);
  }

  /** Writes `text` inside a table cell after the fact, e.g. 「（加盖单位公章）」 in the cell's lower right corner. */
  textIn(a: Anchor, text: string, o: { align: 'left' | 'right'; valign: 'top' | 'bottom'; size?: number }): this {
    const size = o.size ?? SIZE.table;
    this.setFont(false, size);
    const w = a.width - 2 * CELL_PAD_X;
    const h = this.doc.heightOfString(text, { width: w, lineGap: LINE_GAP });
    const y = o.valign === 'top' ? a.y + CELL_PAD_Y : a.y + a.height - CELL_PAD_Y - h;
    const { x: keepX, y: keepY } = this.doc;
    this.doc.switchToPage(a.page);
    this.doc.text(text, a.x + CELL_PAD_X, y, { width: w, height: h + 1, align: o.align, lineGap: LINE_GAP });
    this.doc.switchToPage(this.lastPage);
    this.doc.x = keepX;
    this.doc.y = keepY;
    return this;
  }

  /**
   * Borderless signature columns side by side (提供方 | 使用方); returns the page, each column's x and each line's
   * top, so a seal can be placed on a line.
   */
  signatureColumns(columns: string[][], o: { size?: number; lineHeight?: number } = {}) {
    const size = o.size ?? SIZE.body;
    const lineHeight = o.lineHeight ?? size * 2.6;
    const lines = Math.max(...columns.map((c) => c.length));
    this.ensureSpace(lines * lineHeight);
    this.setFont(false, size);
    const colWidth = this.width / columns.length;
    const top = this.doc.y;
    const xs = columns.map((_, i) => this.left + i * colWidth);
    const ys = Array.from({ length: lines }, (_, i) => top + i * lineHeight);
    columns.forEach((col, i) => {
      col.forEach((line, j) => {
        this.doc.text(line, xs[i]!, ys[j]!, { width: colWidth - 6, lineBreak: false });
      });
    });
    this.doc.x = this.left;
    this.doc.y = top + lines * lineHeight;
    return { page: this.lastPage, xs, ys, colWidth };
  }

  /**
   * For a sealed rendering: the QR code of the verification page with 「扫码核验电子印章」 and the document id, at
   * the current position (ZS-14). Nothing when unsealed.
   */
  verificationMark(): this {
    if (!this.stamp) return this;
    const qrSize = 68;
    this.moveDown(14);
    // below the seal when it sits on this page, so the two never overlap
    if (this.sealAt?.page === this.lastPage) this.doc.y = Math.max(this.doc.y, this.sealAt.y + SEAL_RADIUS + 8);
    this.ensureSpace(qrSize + 4);
    const y = this.doc.y;
    drawQrCode(this.doc, this.left, y, qrSize, this.stamp.verifyUrl);
    const textX = this.left + qrSize + 10;
    const textW = this.width - qrSize - 10;
    this.setFont(true, SIZE.table);
    this.doc.text('扫码核验电子印章', textX, y + 6, { width: textW });
    this.setFont(false, SIZE.small);
    this.doc.text(`文件标识：${this.stamp.documentId}`, textX, this.doc.y + 2, { width: textW });
    this.doc.text(`核验网址：${this.stamp.verifyUrl}`, textX, this.doc.y + 1, { width: textW });
    this.doc.x = this.left;
    this.doc.y = y + qrSize + 4;
    return this;
  }

  /** Draws the seal and page numbers, then closes the file. */
  async finish(): Promise<Buffer> {
    const doc = this.doc;
    const ended = new Promise<void>((resolve, reject) => {
      doc.on('end', resolve);
      doc.on('error', reject);
    });
    if (this.stamp && this.sealAt) {
      doc.switchToPage(this.sealAt.page);
      drawSeal(doc, this.sealAt.x, this.sealAt.y, this.stamp.orgName, FONT);
    }
    const { start, count } = doc.bufferedPageRange();
    for (let i = start; i < start + count; i++) {
      doc.switchToPage(i);
      this.setFont(false, SIZE.small);
      const label = `第 ${i - start + 1} 页  共 ${count} 页`;
      // lineBreak: false writes one line at an absolute position; it never adds a page inside the bottom margin
      doc.fillColor('#000').text(label, (A4[0] - doc.widthOfString(label)) / 2, FOOTER_Y, { lineBreak: false });
    }
    doc.end();
    await ended;
    return Buffer.concat(this.chunks);
  }
}

/** Assigns each cell its grid column, skipping the columns taken by row spans from rows above. */
function placeCells(rows: Cell[][], columnCount: number): PlacedCell[] {
  const takenUntil = new Array<number>(columnCount).fill(-1); // last row index a column is taken by a row span
  const placed: PlacedCell[] = [];
  rows.forEach((cells, row) => {
    let col = 0;
    for (const cell of cells) {
      while (col < columnCount && takenUntil[col]! >= row) col++;
      const span = cell.span ?? 1;
      const rowSpan = cell.rowSpan ?? 1;
      if (col + span > columnCount) throw new Error(`table row ${row} has more cells than columns`);
      placed.push({ ...cell, col, span, rowSpan, row });
      for (let c = col; c < col + span; c++) takenUntil[c] = row + rowSpan - 1;
      col += span;
    }
  });
  return placed;
}

/** Groups rows that row spans join: each group is drawn on one page. */
function rowBlocks(placed: PlacedCell[], rowCount: number): [number, number][] {
  const reach = new Array<number>(rowCount).fill(0).map((_, i) => i);
  for (const c of placed) reach[c.row] = Math.max(reach[c.row]!, c.row + c.rowSpan - 1);
  const blocks: [number, number][] = [];
  let first = 0;
  while (first < rowCount) {
    let last = first;
    for (let r = first; r <= last; r++) last = Math.max(last, reach[r]!);
    blocks.push([first, last]);
    first = last + 1;
  }
  return blocks;
}

const sum = (xs: number[], from: number, to: number) => xs.slice(from, to).reduce((a, b) => a + b, 0);

/**
 * The appended scene list of the order and the hand-over form: one row per scene (景/幅), header repeated on every
 * page. With `classified` it marks each scene 涉密/非涉密 (BX-F5 「标明数据是否涉密」).
 */
export function sceneAppendix<S extends SceneRow>(
  pdf: FormPdf,
  heading: string,
  scenes: S[],
  classified?: (scene: S) => boolean,
): void {
  const classifiedColumn = classified !== undefined;
  pdf.newPage().paragraph(heading, { bold: true, size: SIZE.body, align: 'left' }).moveDown(6);
  const head: Cell[] = [
    { text: '序号', align: 'center', bold: true },
    { text: '景（幅）标识', align: 'center', bold: true },
    { text: '名称', align: 'center', bold: true },
    { text: '成像时间', align: 'center', bold: true },
    { text: '分辨率', align: 'center', bold: true },
    { text: '密级', align: 'center', bold: true },
    ...(classifiedColumn ? [{ text: '是否涉密', align: 'center' as const, bold: true }] : []),
    { text: '数据量', align: 'center', bold: true },
  ];
  const body = scenes.map((s, i): Cell[] => [
    { text: String(i + 1), align: 'center' },
    { text: s.itemId },
    { text: s.title },
    { text: shortDate(s.datetime), align: 'center' },
    { text: formatGsd(s.gsd), align: 'center' },
    { text: s.secrecyLabel, align: 'center' },
    ...(classified ? [{ text: classified(s) ? '涉密' : '非涉密', align: 'center' as const }] : []),
    { text: formatBytes(s.sizeBytes), align: 'right' },
  ]);
  const widths = classifiedColumn ? [7, 23, 16, 13, 9, 9, 11, 12] : [7, 27, 21, 13, 9, 10, 13];
  pdf.table(widths, [head, ...body], { header: 1, size: SIZE.note });
}
