/**
 * CP-2 a draw anyone can re-run: the recorded seed, inputs and order of a class's lottery, and a
 * verification that recomputes the draw from them (the same pure `drawLottery`) and checks the
 * applications' rows against it. Readable by everyone who may see the program.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database, LotteryDrawTable } from '../../db/schema.ts';
import { parseJsonColumn } from '../../db/json-column.ts';
import { AppError } from '../../shared/problem.ts';
import type { Actor } from '../../shared/actor.ts';
import { drawLottery } from './enrolment.rules.ts';
import { loadClass, loadProgram, organises } from './programs.access.ts';
import type { LotteryDrawView } from './programs.schema.ts';
import { parseEnrolmentReasons } from './programs.stored.ts';

const Inputs = z.array(
  z.object({ id: z.string(), siblingGroup: z.string().nullable(), priorityRank: z.number() }),
);
const Ids = z.array(z.string());

export function presentDraw(row: LotteryDrawTable): LotteryDrawView {
  return {
    classId: row.class_id,
    seed: Number(row.seed),
    places: Number(row.places),
    algorithm: 'mulberry32-fisher-yates-v1',
    inputs: parseJsonColumn(Inputs, row.inputs, 'program_lottery_draws.inputs'),
    order: parseJsonColumn(Ids, row.drawn_order, 'program_lottery_draws.drawn_order'),
    enrolled: parseJsonColumn(Ids, row.enrolled, 'program_lottery_draws.enrolled'),
    waitlisted: parseJsonColumn(Ids, row.waitlisted, 'program_lottery_draws.waitlisted'),
    drawnAt: new Date(row.drawn_at).toISOString(),
    drawnBy: row.drawn_by_account_id ? 'organiser' : 'sweep',
  };
}

/** The recorded draw of a class whose program the caller may see. */
export async function getDraw(
  db: Kysely<Database>,
  input: { classId: string; actor: Actor },
): Promise<LotteryDrawView> {
  const klass = await loadClass(db, input.classId);
  const program = await loadProgram(db, klass.program_id);
  if (program.status !== 'published' && !organises(input.actor, program.region_code))
    throw new AppError('CP_CLASS_NOT_FOUND');
  const row = await db
    .selectFrom('program_lottery_draws')
    .selectAll()
    .where('class_id', '=', klass.id)
    .executeTakeFirst();
  if (!row) throw new AppError('CP_DRAW_NOT_FOUND');
  return presentDraw(row);
}

/** Re-runs the recorded draw and compares it with the record and with the rows. */
export async function verifyDraw(db: Kysely<Database>, input: { classId: string; actor: Actor }) {
  const draw = await getDraw(db, input);
  const again = drawLottery(draw.inputs, draw.places, draw.seed);
  const same = (a: readonly string[], b: readonly string[]) =>
    a.length === b.length && a.every((x, i) => x === b[i]);
  const matches =
    same(again.order, draw.order) &&
    same(again.enrolled, draw.enrolled) &&
    same(again.waitlisted, draw.waitlisted);
  // Each application carries the draw's result in its reasons, whatever happened to it since.
  const rows = await db
    .selectFrom('enrolments')
    .select(['id', 'reasons'])
    .where('class_id', '=', draw.classId)
    .where('id', 'in', draw.order.length > 0 ? draw.order : [''])
    .execute();
  const won = new Set(draw.enrolled);
  const rowsAgree =
    rows.length === draw.order.length &&
    rows.every((r) => {
      const entry = parseEnrolmentReasons(r.reasons).find(
        (e): e is { action: string; reason?: string } =>
          typeof e === 'object' && e !== null && (e as { action?: unknown }).action === 'draw',
      );
      return entry?.reason === (won.has(r.id) ? 'enrolled' : 'waitlisted');
    });
  return {
    classId: draw.classId,
    seed: draw.seed,
    matches,
    recomputedOrder: again.order,
    recomputedEnrolled: again.enrolled,
    rowsAgree,
  };
}
