/** GS-11: one sweep step for AB posts — re-route post hand-offs, then warn of coverage gaps. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { sweepCoverageWarnings } from '../posts/coverage-warnings.sweep.ts';
import { rerouteHandoffsToPosts } from './handoff-post.ts';

export async function sweepPosts(db: Kysely<Database>, opts: { now: Date; nodeId: string }) {
  return {
    handoffs: await rerouteHandoffsToPosts(db, opts),
    coverage: await sweepCoverageWarnings(db, opts),
  };
}
