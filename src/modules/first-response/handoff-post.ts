/**
 * GS-11 hand-offs addressed to a post (AB岗). At send time the hand-off lands with whoever holds
 * the post (A, else B; with both away, A — it waits for the first one back); `post_handoffs` keeps
 * the post and whom it landed with. While pending it follows the post: the sweep moves it to B when
 * A's absence starts and back to A when she returns. Each move is one conditional update on the
 * hand-off's current receiver, so of any number of sweeping nodes exactly one moves it, and only
 * that node audits (`handoff.rerouted`) and notifies the new receiver.
 *
 * Rule for hand-offs addressed to a person: they stay with that person even when she is away (the
 * sender chose her by name); to get cover, address the post.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { authorize, type Actor } from '../../shared/actor.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { notify } from '../notifications/notification.service.ts';
import { findPost, holdersOf, loadAbsences, postHolderAt } from '../posts/post-holdings.ts';
import { whoHoldsPost } from '../posts/posts.rules.ts';
import { HANDLER_ROLES, loadMatter } from './matter.ts';
import { handlingPostOf, type HandoffFacts } from './handoff.rules.ts';

/**
 * GS-11 follow-up: when a post handles the matter (its latest accepted hand-off was addressed to a
 * post), who holds that post now — A, or B while A is away; null otherwise.
 */
export async function handlingPostHolder(
  db: Kysely<Database>,
  handoffs: readonly HandoffFacts[],
  now: Date,
): Promise<string | null> {
  const postId = handlingPostOf(handoffs);
  if (!postId) return null;
  const post = await findPost(db, postId);
  return post ? (await postHolderAt(db, post, now)).accountId : null;
}

/** The receiver a new hand-off lands with: the named person, or the post's holder now. */
export async function resolveReceiver(
  db: Kysely<Database>,
  body: { toAccountId?: string | undefined; toPostId?: string | undefined },
  actor: Actor,
  now: Date,
): Promise<{ toId: string; postId: string | null }> {
  if (body.toAccountId) return { toId: body.toAccountId, postId: null };
  const post = await findPost(db, body.toPostId ?? '');
  if (!post) throw new AppError('POST_NOT_FOUND');
  authorize(actor, HANDLER_ROLES, post.region_code);
  const holder = await postHolderAt(db, post, now);
  return { toId: holder.accountId ?? post.a_account_id, postId: post.id };
}

export async function recordPostHandoff(
  trx: Transaction<Database>,
  row: { handoffId: string; postId: string; toId: string; now: Date },
) {
  await trx
    .insertInto('post_handoffs')
    .values({
      handoff_id: row.handoffId,
      post_id: row.postId,
      landed_with: row.toId,
      reroutes: 0,
      created_at: row.now.toISOString(),
    })
    .execute();
}

/** Moves pending post hand-offs to the post's holder now; returns how many this node moved. */
export async function rerouteHandoffsToPosts(
  db: Kysely<Database>,
  opts: { now: Date; nodeId: string; batchSize?: number },
): Promise<{ checked: number; rerouted: number }> {
  const rows = await db
    .selectFrom('handoffs as h')
    .innerJoin('post_handoffs as ph', 'ph.handoff_id', 'h.id')
    .innerJoin('posts as p', 'p.id', 'ph.post_id')
    .select([
      'h.id',
      'h.to_account_id',
      'h.from_account_id',
      'h.entity_type',
      'h.entity_id',
      'h.region_code',
      'h.due_date',
      'p.id as post_id',
      'p.name as post_name',
      'p.a_account_id',
      'p.b_account_id',
    ])
    .where('h.status', '=', 'pending')
    .orderBy('h.created_at')
    .limit(opts.batchSize ?? 500)
    .execute();
  if (rows.length === 0) return { checked: 0, rerouted: 0 };
  const at = opts.now.toISOString();
  const absences = await loadAbsences(
    db,
    rows.flatMap((r) => [r.a_account_id, r.b_account_id]),
    at,
    new Date(opts.now.getTime() + 1).toISOString(),
  );
  let rerouted = 0;
  for (const r of rows) {
    const holder = whoHoldsPost(holdersOf(r), absences, opts.now).accountId;
    if (!holder || holder === r.to_account_id || holder === r.from_account_id) continue;
    const matter = await loadMatter(db, r.entity_type, r.entity_id);
    const from = await db
      .selectFrom('accounts')
      .select('display_name')
      .where('id', '=', r.from_account_id)
      .executeTakeFirst();
    const moved = await db.transaction().execute(async (trx) => {
      const u = await trx
        .updateTable('handoffs')
        .set({ to_account_id: holder })
        .where('id', '=', r.id)
        .where('status', '=', 'pending')
        .where('to_account_id', '=', r.to_account_id)
        .executeTakeFirst();
      if (Number(u.numUpdatedRows) !== 1) return false; // another node moved it, or it was answered
      await trx
        .updateTable('post_handoffs')
        .set((eb) => ({ reroutes: eb('reroutes', '+', 1) }))
        .where('handoff_id', '=', r.id)
        .execute();
      await notify(trx, {
        accountId: holder,
        kind: 'handoff_received',
        params: {
          label: `${matter.label}（${r.post_name}）`,
          from: from?.display_name ?? '',
          dueDate: r.due_date,
        },
        entityType: 'handoff',
        entityId: r.id,
        now: opts.now,
      });
      await recordAudit(trx, {
        actor: { accountId: null, role: 'system', stationId: null },
        action: 'handoff.rerouted',
        entityType: 'handoff',
        entityId: r.id,
        regionCode: r.region_code,
        before: { toAccountId: r.to_account_id },
        after: {
          toAccountId: holder,
          postId: r.post_id,
          slot: holder === r.a_account_id ? 'a' : 'b',
          node: opts.nodeId,
        },
        now: opts.now,
      });
      return true;
    });
    if (moved) rerouted++;
  }
  return { checked: rows.length, rerouted };
}
