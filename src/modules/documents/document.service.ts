/** The printed papers of a case (GS-5, GS-9) as PDF, for staff who may see the case. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../shared/actor.ts';
import { loadCaseDocument } from './document.data.ts';
import { renderInPool } from './pdf-pool.ts';

export type CaseDocumentKind = 'receipt' | 'notice';

const TITLES: Record<CaseDocumentKind, string> = { receipt: '受理回执', notice: '一次性告知书' };

export async function caseDocumentPdf(
  db: Kysely<Database>,
  input: { kind: CaseDocumentKind; id: string; actor: Actor; now: Date; publicUrl: string },
): Promise<{ filename: string; localName: string; body: Buffer }> {
  const data = await loadCaseDocument(db, input);
  const body = await renderInPool({
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
