/**
 * GS-11 reading side shared by the posts services, the coverage sweep and first-response (hand-offs
 * addressed to a post): posts with their holders and the active absences that touch a window.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database, PostTable } from '../../db/schema.ts';
import type { Absence } from './posts.rules.ts';
import { whoHoldsPost, type Holding } from './posts.rules.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Active absences of these accounts that overlap [fromIso, toIso). */
export async function loadAbsences(
  db: Db,
  accountIds: readonly string[],
  fromIso: string,
  toIso: string,
): Promise<Absence[]> {
  if (accountIds.length === 0) return [];
  const rows = await db
    .selectFrom('post_absences')
    .select(['account_id', 'starts_at', 'ends_at'])
    .where('account_id', 'in', [...new Set(accountIds)])
    .where('status', '=', 'active')
    .where('starts_at', '<', toIso)
    .where('ends_at', '>', fromIso)
    .execute();
  return rows.map((r) => ({ accountId: r.account_id, startsAt: r.starts_at, endsAt: r.ends_at }));
}

export const holdersOf = (p: Pick<PostTable, 'a_account_id' | 'b_account_id'>) => ({
  aAccountId: p.a_account_id,
  bAccountId: p.b_account_id,
});

/** Who holds one post at `at` (A, else B, else nobody). */
export async function postHolderAt(
  db: Db,
  post: Pick<PostTable, 'a_account_id' | 'b_account_id'>,
  at: Date,
): Promise<Holding> {
  const iso = at.toISOString();
  const absences = await loadAbsences(
    db,
    [post.a_account_id, post.b_account_id],
    iso,
    new Date(at.getTime() + 1).toISOString(),
  );
  return whoHoldsPost(holdersOf(post), absences, at);
}

export async function findPost(db: Db, id: string) {
  return db.selectFrom('posts').selectAll().where('id', '=', id).executeTakeFirst();
}
