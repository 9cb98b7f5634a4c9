/**
 * CP-2 the lottery draw. After a class's application window closes, its organiser (or the sweep)
 * draws: a fresh seed is recorded with the applications drawn among, priority groups are ranked
 * first, then the seeded order (siblings as one unit); winners are enrolled up to the seats, the
 * rest waitlisted in the drawn order, and the class is first-come from then on. The draw claims
 * the class by one conditional update (`drawn_at IS NULL`), so two draws at once — two organisers,
 * two sweepers on two nodes — draw exactly once.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { recordAudit, type AuditActor } from '../audit/audit.service.ts';
import { auditActor, authorize, type Actor } from '../../shared/actor.ts';
import { drawLottery, type LotteryEntry } from './enrolment.rules.ts';
import { loadClass, ORGANISER } from './programs.access.ts';
import type { LotteryDrawView } from './programs.schema.ts';
import { presentDraw } from './lottery-record.ts';
import { withReason } from './seat-passing.ts';

const SWEEP_ACTOR: AuditActor = { accountId: null, role: 'system', stationId: null };

/** A fresh seed for a draw: 31 bits, so it is stored as a plain integer on both databases. */
export const newDrawSeed = (): number => crypto.randomInt(0, 2 ** 31);

/**
 * Draws the class. `actor` 'sweep': the deadline sweep. `seed` may be given by a test; otherwise a fresh one.
 */
export async function drawClass(
  db: Kysely<Database>,
  input: {
    classId: string;
    actor: Actor | 'sweep';
    requestId: string | null;
    now: Date;
    seed?: number;
  },
): Promise<LotteryDrawView> {
  const { actor, now } = input;
  const klass = await loadClass(db, input.classId);
  const grant = actor === 'sweep' ? null : authorize(actor, ORGANISER, klass.region_code);
  if (klass.mode !== 'lottery') throw new AppError('CP_NOT_LOTTERY');
  if (klass.drawn_at !== null) throw new AppError('CP_DRAW_DONE');
  if (klass.closes_at === null || now.getTime() <= Date.parse(klass.closes_at))
    throw new AppError('CP_DRAW_NOT_DUE');
  const seed = input.seed ?? newDrawSeed();
  const at = now.toISOString();
  const audit = actor !== 'sweep' && grant ? auditActor(actor, grant) : SWEEP_ACTOR;
  await db.transaction().execute(async (trx) => {
    // The claim: one draw wins; it also locks the class against applications meanwhile.
    const claimed = await trx
      .updateTable('program_classes')
      .set({ drawn_at: at })
      .where('id', '=', klass.id)
      .where('mode', '=', 'lottery')
      .where('drawn_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (!claimed) throw new AppError('CP_DRAW_DONE');
    const applied = await trx
      .selectFrom('enrolments')
      .select(['id', 'sibling_group', 'priority_rank', 'reasons'])
      .where('class_id', '=', klass.id)
      .where('status', '=', 'applied')
      .execute();
    const inputs: LotteryEntry[] = applied
      .map((a) => ({ id: a.id, siblingGroup: a.sibling_group, priorityRank: a.priority_rank }))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const places = Math.max(0, claimed.capacity - claimed.confirmed_count);
    const result = drawLottery(inputs, places, seed);
    const won = new Set(result.enrolled);
    const reasonsOf = new Map(applied.map((a) => [a.id, a.reasons]));
    for (const [k, id] of result.order.entries()) {
      const status = won.has(id) ? 'enrolled' : 'waitlisted';
      await trx
        .updateTable('enrolments')
        .set({
          status,
          position: k + 1,
          reasons: withReason(reasonsOf.get(id)!, { at, action: 'draw', reason: status }),
          updated_at: at,
        })
        .where('id', '=', id)
        .where('status', '=', 'applied')
        .execute();
    }
    await trx
      .updateTable('program_classes')
      .set((eb) => ({ confirmed_count: eb('confirmed_count', '+', result.enrolled.length) }))
      .where('id', '=', klass.id)
      .execute();
    await trx
      .insertInto('program_lottery_draws')
      .values({
        class_id: klass.id,
        region_code: klass.region_code,
        seed,
        places,
        inputs: JSON.stringify(inputs),
        drawn_order: JSON.stringify(result.order),
        enrolled: JSON.stringify(result.enrolled),
        waitlisted: JSON.stringify(result.waitlisted),
        drawn_by_account_id: actor === 'sweep' ? null : actor.accountId,
        drawn_at: at,
      })
      .execute();
    await recordAudit(trx, {
      actor: audit,
      action: 'lottery.drawn',
      entityType: 'program_class',
      entityId: klass.id,
      regionCode: klass.region_code,
      after: {
        seed,
        places,
        applications: inputs.length,
        enrolled: result.enrolled.length,
        waitlisted: result.waitlisted.length,
      },
      requestId: input.requestId,
      now,
    });
  });
  const row = await db
    .selectFrom('program_lottery_draws')
    .selectAll()
    .where('class_id', '=', klass.id)
    .executeTakeFirstOrThrow();
  return presentDraw(row);
}

/** The sweep: draws every lottery whose window has closed (safe with several sweepers at once). */
export async function drawDueLotteries(
  db: Kysely<Database>,
  input: { now: Date; limit?: number },
): Promise<number> {
  const due = await db
    .selectFrom('program_classes')
    .select('id')
    .where('mode', '=', 'lottery')
    .where('drawn_at', 'is', null)
    .where('closes_at', '<', input.now.toISOString())
    .orderBy('closes_at')
    .limit(input.limit ?? 50)
    .execute();
  let drawn = 0;
  for (const c of due) {
    try {
      await drawClass(db, { classId: c.id, actor: 'sweep', requestId: null, now: input.now });
      drawn++;
    } catch (err) {
      if (err instanceof AppError && err.code === 'CP_DRAW_DONE') continue; // another sweeper won
      throw err;
    }
  }
  return drawn;
}
