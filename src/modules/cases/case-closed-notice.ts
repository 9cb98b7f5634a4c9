import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { notify } from '../notifications/notification.service.ts';
import { TERMINAL_STATES, type CaseState } from './case.workflow.ts';

/**
 * GS-4: tells a case's first responder, in the transition's own transaction, that the case reached
 * closed, refused or withdrawn. Does nothing for other states.
 */
export async function notifyFirstResponderOnClose(
  trx: Transaction<Database>,
  input: {
    kase: { id: string; number: string; first_responder_id: string };
    to: string;
    now: Date;
  },
): Promise<void> {
  if (!TERMINAL_STATES.includes(input.to as CaseState)) return;
  await notify(trx, {
    accountId: input.kase.first_responder_id,
    kind: 'case_closed',
    params: {
      caseNumber: input.kase.number,
      outcome: input.to as 'closed' | 'refused' | 'withdrawn',
    },
    entityType: 'case',
    entityId: input.kase.id,
    now: input.now,
  });
}
