/**
 * Drawing blocks shared by the printed papers: an A4 page with the issuer, title, case number and
 * tracking QR code at the top; bordered field and grid tables that break across pages; the
 * tracking hint; the signature and stamp lines; page numbers. Set in Noto Sans CJK at 五号 (10.5 pt).
 */
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { registerCjkFonts, type CjkFont } from './pdf-font.ts';

export type Doc = PDFKit.PDFDocument;

const PAGE = { width: 595.28, height: 841.89 };
export const MARGIN = { top: 48, bottom: 56, left: 62, right: 62 };
export const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
export const BODY = 'cjk';
export const BOLD = 'cjk-bold';
export const SIZE = 10.5;
export const TEXT = '#111111';
export const MUTED = '#555555';
export const LINE = '#333333';
const SHADE = '#eeeeee';
const PAD = 4.5;
const TALLEST_ROW = (PAGE.height - MARGIN.top - MARGIN.bottom) * 0.6;

export function qrPng(url: string): Promise<Buffer> {
  return QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 1, scale: 8 });
}

/**
 * Turns off ligatures for every string the document draws or measures. Noto Sans CJK joins "ff",
 * "fi", "fl" into one glyph, and the embedded subset then maps that glyph back to the wrong
 * character: a volunteer number such as "…4dff" printed on a certificate read back (copied, or
 * checked by a verifier's tool) as "…4d于". Numbers and codes must read back as printed.
 */
const NO_LIGATURES = { liga: false, clig: false, dlig: false };
export function withoutLigatures(doc: Doc): Doc {
  type Options = Record<string, unknown> | undefined;
  const withFeatures = (o: Options) => ({ features: NO_LIGATURES, ...(o ?? {}) });
  const d = doc as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const name of ['text', 'widthOfString', 'heightOfString'] as const) {
    const original = d[name]!.bind(doc);
    d[name] = (...args: unknown[]) => {
      // text(str, options) | text(str, x, y, options); measure(str, options)
      const at = args.findIndex((a, i) => i > 0 && typeof a === 'object' && a !== null);
      if (at >= 0) args[at] = withFeatures(args[at] as Options);
      else if (name === 'text' && args.length >= 3) args[3] = withFeatures(undefined);
      else args[1] = withFeatures(undefined);
      return original(...args);
    };
  }
  return doc;
}

export async function renderPdf(
  meta: { title: string; number: string; author: string; now: Date; font: CjkFont },
  draw: (doc: Doc) => void,
): Promise<Buffer> {
  const doc = withoutLigatures(
    new PDFDocument({
      size: 'A4',
      margins: MARGIN,
      bufferPages: true,
      lang: 'zh-CN',
      displayTitle: true,
      info: {
        Title: meta.title,
        Author: meta.author,
        Creator: 'Doorstep 家门口',
        CreationDate: meta.now,
      },
    }),
  );
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  registerCjkFonts(doc, meta.font, { body: BODY, bold: BOLD });
  draw(doc);
  pageFooters(doc, meta.number);
  doc.end();
  return done;
}

export function ensureSpace(doc: Doc, height: number): boolean {
  if (doc.y + height <= PAGE.height - MARGIN.bottom) return false;
  doc.addPage();
  return true;
}

