/**
 * GS-13: the port through which other modules hear, inside the `complete` transaction, that a home
 * visit was done. Ratings registers here at start-up (the composition root) to make the visit a
 * rating subject and invite the resident, so home-visits imports nothing of theirs. Registering a
 * name again replaces its listener.
 */
import type { Transaction } from 'kysely';
import type { Database, HomeVisitTable } from '../../db/schema.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';

export interface VisitDone {
  visit: Pick<HomeVisitTable, 'id' | 'resident_id' | 'station_id' | 'case_id'>;
  pii: PiiCipher;
  now: Date;
}

export type VisitDoneListener = (trx: Transaction<Database>, e: VisitDone) => Promise<void>;

const LISTENERS = new Map<string, VisitDoneListener>();

export function onVisitDone(name: string, listener: VisitDoneListener): void {
  LISTENERS.set(name, listener);
}

/** Called by the `complete` transition in its transaction; a listener's error rolls it back. */
export async function afterVisitDone(trx: Transaction<Database>, e: VisitDone): Promise<void> {
  for (const listener of LISTENERS.values()) await listener(trx, e);
}
