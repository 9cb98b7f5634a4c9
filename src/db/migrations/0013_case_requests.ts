import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { replayCaseRequests, type ReplayAction } from './0013_case_requests.replay.ts';
import { columnTypes, type DialectMigration } from './types.ts';

/**
 * GS-5, GS-9: a case's material requests as rows — the one-time notice's missing materials and
 * every later request — each open until a supplement brings the material. "What is missing now"
 * is the open rows. Replaces `supplement_requests`: existing cases are replayed from their action
 * log, so a past request for a material already presented is counted as the second request it was.
 */
export const caseRequests: DialectMigration = {
  async up(db, dialect) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable('case_requests')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
      .addColumn('material_key', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull()) // notice | missing | defective
      .addColumn('blocking', 'integer', (c) => c.notNull()) // 1: the case waits for it
      .addColumn('reason', 'text')
      .addColumn('requested_by', 'text', (c) => c.notNull())
      .addColumn('requested_at', t.timestamp, (c) => c.notNull())
      .addColumn('satisfied_at', t.timestamp)
      .addColumn('satisfied_by', 'text')
      .execute();
    await db.schema
      .createIndex('case_requests_case')
      .on('case_requests')
      .column('case_id')
      .execute();
    await backfillCaseRequests(db as unknown as Kysely<BackfillDb>);
    await db.schema.dropTable('supplement_requests').execute();
  },
};

/** The tables the backfill reads and writes, as they are at this migration. */
export interface BackfillDb {
  cases: { id: string; notice: string; first_responder_id: string; created_at: string | Date };
  case_actions: {
    case_id: string;
    seq: number;
    action: string;
    actor_id: string;
    reason: string | null;
    payload: string | null;
    at: string | Date;
  };
  case_requests: {
    id: string;
    case_id: string;
    material_key: string;
    kind: string;
    blocking: number;
    reason: string | null;
    requested_by: string;
    requested_at: string;
    satisfied_at: string | null;
    satisfied_by: string | null;
  };
}

const iso = (v: string | Date) => (v instanceof Date ? v.toISOString() : new Date(v).toISOString());

/** Rebuilds every case's requests from its notice and action log (exported for its test). */
export async function backfillCaseRequests(db: Kysely<BackfillDb>): Promise<void> {
  const cases = await db
    .selectFrom('cases')
    .select(['id', 'notice', 'first_responder_id', 'created_at'])
    .orderBy('id')
    .execute();
  for (const c of cases) {
    const actions = await db
      .selectFrom('case_actions')
      .select(['action', 'actor_id', 'reason', 'payload', 'at'])
      .where('case_id', '=', c.id)
      .orderBy('seq')
      .execute();
    const log: ReplayAction[] = actions.map((a) => ({
      action: a.action,
      actorId: a.actor_id,
      reason: a.reason,
      payload: a.payload ? (JSON.parse(a.payload) as Record<string, unknown>) : {},
      at: iso(a.at),
    }));
    const rows = replayCaseRequests(
      JSON.parse(c.notice) as { missing: { key: string; blocking: boolean }[] },
      { by: c.first_responder_id, at: iso(c.created_at) },
      log,
    );
    for (const r of rows) {
      await db
        .insertInto('case_requests')
        .values({
          id: crypto.randomUUID(),
          case_id: c.id,
          material_key: r.materialKey,
          kind: r.kind,
          blocking: r.blocking ? 1 : 0,
          reason: r.reason,
          requested_by: r.requestedBy,
          requested_at: r.requestedAt,
          satisfied_at: r.satisfiedAt,
          satisfied_by: r.satisfiedBy,
        })
        .execute();
    }
  }
}
