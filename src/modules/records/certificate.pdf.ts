/**
 * 志愿服务记录证明 as an A4 PDF: the fields of the 2021 《志愿服务记录与证明出具办法》 (identity with
 * masked ID and volunteer number; hours and content; issuer, person in charge, handler, contact;
 * number and date), and a QR code to the public verification page. Reuses the documents module's
 * font loading and table blocks; the header, closing and footers are drawn here because those of
 * the case papers speak of 办件编号 and tracking.
 */
import PDFDocument from 'pdfkit';
import { registerCjkFonts, type CjkFont } from '../documents/pdf-font.ts';
import {
  CONTENT_WIDTH,
  fieldTable,
  gridTable,
  heading,
  paragraph,
  qrPng,
  SIZE,
  type Doc,
  withoutLigatures,
} from '../documents/pdf-layout.ts';
import type { PdfTaskBase } from '../documents/pdf-pool.ts';
import { hoursText, type CertificateSnapshot } from './certificate.rules.ts';

/** A certificate as the PDF worker draws it (src/workers/pdf-render.ts). */
export interface CertificatePdfTask extends PdfTaskBase {
  kind: 'certificate';
  data: CertificateSnapshot;
  revoked: { revokedOn: string | null; reason: string | null };
  now: Date;
}

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { top: 48, bottom: 56, left: 62, right: 62 };
const BODY = 'cjk'; // the names pdf-layout's blocks draw with
const BOLD = 'cjk-bold';
const TEXT = '#111111';
const MUTED = '#555555';
const LINE = '#333333';
const RED = '#b71c1c';

