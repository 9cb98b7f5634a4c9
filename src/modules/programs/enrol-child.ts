/**
 * CP-2 enrolment on opening day: never over capacity, whatever the burst, on either database.
 * In one transaction the class counter is taken by a conditional update (`confirmed_count <
 * capacity`, which also hands out the next position); when no seat is left the child is
 * waitlisted with the next position, and the waitlist is read in priority-then-position order.
 * A lottery class collects applications instead (status `applied`) until its window closes.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/schema.ts';
import type { EnrolmentStatus } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { auditActor, authorize, type Actor } from '../../shared/actor.ts';
import { eligibilityRefusal, priorityRank } from './enrolment.rules.ts';
import { LIVE_STATUSES } from './enrolment.workflow.ts';
import { GUARDIAN, isUniqueViolation, loadClass, loadProgram, myChild } from './programs.access.ts';
import type { EnrolmentView, NewEnrolment } from './programs.schema.ts';
import { presentEnrolment } from './program-view.ts';
import { parseCatchmentCodes } from './programs.stored.ts';

export async function enrolChild(
  db: Kysely<Database>,
  input: {
    classId: string;
    body: z.infer<typeof NewEnrolment>;
    actor: Actor;
    requestId: string;
    now: Date;
  },
): Promise<EnrolmentView> {
  const { actor, now, body } = input;
  const grant = authorize(actor, GUARDIAN);
  const child = await myChild(db, actor, body.childId);
  const klass = await loadClass(db, input.classId);
  const program = await loadProgram(db, klass.program_id);
  const t = now.getTime();
  const windowClosed = klass.closes_at !== null && t > Date.parse(klass.closes_at);
  if (program.status !== 'published' || t < Date.parse(klass.opens_at))
    throw new AppError('CP_CLASS_NOT_OPEN');
  if (klass.mode === 'lottery' && windowClosed) throw new AppError('CP_CLASS_NOT_OPEN');
  const refusal = eligibilityRefusal(
    { birthDate: child.birth_date, regionCode: child.region_code },
    {
      minAge: klass.min_age,
      maxAge: klass.max_age,
      catchmentCodes: parseCatchmentCodes(klass.catchment_codes),
    },
    program.season_starts_on,
  );
  if (refusal) throw new AppError(refusal);
  const live = await db
    .selectFrom('enrolments')
    .select('id')
    .where('class_id', '=', klass.id)
    .where('child_id', '=', child.id)
    .where('status', 'in', LIVE_STATUSES)
    .executeTakeFirst();
  if (live) throw new AppError('CP_ENROLMENT_DUPLICATE');

  const id = crypto.randomUUID();
  const at = now.toISOString();
  try {
    await db.transaction().execute(async (trx) => {
      let status: EnrolmentStatus = 'applied';
      let seq: { queue_seq: number } | undefined;
      if (klass.mode === 'first_come') {
        seq = await trx
          .updateTable('program_classes')
          .set((eb) => ({
            confirmed_count: eb('confirmed_count', '+', 1),
            queue_seq: eb('queue_seq', '+', 1),
          }))
          .where('id', '=', klass.id)
          .where((eb) => eb('confirmed_count', '<', eb.ref('capacity')))
          .returning('queue_seq')
          .executeTakeFirst();
        status = seq ? 'enrolled' : 'waitlisted';
      }
      seq ??= await trx
        .updateTable('program_classes')
        .set((eb) => ({ queue_seq: eb('queue_seq', '+', 1) }))
        .where('id', '=', klass.id)
        .returning('queue_seq')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('enrolments')
        .values({
          id,
          class_id: klass.id,
          child_id: child.id,
          guardian_account_id: actor.accountId,
          region_code: klass.region_code,
          status,
          priority_groups: JSON.stringify(body.priorityGroups),
          priority_rank: priorityRank(body.priorityGroups),
          position: Number(seq.queue_seq),
          applied_at: at,
          offer_expires_at: null,
          reasons: '[]',
          updated_at: at,
        })
        .execute();
      await recordAudit(trx, {
        actor: auditActor(actor, grant),
        action: 'enrolment.created',
        entityType: 'enrolment',
        entityId: id,
        regionCode: klass.region_code,
        after: {
          classId: klass.id,
          childId: child.id,
          status,
          position: Number(seq.queue_seq),
          priorityGroups: body.priorityGroups.map((g) => g.group),
        },
        requestId: input.requestId,
        now,
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('CP_ENROLMENT_DUPLICATE');
    throw err;
  }
  return presentEnrolment(db, id, 'guardian');
}
