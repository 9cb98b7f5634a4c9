/**
 * GS-12 × GS-11: the posts (AB岗) of a town a refused clerk may hand a matter to — each with who
 * holds it now (A, or B while A is away) and whether that holder has a valid competence for the
 * item today. A hand-off addressed to the post follows its holder (first-response/handoff-post.ts).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { holdersOf, loadAbsences } from '../posts/post-holdings.ts';
import { whoHoldsPost } from '../posts/posts.rules.ts';
import { townPrefix } from './training-town.ts';
import { underPrefix } from '../../shared/region-range.ts';

export interface CompetentPost {
  id: string;
  name: string;
  stationName: string;
  regionCode: string;
  holder: { id: string; displayName: string; slot: 'a' | 'b' };
}

/** The town's posts whose holder now holds a valid competence for the item (at most 10). */
export async function competentPosts(
  db: Kysely<Database>,
  input: {
    townCode: string;
    now: Date;
    /** Of these accounts, those with a valid competence for the item today (competence-gate.ts). */
    competentAmong: (accountIds: readonly string[]) => Promise<Set<string>>;
  },
): Promise<CompetentPost[]> {
  const posts = await db
    .selectFrom('posts as p')
    .innerJoin('stations as s', 's.id', 'p.station_id')
    .select([
      'p.id',
      'p.name',
      'p.region_code',
      'p.a_account_id',
      'p.b_account_id',
      's.name as station_name',
    ])
    .where(underPrefix('p.region_code', townPrefix(input.townCode)))
    .orderBy('p.region_code')
    .orderBy('p.name')
    .limit(200)
    .execute();
  if (posts.length === 0) return [];
  const at = input.now.toISOString();
  const absences = await loadAbsences(
    db,
    posts.flatMap((p) => [p.a_account_id, p.b_account_id]),
    at,
    new Date(input.now.getTime() + 1).toISOString(),
  );
  const held = posts.map((p) => ({ p, holding: whoHoldsPost(holdersOf(p), absences, input.now) }));
  const holderIds = [
    ...new Set(held.flatMap((h) => (h.holding.accountId ? [h.holding.accountId] : []))),
  ];
  const competent = await input.competentAmong(holderIds);
  const usable = held.filter((h) => h.holding.accountId && competent.has(h.holding.accountId));
  if (usable.length === 0) return [];
  const names = new Map(
    (
      await db
        .selectFrom('accounts')
        .select(['id', 'display_name'])
        .where('id', 'in', [...new Set(usable.map((h) => h.holding.accountId!))])
        .execute()
    ).map((a) => [a.id, a.display_name]),
  );
  return usable.slice(0, 10).map(({ p, holding }) => ({
    id: p.id,
    name: p.name,
    stationName: p.station_name,
    regionCode: p.region_code,
    holder: {
      id: holding.accountId!,
      displayName: names.get(holding.accountId!) ?? '',
      slot: holding.slot === 'b' ? 'b' : 'a',
    },
  }));
}
