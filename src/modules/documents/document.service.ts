/** The printed papers of a case (GS-5, GS-9) as PDF, for staff who may see the case. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../shared/actor.ts';
import { loadCaseDocument, type CaseDocument } from './document.data.ts';
import { renderInPool, type PdfTaskBase } from './pdf-pool.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import { receiptRatingLinkProvider } from './receipt-rating.port.ts';

export type CaseDocumentKind = 'receipt' | 'notice';

/** A case's paper as the PDF worker draws it (src/workers/pdf-render.ts). */
export interface CaseDocumentPdfTask extends PdfTaskBase {
  kind: CaseDocumentKind;
  data: CaseDocument;
}

const TITLES: Record<CaseDocumentKind, string> = { receipt: '受理回执', notice: '一次性告知书' };

export async function caseDocumentPdf(
  db: Kysely<Database>,
  input: {
    kind: CaseDocumentKind;
    id: string;
    actor: Actor;
    now: Date;
    publicUrl: string;
    pii: PiiCipher;
  },
): Promise<{ filename: string; localName: string; body: Buffer }> {
  // GS-13: the receipt carries the case's rating QR (read after the scope check in loadCaseDocument).
  const link = receiptRatingLinkProvider();
  const ratingLink =
    input.kind === 'receipt' && link
      ? (caseId: string) =>
          link(db, {
            caseId,
            pii: input.pii,
            publicUrl: input.publicUrl,
            now: input.now,
            createdBy: input.actor.accountId,
          })
      : undefined;
  const data = await loadCaseDocument(db, { ...input, ratingLink });
  const body = await renderInPool<CaseDocumentPdfTask>({
    kind: input.kind,
    data,
    fontSetting: process.env.DOORSTEP_CJK_FONT,
  });
  return {
    filename: `${input.kind}-${data.number}.pdf`,
    localName: `${TITLES[input.kind]}-${data.number}.pdf`,
    body,
  };
}