export function header(
  doc: Doc,
  h: { issuer: string; title: string; number: string; qr: Buffer; url: string },
): void {
  const qrSize = 78;
  const qrX = PAGE.width - MARGIN.right - qrSize;
  doc.image(h.qr, qrX, MARGIN.top, { width: qrSize });
  doc.link(qrX, MARGIN.top, qrSize, qrSize, h.url);
  doc.font(BODY).fontSize(7.5).fillColor(MUTED);
  doc.text('扫码查询办理进度', qrX - 10, MARGIN.top + qrSize + 2, {
    width: qrSize + 20,
    align: 'center',
  });
  doc
    .fillColor(TEXT)
    .fontSize(12)
    .text(h.issuer, MARGIN.left, MARGIN.top + 6, {
      width: CONTENT_WIDTH,
      align: 'center',
    });
  doc
    .font(BOLD)
    .fontSize(24)
    .text(h.title, MARGIN.left, MARGIN.top + 26, {
      width: CONTENT_WIDTH,
      align: 'center',
      characterSpacing: 8,
    });
  doc
    .font(BODY)
    .fontSize(12)
    .text(`办件编号：${h.number}`, MARGIN.left, MARGIN.top + 66, {
      width: CONTENT_WIDTH,
      align: 'center',
    });
  const ruleY = MARGIN.top + qrSize + 18;
  const right = PAGE.width - MARGIN.right;
  doc.strokeColor(LINE).lineWidth(1.5).moveTo(MARGIN.left, ruleY).lineTo(right, ruleY).stroke();
  doc
    .lineWidth(0.5)
    .moveTo(MARGIN.left, ruleY + 3)
    .lineTo(right, ruleY + 3)
    .stroke();
  doc.x = MARGIN.left;
  doc.y = ruleY + 13;
}

export function paragraph(doc: Doc, text: string, opts: { indent?: boolean } = {}): void {
  doc.font(BODY).fontSize(SIZE).fillColor(TEXT);
  doc.text(text, MARGIN.left, doc.y, {
    width: CONTENT_WIDTH,
    indent: opts.indent ? SIZE * 2 : 0,
    lineGap: 3,
  });
}

export function heading(doc: Doc, text: string): void {
  ensureSpace(doc, 48);
  doc.moveDown(0.6);
  doc.font(BOLD).fontSize(12).fillColor(TEXT).text(text, MARGIN.left, doc.y, {
    width: CONTENT_WIDTH,
  });
  doc.moveDown(0.25);
}

/** Label | value rows, the label cell shaded. */
export function fieldTable(doc: Doc, rows: readonly (readonly [string, string])[]): void {
  const labelW = 92;
  const valueW = CONTENT_WIDTH - labelW;
  doc.lineWidth(0.6).strokeColor(LINE);
  for (const [label, value] of rows) {
    doc.font(BODY).fontSize(SIZE);
    const h = doc.heightOfString(value || ' ', { width: valueW - 2 * PAD, lineGap: 2 }) + 2 * PAD;
    if (h > TALLEST_ROW) {
      // A cell longer than most of a page cannot be ruled: print it as a heading and text.
      heading(doc, label);
      paragraph(doc, value);
      doc.moveDown(0.5);
      continue;
    }
    ensureSpace(doc, h);
    const y = doc.y;
    doc.rect(MARGIN.left, y, labelW, h).fillAndStroke(SHADE, LINE);
    doc.rect(MARGIN.left + labelW, y, valueW, h).stroke();
    doc
      .fillColor(TEXT)
      .font(BOLD)
      .text(label, MARGIN.left + PAD, y + PAD, {
        width: labelW - 2 * PAD,
      });
    doc.font(BODY).text(value, MARGIN.left + labelW + PAD, y + PAD, {
      width: valueW - 2 * PAD,
      lineGap: 2,
    });
    doc.x = MARGIN.left;
    doc.y = y + h;
  }
}

export interface Column {
  header: string;
  /** Share of the content width. */
  share: number;
  align?: 'left' | 'center';
}

/** A ruled grid; the header row repeats on a new page. */
export function gridTable(doc: Doc, columns: readonly Column[], rows: readonly string[][]): void {
  const widths = columns.map((c) => c.share * CONTENT_WIDTH);
  const rowHeight = (cells: readonly string[]) =>
    Math.max(
      ...cells.map((c, i) => doc.heightOfString(c || ' ', { width: widths[i]! - 2 * PAD })),
    ) +
    2 * PAD;
  const drawRow = (cells: readonly string[], head: boolean) => {
    doc.font(head ? BOLD : BODY).fontSize(head ? SIZE : SIZE - 0.5);
    const h = rowHeight(cells);
    if (ensureSpace(doc, h) && !head)
      drawRow(
        columns.map((c) => c.header),
        true,
      );
    doc.font(head ? BOLD : BODY).fontSize(head ? SIZE : SIZE - 0.5);
    const y = doc.y;
    let x = MARGIN.left;
    cells.forEach((cell, i) => {
      const w = widths[i]!;
      if (head) doc.rect(x, y, w, h).fillAndStroke(SHADE, LINE);
      else doc.rect(x, y, w, h).stroke();
      doc.fillColor(TEXT).text(cell, x + PAD, y + PAD, {
        width: w - 2 * PAD,
        align: head ? 'center' : (columns[i]!.align ?? 'left'),
      });
      x += w;
    });
    doc.x = MARGIN.left;
    doc.y = y + h;
  };
  doc.lineWidth(0.6).strokeColor(LINE);
  drawRow(
    columns.map((c) => c.header),
    true,
  );
  for (const r of rows) drawRow(r, false);
}

