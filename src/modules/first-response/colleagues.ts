/**
 * Colleagues a matter can be handed to (GS-4): staff who handle matters (clerk, agent, town and
 * district officers) whose grant lies inside the caller's reach — for a village clerk, the staff of
 * the town's stations and its town centre. Names and stations only; no personal data.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema.ts';
import { reachPrefixes, type Actor } from '../../shared/actor.ts';
import { actorOf } from '../../shared/route-actor.ts';
import { chinaDate } from '../../shared/china-time.ts';
import { competentAccountIds } from '../training/competence-gate.ts';
import { underAnyPrefix } from '../../shared/region-range.ts';

const HANDLERS = ['clerk', 'agent', 'town_officer', 'district_officer'] as const;

/**
 * GS-12: with an item code, colleagues holding a valid competence for it come first, marked
 * `competent` (the suggestion a refused clerk sees); the rest keep their order.
 */
export async function listColleagues(
  db: Kysely<Database>,
  actor: Actor,
  opts: { itemCode?: string | undefined; now?: Date } = {},
) {
  const prefixes = reachPrefixes(actor, HANDLERS);
  if (prefixes.length === 0) return [];
  const rows = await db
    .selectFrom('role_grants as g')
    .innerJoin('accounts as a', 'a.id', 'g.account_id')
    .leftJoin('stations as s', 's.id', 'g.station_id')
    .select(['a.id', 'a.display_name', 'g.role', 's.name as station_name'])
    .where('g.role', 'in', HANDLERS)
    .where('a.status', '=', 'active')
    .where('a.id', '!=', actor.accountId)
    .where(underAnyPrefix('g.region_code', prefixes))
    .orderBy('g.region_code')
    .orderBy('a.display_name')
    .limit(500)
    .execute();
  const people = rows.map((r) => ({
    id: r.id,
    displayName: r.display_name,
    role: r.role,
    stationName: r.station_name,
  }));
  if (!opts.itemCode || !opts.now) return people;
  const competent = await competentAccountIds(db, {
    itemCode: opts.itemCode,
    today: chinaDate(opts.now),
    accountIds: [...new Set(people.map((p) => p.id))],
  });
  const marked = people.map((p) => ({ ...p, competent: competent.has(p.id) }));
  return [...marked.filter((p) => p.competent), ...marked.filter((p) => !p.competent)];
}

export const colleagueRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/colleagues',
    {
      config: { access: { roles: HANDLERS } },
      schema: {
        tags: ['first-response'],
        summary: 'Staff in my reach a matter can be handed to (名字与服务站，不含个人信息)',
        description:
          'With `itemCode` (GS-12), colleagues holding a valid competence for the item come first and carry `competent`.',
        querystring: z.strictObject({ itemCode: z.string().trim().min(1).max(40).optional() }),
        response: {
          200: z.array(
            z.object({
              id: z.string(),
              displayName: z.string(),
              role: z.string(),
              stationName: z.string().nullable(),
              competent: z.boolean().optional(),
            }),
          ),
        },
      },
    },
    async (request) =>
      listColleagues(app.kysely, actorOf(request), {
        itemCode: request.query.itemCode,
        now: app.deps.now(),
      }),
  );
};
