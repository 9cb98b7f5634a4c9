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
import { AfterCursor, keysetPageSchema, listTotal } from '../../shared/keyset.ts';
import {
  decodeTupleCursor,
  encodeTupleCursor,
  tupleCursorAfter,
  tupleKeysetQuery,
  tuplePageOf,
  type TupleKeysetOrder,
} from '../../shared/keyset-tuple.ts';

const HANDLERS = ['clerk', 'agent', 'town_officer', 'district_officer'] as const;

/** The handling grants in the caller's reach, active accounts but the caller's own; unordered. */
function colleagueGrants(db: Kysely<Database>, actor: Actor) {
  const prefixes = reachPrefixes(actor, HANDLERS);
  if (prefixes.length === 0) return null;
  return db
    .selectFrom('role_grants as g')
    .innerJoin('accounts as a', 'a.id', 'g.account_id')
    .leftJoin('stations as s', 's.id', 'g.station_id')
    .select(['g.id as grant_id', 'g.region_code', 'a.id', 'a.display_name', 'g.role'])
    .select('s.name as station_name')
    .where('g.role', 'in', HANDLERS)
    .where('a.status', '=', 'active')
    .where('a.id', '!=', actor.accountId)
    .where(underAnyPrefix('g.region_code', prefixes));
}
type GrantRow = Awaited<ReturnType<NonNullable<ReturnType<typeof colleagueGrants>>['execute']>>;

const person = (r: GrantRow[number]) => ({
  id: r.id,
  displayName: r.display_name,
  role: r.role,
  stationName: r.station_name,
});

/**
 * GS-12: with an item code, colleagues holding a valid competence for it come first, marked
 * `competent` (the suggestion a refused clerk sees); the rest keep their order.
 */
export async function listColleagues(
  db: Kysely<Database>,
  actor: Actor,
  opts: { itemCode?: string | undefined; now?: Date } = {},
) {
  const q = colleagueGrants(db, actor);
  if (!q) return [];
  // The grant's id last: ties of region and name in one order, the keyset page's (below).
  const rows = await q
    .orderBy('g.region_code')
    .orderBy('a.display_name')
    .orderBy('g.id')
    .limit(500)
    .execute();
  const people = rows.map(person);
  if (!opts.itemCode || !opts.now) return people;
  const competent = await competentAccountIds(db, {
    itemCode: opts.itemCode,
    today: chinaDate(opts.now),
    accountIds: [...new Set(people.map((p) => p.id))],
  });
  const marked = people.map((p) => ({ ...p, competent: competent.has(p.id) }));
  return [...marked.filter((p) => p.competent), ...marked.filter((p) => !p.competent)];
}

/**
 * Issue #16 p5: the same list by keyset, in the same order: grants by region, name, then the
 * grant's id (tuple keyset). With an item code the list is walked twice — the competent
 * colleagues, then the rest — and the cursor names its walk, so the competent still come first.
 */
const columns = [
  { column: 'g.region_code', kind: 'text' },
  { column: 'a.display_name', kind: 'text' },
  { column: 'g.id', kind: 'uuid' },
] as const;
export const COLLEAGUE_ORDER: TupleKeysetOrder = { list: 'colleagues', columns };
const COMPETENT_ORDER: TupleKeysetOrder = { list: 'colleagues-competent', columns };

export async function pageColleagues(
  db: Kysely<Database>,
  actor: Actor,
  input: { itemCode?: string | undefined; now: Date; limit: number; after?: string | undefined },
) {
  const { itemCode, limit } = input;
  const competentFirst = itemCode !== undefined;
  // Where the walk stands: in the competent walk (only with an item code), or in the rest.
  const inCompetent =
    competentFirst && input.after && decodeTupleCursor(COMPETENT_ORDER, input.after);
  const restAfter = inCompetent ? null : tupleCursorAfter(COLLEAGUE_ORDER, input.after);
  const q = colleagueGrants(db, actor);
  if (!q) return { items: [], nextCursor: null, total: 0, totalExact: true };
  const holds = (competent: boolean) =>
    q.where((eb) => {
      const held = eb.exists(
        eb
          .selectFrom('competences as c')
          .select('c.account_id')
          .whereRef('c.account_id', '=', 'a.id')
          .where('c.item_code', '=', itemCode!)
          .where('c.revoked_at', 'is', null)
          .where('c.certified_on', '<=', chinaDate(input.now))
          .where('c.expires_on', '>=', chinaDate(input.now)),
      );
      return competent ? held : eb.not(held);
    });
  const cursorOf = (r: GrantRow[number]) => [r.region_code, r.display_name, r.grant_id];
  const mark = (rows: GrantRow, competent: boolean) =>
    rows.map((r) => (competentFirst ? { ...person(r), competent } : person(r)));

  let items: ReturnType<typeof mark> = [];
  let nextCursor: string | null = null;
  let room = limit;
  // The competent walk: from its cursor, or from the start on the first page.
  if (competentFirst && (inCompetent || input.after === undefined)) {
    const rows = await tupleKeysetQuery(
      holds(true),
      COMPETENT_ORDER,
      inCompetent || null,
      limit,
    ).execute();
    const page = tuplePageOf(rows, limit, COMPETENT_ORDER, cursorOf);
    items = mark(page.shown, true);
    nextCursor = page.nextCursor;
    room = limit - page.shown.length;
    const last = page.shown.at(-1);
    // The competent walk ended on a full page: a next page (the rest, from its start) only if
    // there is a rest, its cursor the last competent row.
    if (!nextCursor && room === 0 && last) {
      const more = await holds(false).clearSelect().select('g.id').limit(1).execute();
      if (more.length > 0) nextCursor = encodeTupleCursor(COMPETENT_ORDER, cursorOf(last));
    }
  }
  if (!nextCursor && room > 0) {
    const rest = competentFirst ? holds(false) : q;
    const rows = await tupleKeysetQuery(rest, COLLEAGUE_ORDER, restAfter, room).execute();
    const page = tuplePageOf(rows, room, COLLEAGUE_ORDER, cursorOf);
    items = [...items, ...mark(page.shown, false)];
    nextCursor = page.nextCursor;
  }
  const { total, totalExact } = await listTotal(db, q.clearSelect().select('g.id'));
  return { items, nextCursor, total, totalExact };
}

const ColleagueQuery = z.strictObject({ itemCode: z.string().trim().min(1).max(40).optional() });
const ColleagueView = z.object({
  id: z.string(),
  displayName: z.string(),
  role: z.string(),
  stationName: z.string().nullable(),
  competent: z.boolean().optional(),
});

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
        querystring: ColleagueQuery,
        response: { 200: z.array(ColleagueView) },
      },
    },
    async (request) =>
      listColleagues(app.kysely, actorOf(request), {
        itemCode: request.query.itemCode,
        now: app.deps.now(),
      }),
  );

  app.get(
    '/colleagues/page',
    {
      config: { access: { roles: HANDLERS } },
      schema: {
        tags: ['first-response'],
        summary:
          'The same colleagues (by region, name, then grant; with itemCode the competent first) paged by keyset: nextCursor for the next page, total exact or estimated (totalExact)',
        querystring: ColleagueQuery.extend({
          after: AfterCursor,
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: keysetPageSchema(ColleagueView) },
      },
    },
    async (request) =>
      pageColleagues(app.kysely, actorOf(request), { ...request.query, now: app.deps.now() }),
  );
};
