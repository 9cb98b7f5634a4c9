/** CP-1: an organiser creates a program with its classes, in their grant's region. */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { auditActor, authorize, type Actor } from '../../shared/actor.ts';
import { ORGANISER } from './programs.access.ts';
import type { NewProgram, ProgramView } from './programs.schema.ts';
import { presentPrograms } from './program-view.ts';
import { CLASS_DAY_DEFAULTS } from './class-sessions.rules.ts';
import { neighbourhoodNames } from './neighbourhoods.ts';

function implausible(body: NewProgram): boolean {
  if (body.seasonEndsOn < body.seasonStartsOn) return true;
  return body.classes.some(
    (c) =>
      c.capacity > c.hardMax ||
      (c.minAge !== null && c.maxAge !== null && c.minAge > c.maxAge) ||
      (c.minGrade !== null && c.maxGrade !== null && c.minGrade > c.maxGrade) ||
      (c.mode === 'lottery' &&
        (c.closesAt === null || Date.parse(c.closesAt) <= Date.parse(c.opensAt))),
  );
}

export async function createProgram(
  db: Kysely<Database>,
  input: { body: NewProgram; actor: Actor; requestId: string; now: Date },
): Promise<ProgramView> {
  const { body, actor, now } = input;
  const grant = authorize(actor, ORGANISER, body.regionCode);
  if (implausible(body)) throw new AppError('CP_PROGRAM_INVALID');
  const named = body.classes.flatMap((c) => c.catchmentNeighbourhoods);
  if (named.length > 0) {
    const listed = new Set(await neighbourhoodNames(db, body.regionCode));
    if (named.some((n) => !listed.has(n))) throw new AppError('CP_NEIGHBOURHOOD_UNKNOWN');
  }
  const id = crypto.randomUUID();
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('programs')
      .values({
        id,
        organiser_account_id: actor.accountId,
        organiser_name: body.organiserName,
        title: body.title,
        kind: body.kind,
        venue_name: body.venueName,
        region_code: body.regionCode,
        season_starts_on: body.seasonStartsOn,
        season_ends_on: body.seasonEndsOn,
        fee_fen: body.feeFen,
        waiver_note: body.waiverNote,
        status: 'published',
        created_at: at,
        updated_at: at,
      })
      .execute();
    await trx
      .insertInto('program_classes')
      .values(
        body.classes.map((c) => ({
          id: crypto.randomUUID(),
          program_id: id,
          region_code: body.regionCode,
          name: c.name,
          capacity: c.capacity,
          hard_max: c.hardMax,
          min_age: c.minAge,
          max_age: c.maxAge,
          min_grade: c.minGrade,
          max_grade: c.maxGrade,
          catchment_codes: JSON.stringify(c.catchmentCodes),
          catchment_neighbourhoods: JSON.stringify([...new Set(c.catchmentNeighbourhoods)]),
          outside_catchment: c.outsideCatchment,
          mode: c.mode,
          opens_at: new Date(c.opensAt).toISOString(),
          closes_at: c.closesAt === null ? null : new Date(c.closesAt).toISOString(),
          offer_hours: c.offerHours,
          confirmed_count: 0,
          offered_count: 0,
          queue_seq: 0,
          created_at: at,
          ...CLASS_DAY_DEFAULTS,
        })),
      )
      .execute();
    await recordAudit(trx, {
      actor: auditActor(actor, grant),
      action: 'program.created',
      entityType: 'program',
      entityId: id,
      regionCode: body.regionCode,
      after: { title: body.title, kind: body.kind, classes: body.classes.length },
      requestId: input.requestId,
      now,
    });
  });
  const row = await db
    .selectFrom('programs')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return (await presentPrograms(db, [row], () => true))[0]!;
}
