/**
 * 一次性告知书 (GS-5): every missing material with its form, copies and notes, the basis, the
 * procedure, the time limit and the fee, told once; as issued at intake.
 */
import type { CaseDocument, MaterialLine } from './document.data.ts';
import { dateZh, limitText, procedureSteps } from './document-text.ts';
import type { CjkFont } from './pdf-font.ts';
import {
  closing,
  type Doc,
  fieldTable,
  gridTable,
  header,
  heading,
  paragraph,
  qrPng,
  renderPdf,
} from './pdf-layout.ts';

function opening(d: CaseDocument): string {
  const applied = `您于${dateZh(d.filedOn)}在${d.station.name}申请办理“${d.item.name}”事项（第 ${d.item.version} 版）。`;
  if (!d.notice.complete)
    return `${applied}经核对，您提交的申请材料尚不齐全。现将需要补正的全部材料一次性告知如下，请补齐后到本镇任一政务服务站提交，不必回到原受理点。`;
  const optional = d.notice.missing.length > 0 ? '下列材料为可选材料，如有可一并提供。' : '';
  return `${applied}经核对，您提交的申请材料齐全，已予受理。${optional}`;
}

/** Every missing material; the notes column only when some material has notes. */
function missingTable(doc: Doc, missing: readonly MaterialLine[]): void {
  const withNotes = missing.some((m) => m.notes);
  gridTable(
    doc,
    [
      { header: '序号', share: 0.07, align: 'center' },
      { header: '材料名称', share: withNotes ? 0.32 : 0.5 },
      { header: '提交要求', share: withNotes ? 0.27 : 0.33 },
      { header: '必需', share: 0.1, align: 'center' },
      ...(withNotes ? [{ header: '说明', share: 0.24 }] : []),
    ],
    missing.map((m, i) => [
      String(i + 1),
      m.name,
      m.requirement,
      m.required ? '必需' : '可选',
      ...(withNotes ? [m.notes || '—'] : []),
    ]),
  );
}

export async function buildNoticePdf(d: CaseDocument, font: CjkFont): Promise<Buffer> {
  const title = '一次性告知书';
  const qr = await qrPng(d.trackingUrl);
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
      paragraph(doc, `${d.applicant.name}（身份证号 ${d.applicant.idMasked}）：`);
      doc.moveDown(0.3);
      paragraph(doc, opening(d), { indent: true });

      const optionalOnly = d.notice.complete && d.notice.missing.length > 0;
      heading(doc, optionalOnly ? '一、可选材料' : '一、需要补正的材料');
      if (d.notice.missing.length === 0) paragraph(doc, '无，申请材料齐全。');
      else missingTable(doc, d.notice.missing);
      doc.moveDown(0.4);
      paragraph(
        doc,
        '除本告知书所列材料外，不会再要求您提交其他材料。已提交的材料经审核确需重新提交的，经办人将书面说明理由。',
        { indent: true },
      );

      heading(doc, '二、办理须知');
      fieldTable(doc, [
        ['已交材料', d.notice.presented.map((m) => m.name).join('、') || '无'],
        ['办理依据', d.notice.basis],
        ['办理流程', procedureSteps(d.notice.procedure).join('\n')],
        [
          '办理时限',
          `${limitText(d.promisedLimitDays, d.legalLimitDays)}；由${d.decidingUnit}办理`,
        ],
        ['收费标准', d.notice.fee],
      ]);

      closing(doc, {
        url: d.trackingUrl,
        number: d.number,
        code: d.trackingCode,
        unit: d.station.name,
        date: dateZh(d.filedOn),
      });
    },
  );
}
