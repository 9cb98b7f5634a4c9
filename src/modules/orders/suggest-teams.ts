/** VS-5 指派 suggestions: ranked teams for directed dispatch, each score component shown. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { authorize, type Actor } from '../../shared/actor.ts';
import { rankTeams, SCORE_FORMULA } from './dispatch-score.ts';
import { loadOrder } from './order-access.ts';
import { CENTRE_ROLES } from './orders.common.ts';
import { HELD_STATES } from './order.workflow.ts';
import { underPrefix } from '../../shared/region-range.ts';

/**
 * Ranked teams for directed dispatch: active teams and sub-teams of the order's district, each
 * scored by category, region-tree distance and current load (see dispatch-score.ts).
 */
export async function suggestTeams(db: Kysely<Database>, input: { id: string; actor: Actor }) {
  const order = await loadOrder(db, input.id);
  authorize(input.actor, CENTRE_ROLES, order.region_code);
  const teams = await db
    .selectFrom('vs_teams')
    .selectAll()
    .where('active', '=', 1)
    .where('kind', '!=', 'corps')
    .where(underPrefix('region_code', order.region_code.slice(0, 6)))
    .where((eb) =>
      eb.or([eb('category_code', '=', order.category_code), eb('category_code', 'is', null)]),
    )
    .limit(500)
    .execute();
  const load = new Map<string, number>();
  if (teams.length) {
    const busy = await db
      .selectFrom('vs_orders')
      .select(['team_id', 'directed_team_id', 'state'])
      .where((eb) =>
        eb.or([
          eb.and([eb('state', 'in', [...HELD_STATES]), eb('team_id', 'is not', null)]),
          eb('state', '=', 'directed'),
        ]),
      )
      .execute();
    for (const b of busy) {
      const id = b.state === 'directed' ? b.directed_team_id : b.team_id;
      if (id) load.set(id, (load.get(id) ?? 0) + 1);
    }
  }
  const ranked = rankTeams(teams.map((t) => ({ team: t, order, load: load.get(t.id) ?? 0 }))).slice(
    0,
    10,
  );
  return {
    formula: SCORE_FORMULA,
    teams: ranked.map((s) => {
      const t = teams.find((x) => x.id === s.teamId)!;
      return {
        ...s,
        teamName: t.name,
        regionCode: t.region_code,
        categoryCode: t.category_code,
      };
    }),
  };
}
