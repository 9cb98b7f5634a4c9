/** SQL for cases; no rules here. */
import crypto from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { CaseState, CaseTable, Database } from '../../db/schema.ts';

type Conn = Kysely<Database> | Transaction<Database>;

/** Atomically the next value of a named counter (both dialects: upsert … returning). */
export async function nextCounter(trx: Conn, name: string): Promise<number> {
  const row = await trx
    .insertInto('counters')
    .values({ name, value: 1 })
    .onConflict((oc) =>
      oc.column('name').doUpdateSet((eb) => ({ value: eb('counters.value', '+', 1) })),
    )
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}

export async function findCase(db: Conn, id: string) {
  return db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findCaseByNumber(db: Conn, number: string) {
  return db.selectFrom('cases').selectAll().where('number', '=', number).executeTakeFirst();
}

/**
 * Moves a case on only if nobody else did first: the row must still be at the version and state
 * the caller read. Returns false when another transition won the race.
 */
export async function updateCaseIfUnchanged(
  trx: Transaction<Database>,
  id: string,
  expected: { version: number; state: CaseState },
  changes: Partial<CaseTable>,
): Promise<boolean> {
  const r = await trx
    .updateTable('cases')
    .set({ ...changes, version: expected.version + 1 })
    .where('id', '=', id)
    .where('version', '=', expected.version)
    .where('state', '=', expected.state)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function appendCaseAction(
  trx: Transaction<Database>,
  a: {
    caseId: string;
    action: string;
    from: CaseState | null;
    to: CaseState;
    actorId: string;
    actorRole: string;
    stationId: string | null;
    reason: string | null;
    payload: unknown;
    at: string;
  },
): Promise<void> {
  const last = await trx
    .selectFrom('case_actions')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('case_id', '=', a.caseId)
    .executeTakeFirst();
  await trx
    .insertInto('case_actions')
    .values({
      id: crypto.randomUUID(),
      case_id: a.caseId,
      seq: Number(last?.seq ?? 0) + 1,
      action: a.action,
      from_state: a.from,
      to_state: a.to,
      actor_id: a.actorId,
      actor_role: a.actorRole,
      station_id: a.stationId,
      reason: a.reason,
      payload: a.payload === undefined ? null : JSON.stringify(a.payload),
      at: a.at,
    })
    .execute();
}

export async function casePauses(db: Conn, caseId: string) {
  return db
    .selectFrom('case_pauses')
    .select(['paused_at', 'resumed_at'])
    .where('case_id', '=', caseId)
    .orderBy('paused_at')
    .execute();
}

/** The town centre or district centre that decides for a station's region. */
export async function findCentre(
  db: Conn,
  kind: 'town_centre' | 'district_centre',
  regionCode: string,
) {
  return db
    .selectFrom('stations')
    .select(['id', 'region_code'])
    .where('kind', '=', kind)
    .where('region_code', '=', regionCode)
    .executeTakeFirst();
}