/**
 * The foot of the paper: on the left how residents follow the case without an account (GS-9),
 * with a small English line; on the right the lines the clerk signs and stamps.
 */
export function closing(
  doc: Doc,
  c: { url: string; number: string; code: string; unit: string; date: string },
): void {
  const gap = 18;
  const leftW = CONTENT_WIDTH * 0.62;
  const inner = leftW - 2 * (PAD + 3);
  const x = MARGIN.left + PAD + 3;
  const zh =
    '扫描首页右上角二维码，或访问下方网址并输入办件编号和查询码，即可查询办理进度，无需注册。请妥善保管本回执。';
  const en = 'Scan the QR code, or enter the case number and this tracking code online.';
  const parts: { text: string; font: string; size: number; color: string; link?: string }[] = [
    { text: '查询办理进度', font: BOLD, size: SIZE, color: TEXT },
    { text: `查询码：${c.code}`, font: BOLD, size: 14, color: TEXT },
    { text: zh, font: BODY, size: 9.5, color: TEXT },
    { text: c.url, font: BODY, size: 9, color: TEXT, link: c.url },
    { text: en, font: BODY, size: 7.5, color: MUTED },
  ];
  const heightOf = (p: (typeof parts)[number]) =>
    doc.font(p.font).fontSize(p.size).heightOfString(p.text, { width: inner, lineGap: 2 }) + 2;
  const boxH = parts.reduce((h, p) => h + heightOf(p), 2 * PAD + 2);
  const sx = MARGIN.left + leftW + gap;
  const sw = CONTENT_WIDTH - leftW - gap;
  const lines = ['经办人（签字）：', `受理单位（盖章）：\n${c.unit}`, `日期：${c.date}`];
  doc.font(BODY).fontSize(SIZE);
  const signGap = SIZE * 1.3;
  const signH = lines.reduce((h, l) => h + doc.heightOfString(l, { width: sw }) + signGap, 6);
  ensureSpace(doc, Math.max(boxH, signH) + 20);
  doc.moveDown(0.9);
  const y = doc.y;
  doc.lineWidth(0.8).strokeColor(LINE).roundedRect(MARGIN.left, y, leftW, boxH, 4).stroke();
  let ty = y + PAD + 2;
  for (const p of parts) {
    doc.font(p.font).fontSize(p.size).fillColor(p.color);
    doc.text(p.text, x, ty, { width: inner, lineGap: 2, ...(p.link ? { link: p.link } : {}) });
    ty += heightOf(p);
  }
  doc.font(BODY).fontSize(SIZE).fillColor(TEXT);
  doc.y = y + 6;
  for (const text of lines) {
    doc.text(text, sx, doc.y, { width: sw });
    doc.y += signGap;
  }
  doc.x = MARGIN.left;
  doc.y = y + Math.max(boxH, signH);
}

function pageFooters(doc: Doc, number: string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing inside the margin must not start a new page
    doc.font(BODY).fontSize(7.5).fillColor(MUTED);
    doc.text(
      `办件编号 ${number}\u3000第 ${i + 1} 页 / 共 ${range.count} 页`,
      MARGIN.left,
      PAGE.height - 40,
      {
        width: CONTENT_WIDTH,
        align: 'center',
      },
    );
    doc.page.margins.bottom = bottom;
  }
}
