/**
 * The rows every filing writes in its transaction — at the window (case-intake.service.ts) and
 * online (case-online-intake.ts): the case, the one-time notice's open requests (GS-5) and the
 * first action `file`.
 */
import crypto from 'node:crypto';
import type { Transaction } from 'kysely';
import type { CaseTable, Database } from '../../db/schema.ts';
import { insertRequests } from './case-requests.repo.ts';
import type { OneTimeNotice } from './case.notice.ts';
import { noticeRequests } from './case.requests.ts';

export async function insertFiledCase(
  trx: Transaction<Database>,
  row: CaseTable,
  notice: OneTimeNotice,
  act: { actorId: string; actorRole: string; stationId: string; payload: Record<string, unknown> },
): Promise<void> {
  await trx.insertInto('cases').values(row).execute();
  // GS-5: every material the notice lists is an open request until a supplement brings it.
  await insertRequests(
    trx,
    row.id,
    noticeRequests(notice, { by: act.actorId, at: row.created_at }),
  );
  await trx
    .insertInto('case_actions')
    .values({
      id: crypto.randomUUID(),
      case_id: row.id,
      seq: 1,
      action: 'file',
      from_state: null,
      to_state: row.state,
      actor_id: act.actorId,
      actor_role: act.actorRole,
      station_id: act.stationId,
      reason: null,
      payload: JSON.stringify(act.payload),
      at: row.created_at,
    })
    .execute();
}
