/**
 * GS-12 figures per town and station: staff trained (attended at least one session of the town in
 * the period), items covered (items with at least one holder of a valid competence among the
 * station's staff, today), and the gaps — (station, required item) with no competent holder.
 * Live per request, like the other figures; one town's rows are small.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../shared/actor.ts';
import { chinaDate } from '../../shared/china-time.ts';
import { AppError } from '../../shared/problem.ts';
import { itemNames, itemRef, readerTown, townPrefix, townStaff } from './training-town.ts';
import { underPrefix } from '../../shared/region-range.ts';

export async function trainingFigures(
  db: Kysely<Database>,
  input: { townCode?: string | undefined; from: string; to: string; actor: Actor; now: Date },
) {
  if (input.from > input.to) throw new AppError('TRAINING_DATE_INVALID');
  const townCode = readerTown(input.actor, input.townCode);
  const prefix = townPrefix(townCode);
  const today = chinaDate(input.now);
  const stations = await db
    .selectFrom('stations')
    .select(['id', 'name', 'kind'])
    .where(underPrefix('region_code', prefix))
    .where('kind', 'in', ['town_centre', 'village_station'])
    .orderBy('kind') // town_centre before village_station
    .orderBy('region_code')
    .execute();
  const staff = (await townStaff(db, townCode)).filter((s) => s.stationId !== null);
  const staffIds = [...new Set(staff.map((s) => s.id))];
  const sessions = await db
    .selectFrom('training_sessions')
    .select('id')
    .where('town_code', '=', townCode)
    .where('held_on', '>=', input.from)
    .where('held_on', '<=', input.to)
    .execute();
  const trained = new Set(
    sessions.length === 0 || staffIds.length === 0
      ? []
      : (
          await db
            .selectFrom('training_attendance')
            .select('account_id')
            .where('status', '=', 'present')
            .where(
              'session_id',
              'in',
              sessions.map((s) => s.id),
            )
            .execute()
        ).map((r) => r.account_id),
  );
  const competences =
    staffIds.length === 0
      ? []
      : await db
          .selectFrom('competences')
          .select(['account_id', 'item_code'])
          .where('account_id', 'in', staffIds)
          .where('revoked_at', 'is', null)
          .where('certified_on', '<=', today)
          .where('expires_on', '>=', today)
          .execute();
  const required = (
    await db
      .selectFrom('competence_requirements')
      .select('item_code')
      .where('town_code', '=', townCode)
      .where('required', '=', 1)
      .orderBy('item_code')
      .execute()
  ).map((r) => r.item_code);
  const names = await itemNames(db, required);

  const rows = stations.map((st) => {
    const people = new Set(staff.filter((s) => s.stationId === st.id).map((s) => s.id));
    const items = new Set(
      competences.filter((c) => people.has(c.account_id)).map((c) => c.item_code),
    );
    return {
      station: st,
      people,
      items,
      figure: {
        stationId: st.id,
        stationName: st.name,
        staff: people.size,
        staffTrained: [...people].filter((p) => trained.has(p)).length,
        itemsCovered: items.size,
      },
    };
  });
  const gaps = rows
    .filter((r) => r.people.size > 0)
    .flatMap((r) =>
      required
        .filter((code) => !r.items.has(code))
        .map((code) => ({
          stationId: r.station.id,
          stationName: r.station.name,
          item: itemRef(names, code),
        })),
    );
  return {
    townCode,
    from: input.from,
    to: input.to,
    sessions: sessions.length,
    stations: rows.map((r) => r.figure),
    gaps,
  };
}

export type TrainingFiguresAnswer = Awaited<ReturnType<typeof trainingFigures>>;
