/**
 * One printed paper drawn from its data: what a PDF worker runs (pdf.worker.mjs). The worker is a
 * composition root of its own: it knows every module that draws a paper (documents: receipts and
 * notices; records: certificates), while those modules know only the pool they print through
 * (documents/pdf-pool.ts). The font is located and parsed inside the worker, once per worker, from
 * the setting the request saw.
 */
import type { CaseDocumentPdfTask } from '../modules/documents/document.service.ts';
import { buildNoticePdf } from '../modules/documents/notice.pdf.ts';
import { locateCjkFont } from '../modules/documents/pdf-font.ts';
import type { PdfResult } from '../modules/documents/pdf-pool.ts';
import { buildReceiptPdf } from '../modules/documents/receipt.pdf.ts';
import {
  buildCertificatePdf,
  type CertificatePdfTask,
} from '../modules/records/certificate.pdf.ts';

/** Every paper a worker draws; `kind` picks the drawing. */
export type PdfTask = CaseDocumentPdfTask | CertificatePdfTask;

export async function renderDocument(task: PdfTask): Promise<PdfResult> {
  const font = locateCjkFont(
    task.fontSetting === undefined ? {} : { DOORSTEP_CJK_FONT: task.fontSetting },
  );
  if (!font) return { ok: false, code: 'DOCUMENT_FONT_MISSING' };
  switch (task.kind) {
    case 'receipt':
      return { ok: true, pdf: await buildReceiptPdf(task.data, font) };
    case 'notice':
      return { ok: true, pdf: await buildNoticePdf(task.data, font) };
    case 'certificate':
      return {
        ok: true,
        pdf: await buildCertificatePdf(task.data, task.revoked, font, task.now),
      };
  }
}