function dateZh(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

function header(doc: Doc, s: CertificateSnapshot, qr: Buffer): void {
  const qrSize = 78;
  const qrX = PAGE.width - MARGIN.right - qrSize;
  doc.image(qr, qrX, MARGIN.top, { width: qrSize });
  doc.link(qrX, MARGIN.top, qrSize, qrSize, s.verifyUrl);
  doc.font(BODY).fontSize(7.5).fillColor(MUTED);
  doc.text('扫码核验证明真伪', qrX - 10, MARGIN.top + qrSize + 2, {
    width: qrSize + 20,
    align: 'center',
  });
  doc
    .fillColor(TEXT)
    .fontSize(12)
    .text(s.issuer.organisation, MARGIN.left, MARGIN.top + 6, {
      width: CONTENT_WIDTH,
      align: 'center',
    });
  doc
    .font(BOLD)
    .fontSize(22)
    .text('志愿服务记录证明', MARGIN.left, MARGIN.top + 26, {
      width: CONTENT_WIDTH,
      align: 'center',
      characterSpacing: 4,
    });
  doc
    .font(BODY)
    .fontSize(12)
    .text(`证明编号：${s.certificateNumber}`, MARGIN.left, MARGIN.top + 62, {
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

function closing(doc: Doc, s: CertificateSnapshot): void {
  const leftW = CONTENT_WIDTH * 0.6;
  const sx = MARGIN.left + leftW + 18;
  const sw = CONTENT_WIDTH - leftW - 18;
  if (doc.y + 105 > PAGE.height - MARGIN.bottom) doc.addPage();
  doc.moveDown(1);
  const y = doc.y;
  doc
    .font(BOLD)
    .fontSize(SIZE)
    .fillColor(TEXT)
    .text('核验本证明', MARGIN.left + 8, y + 6, {
      width: leftW - 16,
    });
  doc
    .font(BODY)
    .fontSize(9.5)
    .text('扫描首页右上角二维码或访问下方网址，可查询本证明是否有效（有效或已撤销），无需注册。', {
      width: leftW - 16,
      lineGap: 2,
    });
  doc.fontSize(9).text(s.verifyUrl, { width: leftW - 16, link: s.verifyUrl });
  doc
    .fontSize(7.5)
    .fillColor(MUTED)
    .text('Verify this certificate online by its number; no account needed.', {
      width: leftW - 16,
    });
  const boxH = doc.y - y + 8;
  doc.lineWidth(0.8).strokeColor(LINE).roundedRect(MARGIN.left, y, leftW, boxH, 4).stroke();
  doc.font(BODY).fontSize(SIZE).fillColor(TEXT);
  let ty = y + 6;
  for (const line of [
    `经办人：${s.issuer.handler}`,
    `出具单位（盖章）：\n${s.issuer.organisation}`,
    `出具日期：${dateZh(s.issuedOn)}`,
  ]) {
    doc.text(line, sx, ty, { width: sw });
    ty = doc.y + SIZE * 1.2;
  }
  doc.x = MARGIN.left;
  doc.y = Math.max(y + boxH, ty);
}

function footers(doc: Doc, number: string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font(BODY).fontSize(7.5).fillColor(MUTED);
    doc.text(
      `证明编号 ${number}\u3000第 ${i + 1} 页 / 共 ${range.count} 页`,
      MARGIN.left,
      PAGE.height - 40,
      { width: CONTENT_WIDTH, align: 'center' },
    );
    doc.page.margins.bottom = bottom;
  }
}

export async function buildCertificatePdf(
  s: CertificateSnapshot,
  revoked: { revokedOn: string | null; reason: string | null },
  font: CjkFont,
  now: Date,
): Promise<Buffer> {
  const qr = await qrPng(s.verifyUrl);
  const doc = withoutLigatures(
    new PDFDocument({
      size: 'A4',
      margins: MARGIN,
      bufferPages: true,
      lang: 'zh-CN',
      displayTitle: true,
      info: {
        Title: `志愿服务记录证明 ${s.certificateNumber}`,
        Author: s.issuer.organisation,
        Creator: 'Doorstep 家门口',
        CreationDate: now,
      },
    }),
  );
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  registerCjkFonts(doc, font, { body: BODY, bold: BOLD });

  header(doc, s, qr);
  if (revoked.revokedOn) {
    doc
      .font(BOLD)
      .fontSize(14)
      .fillColor(RED)
      .text(
        `本证明已于${dateZh(revoked.revokedOn)}撤销${revoked.reason ? `：${revoked.reason}` : ''}`,
        MARGIN.left,
        doc.y,
        { width: CONTENT_WIDTH, align: 'center' },
      );
    doc.moveDown(0.6);
  }
  const hours = hoursText(s.totalHalfHours);
  const period = s.period ? `${dateZh(s.period.from)}至${dateZh(s.period.to)}` : '（无）';
  paragraph(
    doc,
    `兹证明${s.volunteer.name}（身份证号：${s.volunteer.idMasked}，志愿者编号：${s.volunteer.volunteerNumber}）${s.period ? `于${period}期间` : ''}参加${s.issuer.organisation}组织的志愿服务，经记录确认的志愿服务时长累计 ${hours} 小时。服务内容见下表。特此证明。`,
    { indent: true },
  );
  doc.moveDown(0.8);
  fieldTable(doc, [
    ['姓名', s.volunteer.name],
    ['身份证号', s.volunteer.idMasked],
    ['志愿者编号', s.volunteer.volunteerNumber],
    ['服务时长', `${hours} 小时（共 ${s.services.length} 次服务）`],
    ['服务期间', period],
    ['出具组织', s.issuer.organisation],
    ['负责人', s.issuer.personInCharge],
    ['经办人', s.issuer.handler],
    ['联系电话', s.issuer.contactPhone],
  ]);
  heading(doc, `志愿服务内容（共 ${s.services.length} 次）`);
  gridTable(
    doc,
    [
      { header: '序号', share: 0.08, align: 'center' },
      { header: '日期', share: 0.16, align: 'center' },
      { header: '服务内容', share: 0.38 },
      { header: '地点', share: 0.26 },
      { header: '时长（小时）', share: 0.12, align: 'center' },
    ],
    s.services.map((x, i) => [
      String(i + 1),
      x.date,
      x.content,
      x.place,
      hoursText(Math.round(x.hours * 2)),
    ]),
  );
  if (s.training.length > 0) {
    heading(doc, `培训记录（共 ${s.training.length} 项，不计入服务时长）`);
    gridTable(
      doc,
      [
        { header: '日期', share: 0.2, align: 'center' },
        { header: '培训内容', share: 0.62 },
        { header: '学时', share: 0.18, align: 'center' },
      ],
      s.training.map((x) => [x.date, x.title, hoursText(Math.round(x.hours * 2))]),
    );
  }
  closing(doc, s);
  footers(doc, s.certificateNumber);
  doc.end();
  return done;
}
