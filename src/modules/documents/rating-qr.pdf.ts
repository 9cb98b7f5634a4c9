/**
 * GS-13 on the receipt: a boxed "扫码评价 / Scan to rate" block with a QR code of the case's rating
 * link (ratings' receiptRatingLink: PUBLIC_URL based, one source for links), and the link in text.
 */
import {
  BODY,
  BOLD,
  CONTENT_WIDTH,
  ensureSpace,
  LINE,
  MARGIN,
  MUTED,
  SIZE,
  TEXT,
  type Doc,
} from './pdf-layout.ts';

const QR_SIDE = 84;
const PAD = 8;

export function ratingQrBlock(doc: Doc, r: { qr: Buffer; url: string }): void {
  const textX = MARGIN.left + PAD + QR_SIDE + PAD * 1.5;
  const textW = CONTENT_WIDTH - (textX - MARGIN.left) - PAD;
  const zh = '办结后请扫码对本次服务进行评价（好差评），您的评价将用于改进服务，评价人信息保密。';
  const en =
    'Scan to rate: once the service is finished, tell us how it went. Your name is kept confidential.';
  const boxH = QR_SIDE + 2 * PAD;
  ensureSpace(doc, boxH + 16);
  doc.moveDown(0.8);
  const y = doc.y;
  doc.lineWidth(0.8).strokeColor(LINE).roundedRect(MARGIN.left, y, CONTENT_WIDTH, boxH, 4).stroke();
  doc.image(r.qr, MARGIN.left + PAD, y + PAD, { width: QR_SIDE, height: QR_SIDE });
  let ty = y + PAD;
  const line = (text: string, font: string, size: number, color: string, link?: string) => {
    doc.font(font).fontSize(size).fillColor(color);
    doc.text(text, textX, ty, { width: textW, lineGap: 1.5, ...(link ? { link } : {}) });
    ty = doc.y + 2;
  };
  line('扫码评价 / Scan to rate', BOLD, SIZE + 1, TEXT);
  line(zh, BODY, 9.5, TEXT);
  line(r.url, BODY, 8.5, TEXT, r.url);
  line(en, BODY, 7.5, MUTED);
  doc.font(BODY).fontSize(SIZE).fillColor(TEXT);
  doc.x = MARGIN.left;
  doc.y = y + boxH;
}
