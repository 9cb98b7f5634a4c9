/**
 * GS-13: the port through which other modules hear, inside the transition's own transaction, that a
 * case was finished for the applicant (delivered, then closed). Ratings registers its invitation
 * here at start-up (the composition root), so cases imports nothing of theirs. A listener is
 * registered under a name: registering again replaces it (each app build registers once more).
 */
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';

export interface CaseFinished {
  caseId: string;
  to: 'delivered' | 'closed';
  pii: PiiCipher;
  now: Date;
}

export type CaseFinishedListener = (trx: Transaction<Database>, e: CaseFinished) => Promise<void>;

const LISTENERS = new Map<string, CaseFinishedListener>();

export function onCaseFinished(name: string, listener: CaseFinishedListener): void {
  LISTENERS.set(name, listener);
}

/** Called by the transition when a case reaches delivered or closed; a listener's error rolls back. */
export async function announceCaseFinished(
  trx: Transaction<Database>,
  e: Omit<CaseFinished, 'to'> & { to: string },
): Promise<void> {
  if (e.to !== 'delivered' && e.to !== 'closed') return;
  for (const listener of LISTENERS.values()) await listener(trx, { ...e, to: e.to });
}
