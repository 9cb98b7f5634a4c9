/** 受理回执 (GS-9): what was accepted, where, until when, and how to track it. */
import type { CaseDocument } from './document.data.ts';
import { dateZh, dueText, limitText, provisionalNote, STATE_LABELS } from './document-text.ts';
import type { CjkFont } from './pdf-font.ts';
import {
  closing,
  fieldTable,
  gridTable,
  header,
  heading,
  paragraph,
  qrPng,
  renderPdf,
} from './pdf-layout.ts';
import { ratingQrBlock } from './rating-qr.pdf.ts';

/** Before acceptance (materials still missing) the same paper is a 收件回执: materials received. */
export async function buildReceiptPdf(d: CaseDocument, font: CjkFont): Promise<Buffer> {
  const accepted = d.acceptedOn !== null;
  const title = accepted ? '受理回执' : '收件回执';
  const day = dateZh(d.acceptedOn ?? d.filedOn);
  const qr = await qrPng(d.trackingUrl);
  const rateQr = d.ratingUrl ? await qrPng(d.ratingUrl) : null;
  // What is missing now (the case's open requests), not the intake notice's list.
  const stillMissing = d.state === 'awaiting_supplement' ? d.missingNow : [];

  return renderPdf(
    {
      title: `${title} ${d.number}`,
      number: d.number,
      author: d.station.name,
      now: d.issuedAt,
      font,
    },
    (doc) => {
      header(doc, { issuer: d.station.name, title, number: d.number, qr, url: d.trackingUrl });
      paragraph(
        doc,
        accepted
          ? `${d.applicant.name}：您申请办理的“${d.item.name}”事项，本单位已于${day}受理，特此回执。`
          : `${d.applicant.name}：本单位已于${day}收到您申请办理“${d.item.name}”事项的材料。材料尚不齐全，请按《一次性告知书》补正，材料补齐后予以受理。`,
      );
      doc.moveDown(0.8);
      fieldTable(doc, [
        ['办件编号', d.number],
        ['事项名称', `${d.item.name}（事项编码 ${d.item.code}，第 ${d.item.version} 版）`],
        ['申请人', `${d.applicant.name}\u3000\u3000身份证号：${d.applicant.idMasked}`],
        ['受理单位', d.isTongban ? `${d.station.name}（通办受理）` : d.station.name],
        ['办理单位', d.decidingUnit],
        [accepted ? '受理日期' : '收件日期', day],
        ['办理时限', limitText(d.promisedLimitDays, d.legalLimitDays)],
        ['预计办结', dueText(d.dueDate, d.promisedLimitDays)],
        ['当前状态', STATE_LABELS[d.state]],
        ['咨询电话', `${d.station.phone}（${d.station.address}）`],
      ]);
      const provisional = provisionalNote(d.provisionalYears);
      if (provisional) paragraph(doc, provisional);

      heading(doc, `已收材料（共 ${d.presented.length} 项）`);
      if (d.presented.length === 0) paragraph(doc, '无。');
      else
        gridTable(
          doc,
          [
            { header: '序号', share: 0.09, align: 'center' },
            { header: '材料名称', share: 0.55 },
            { header: '提交形式', share: 0.36 },
          ],
          d.presented.map((m, i) => [String(i + 1), m.name, m.requirement]),
        );
      if (stillMissing.length > 0) {
        doc.moveDown(0.5);
        paragraph(
          doc,
          accepted
            ? `尚缺 ${stillMissing.length} 项材料：${stillMissing.map((m) => m.name).join('、')}。请补正后继续办理；补正期间办理时限暂停计算。`
            : `尚缺 ${stillMissing.length} 项必需材料：${stillMissing.map((m) => m.name).join('、')}。详见《一次性告知书》；办理时限自受理之日起计算。`,
        );
      }

      closing(doc, {
        url: d.trackingUrl,
        number: d.number,
        code: d.trackingCode,
        unit: d.station.name,
        date: day,
      });
      if (rateQr && d.ratingUrl) ratingQrBlock(doc, { qr: rateQr, url: d.ratingUrl });
    },
  );
}
