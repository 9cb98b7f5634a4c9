/**
 * CP-3 the day's pickup code: one per enrolled child, program (the station) and day, unique there
 * that day (a unique index; a clash draws again). Created the first time anyone needs it: the
 * guardian reading today's slip, or staff releasing the child. The guardian reads only their own.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { authorize, type Actor } from '../../shared/actor.ts';
import { chinaDate } from '../../shared/china-time.ts';
import { sessionOn } from './class-sessions.rules.ts';
import { classDayOf } from './class-sessions.ts';
import { drawPickupCode, tagOf } from './pickup-code.rules.ts';
import { GUARDIAN, isUniqueViolation, myChild } from './programs.access.ts';
import type { PickupCodeView } from './programs-day.schema.ts';
import type { z } from 'zod';

type Db = Kysely<Database>;

/** The child's code at the program on `day`, drawn once. */
export async function ensurePickupCode(
  db: Db,
  input: {
    programId: string;
    childId: string;
    day: string;
    now: Date;
    draw?: () => string;
  },
): Promise<{ code: string; tag: string }> {
  const find = () =>
    db
      .selectFrom('program_pickup_codes')
      .select(['code', 'tag'])
      .where('program_id', '=', input.programId)
      .where('day', '=', input.day)
      .where('child_id', '=', input.childId)
      .executeTakeFirst();
  for (let attempt = 0; attempt < 20; attempt++) {
    const found = await find();
    if (found) return found;
    const code = (input.draw ?? drawPickupCode)();
    try {
      await db
        .insertInto('program_pickup_codes')
        .values({
          id: crypto.randomUUID(),
          program_id: input.programId,
          child_id: input.childId,
          day: input.day,
          code,
          tag: tagOf(code),
          created_at: input.now.toISOString(),
        })
        .execute();
    } catch (e) {
      if (!isUniqueViolation(e)) throw e; // another child holds the code, or a racing first read
    }
  }
  throw new Error('no free pickup code after 20 draws');
}

/** Today's codes of the guardian's child: one per program with a session today. */
export async function todaysPickupCodes(
  db: Db,
  input: { childId: string; actor: Actor; now: Date },
): Promise<z.infer<typeof PickupCodeView>[]> {
  authorize(input.actor, GUARDIAN);
  const child = await myChild(db, input.actor, input.childId);
  const day = chinaDate(input.now);
  const rows = await db
    .selectFrom('enrolments as e')
    .innerJoin('program_classes as c', 'c.id', 'e.class_id')
    .innerJoin('programs as p', 'p.id', 'c.program_id')
    .selectAll('c')
    .select(['p.title as program_title', 'p.venue_name', 'p.season_starts_on', 'p.season_ends_on'])
    .where('e.child_id', '=', child.id)
    .where('e.status', '=', 'enrolled')
    .where('p.status', '=', 'published')
    .orderBy('c.id')
    .execute();
  const out: z.infer<typeof PickupCodeView>[] = [];
  for (const r of rows) {
    const times = sessionOn(classDayOf(r, r), day);
    if (typeof times === 'string') continue;
    const { code, tag } = await ensurePickupCode(db, {
      programId: r.program_id,
      childId: child.id,
      day,
      now: input.now,
    });
    out.push({
      programId: r.program_id,
      programTitle: r.program_title,
      venueName: r.venue_name,
      classId: r.id,
      className: r.name,
      day,
      startsAt: times.startsAt,
      endsAt: times.endsAt,
      code,
      tag,
    });
  }
  return out;
}
