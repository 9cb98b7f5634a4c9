/**
 * CP-2 / issue #15 point 5: the port through which other code hears, inside the transaction that
 * passes a seat on (seat-passing.ts), that enrolments were offered a seat — from a withdrawal, a
 * declined offer or the expiry sweep alike. The composition root (src/server/app.ts) registers the
 * guardian's SMS here with the data key (the sweep has none of its own). A listener is registered
 * under a name: registering again replaces it. A listener's error rolls the transaction back.
 */
import type { Transaction } from 'kysely';
import type { Database, ProgramClassTable } from '../../db/schema.ts';

export interface SeatsOffered {
  klass: Pick<ProgramClassTable, 'id' | 'name' | 'region_code'>;
  enrolmentIds: readonly string[];
  /** When the offers lapse (ISO instant). */
  expiresAt: string;
  now: Date;
}

export type SeatsOfferedListener = (trx: Transaction<Database>, e: SeatsOffered) => Promise<void>;

const LISTENERS = new Map<string, SeatsOfferedListener>();

export function onSeatsOffered(name: string, listener: SeatsOfferedListener): void {
  LISTENERS.set(name, listener);
}

export async function announceSeatsOffered(
  trx: Transaction<Database>,
  e: SeatsOffered,
): Promise<void> {
  if (e.enrolmentIds.length === 0) return;
  for (const listener of LISTENERS.values()) await listener(trx, e);
}
