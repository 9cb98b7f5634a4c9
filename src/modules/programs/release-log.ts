/** CP-3 the day's release log: every handover and every refused attempt, who, to whom, when. */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../shared/actor.ts';
import { reachDay } from './programs-day.access.ts';
import type { ReleaseLogView } from './programs-day.schema.ts';

export async function releaseLog(
  db: Kysely<Database>,
  input: { classId: string; day: string; actor: Actor; now: Date },
): Promise<z.infer<typeof ReleaseLogView>[]> {
  const { session } = await reachDay(db, input.actor, input);
  const rows = await db
    .selectFrom('program_release_log as l')
    .innerJoin('children as c', 'c.id', 'l.child_id')
    .innerJoin('accounts as a', 'a.id', 'l.staff_account_id')
    .selectAll('l')
    .select(['c.real_name', 'a.display_name'])
    .where('l.session_id', '=', session.id)
    .orderBy('l.at')
    .orderBy('l.id')
    .execute();
  return rows.map((l) => ({
    id: l.id,
    childId: l.child_id,
    childName: l.real_name,
    outcome: l.outcome,
    refusal: l.refusal,
    presentedBy: l.presented_by,
    staffName: l.display_name,
    at: new Date(l.at).toISOString(),
  }));
}
