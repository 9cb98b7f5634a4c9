/**
 * One printed paper drawn from its data: what a PDF worker runs (pdf.worker.mjs). The font is
 * located and parsed inside the worker, once per worker, from the setting the request saw.
 */
import { buildCertificatePdf } from '../records/certificate.pdf.ts';
import type { CertificateSnapshot } from '../records/certificate.rules.ts';
import type { CaseDocument } from './document.data.ts';
import { buildNoticePdf } from './notice.pdf.ts';
import { locateCjkFont } from './pdf-font.ts';
import { buildReceiptPdf } from './receipt.pdf.ts';

export type PdfTask = { fontSetting: string | undefined } & (
  | { kind: 'receipt' | 'notice'; data: CaseDocument }
  | {
      kind: 'certificate';
      data: CertificateSnapshot;
      revoked: { revokedOn: string | null; reason: string | null };
      now: Date;
    }
);

export type PdfResult =
  { ok: true; pdf: Uint8Array } | { ok: false; code: 'DOCUMENT_FONT_MISSING' };

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
