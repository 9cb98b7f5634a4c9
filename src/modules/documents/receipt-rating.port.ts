/**
 * GS-13: the port through which the receipt gets its "扫码评价" link. Ratings provides it at start-up
 * (the composition root), so documents imports nothing of ratings (ratings already reaches
 * documents' importers: a direct import would close a module cycle). Unprovided, no block prints.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';

export type ReceiptRatingLink = (
  db: Kysely<Database>,
  input: { caseId: string; pii: PiiCipher; publicUrl: string; now: Date; createdBy: string | null },
) => Promise<string>;

let provider: ReceiptRatingLink | null = null;

export function provideReceiptRatingLink(p: ReceiptRatingLink): void {
  provider = p;
}

export function receiptRatingLinkProvider(): ReceiptRatingLink | null {
  return provider;
}
