/**
 * The intake-throughput bench's two ways of doing one filing's database work (issue #16 point 3):
 *   app    the real code: nextCounter + insertFiledCase + recordAudit, through Kysely
 *   floor  the same statements written out with the bare pg driver (one round trip each)
 * Both take the town's counter row and the town's audit shard head; towns never share either.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type pg from 'pg';
import type { CaseTable, Database } from '../../src/db/schema.ts';
import { recordAudit } from '../../src/modules/audit/audit.service.ts';
import { insertFiledCase } from '../../src/modules/cases/case-filed-rows.ts';
import { caseCounterName, formatCaseNumber } from '../../src/modules/cases/case-number.rules.ts';
import type { OneTimeNotice } from '../../src/modules/cases/case.notice.ts';
import { nextCounter } from '../../src/modules/cases/case.repo.ts';
import { noticeRequests } from '../../src/modules/cases/case.requests.ts';
import { chinaDate } from '../../src/shared/china-time.ts';
import { floorAuditSql, floorChained, floorShard } from './floor-audit.ts';

export interface Filer {
  stationId: string;
  clerkId: string;
  residentIds: readonly string[];
  notice: OneTimeNotice;
}

export interface Filing {
  /** A 12-digit village code of the town filing. */
  region: string;
  residentId: string;
  now: Date;
}

function caseRow(f: Filer, filing: Filing, number: string): CaseTable {
  const at = filing.now.toISOString();
  return {
    id: crypto.randomUUID(),
    number,
    item_code: f.notice.itemCode,
    item_version: f.notice.itemVersion,
    applicant_id: filing.residentId,
    agent_account_id: null,
    home_region_code: filing.region,
    accepting_station_id: f.stationId,
    accepting_region_code: filing.region,
    is_tongban: 0,
    decided_by: 'town_centre',
    deciding_station_id: f.stationId,
    state: 'accepted',
    state_before_suspension: null,
    first_responder_id: f.clerkId,
    presented: JSON.stringify(['id_card', 'photo_1inch', 'agent_id_card']),
    notice: JSON.stringify(f.notice),
    accepted_at: at,
    due_date: '2026-12-31',
    result: null,
    result_text: null,
    version: 1,
    created_at: at,
    updated_at: at,
    tracking_code: String(crypto.randomInt(0, 100_000_000)).padStart(8, '0'),
    channel: 'window',
  };
}

function auditFields(f: Filer, row: CaseTable) {
  return {
    occurred_at: row.created_at,
    actor_id: f.clerkId,
    actor_role: 'clerk',
    station_id: f.stationId,
    action: 'case.filed',
    entity_type: 'case',
    entity_id: row.id,
    region_code: row.home_region_code,
    before_json: null,
    after_json: JSON.stringify({ number: row.number, itemCode: row.item_code, state: row.state }),
    request_id: null,
  };
}

/** The application's filing transaction (the database part of POST /api/v1/cases). */
export async function fileWithApp(db: Kysely<Database>, f: Filer, filing: Filing): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const day = chinaDate(filing.now);
    const seq = await nextCounter(trx, caseCounterName(filing.region, day));
    const row = caseRow(f, filing, formatCaseNumber(filing.region, day, seq));
    await insertFiledCase(trx, row, f.notice, {
      actorId: f.clerkId,
      actorRole: 'clerk',
      stationId: f.stationId,
      payload: { presented: JSON.parse(row.presented) as unknown },
    });
    const a = auditFields(f, row);
    await recordAudit(trx, {
      actor: { accountId: a.actor_id, role: a.actor_role, stationId: a.station_id },
      action: 'case.filed',
      entityType: 'case',
      entityId: row.id,
      regionCode: row.home_region_code,
      after: JSON.parse(a.after_json) as unknown,
      now: filing.now,
    });
    return row.number;
  });
}

const CASE_COLUMNS = [
  'id',
  'number',
  'item_code',
  'item_version',
  'applicant_id',
  'agent_account_id',
  'home_region_code',
  'accepting_station_id',
  'accepting_region_code',
  'is_tongban',
  'decided_by',
  'deciding_station_id',
  'state',
  'state_before_suspension',
  'first_responder_id',
  'presented',
  'notice',
  'accepted_at',
  'due_date',
  'result',
  'result_text',
  'version',
  'created_at',
  'updated_at',
  'tracking_code',
  'channel',
] as const satisfies readonly (keyof CaseTable)[];
const marks = (n: number, from = 1) =>
  Array.from({ length: n }, (_, i) => `$${i + from}`).join(', ');

const FLOOR_SQL = {
  counter:
    'insert into counters (name, value) values ($1, 1) on conflict (name) do update set value = counters.value + 1 returning value',
  insertCase: `insert into cases (${CASE_COLUMNS.join(', ')}) values (${marks(CASE_COLUMNS.length)})`,
  insertRequest:
    'insert into case_requests (id, case_id, material_key, kind, blocking, reason, requested_by, requested_at, satisfied_at, satisfied_by) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
  insertAction:
    'insert into case_actions (id, case_id, seq, action, from_state, to_state, actor_id, actor_role, station_id, reason, payload, at) values ($1, $2, 1, $3, null, $4, $5, $6, $7, null, $8, $9)',
} as const;

/** recordAudit's three statements (floor-audit.ts), numbered for pg. */
const AUDIT_SQL = Object.fromEntries(
  Object.entries(floorAuditSql('postgres')).map(([name, sql]) => {
    let n = 0;
    return [name, sql.replace(/\?/g, () => `$${++n}`)];
  }),
) as Record<keyof ReturnType<typeof floorAuditSql>, string>;

/** The same work with the bare driver: what the database needs at least. */
export async function fileWithFloor(pool: pg.Pool, f: Filer, filing: Filing): Promise<string> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const day = chinaDate(filing.now);
    const counter = await client.query<{ value: number }>(FLOOR_SQL.counter, [
      caseCounterName(filing.region, day),
    ]);
    const row = caseRow(
      f,
      filing,
      formatCaseNumber(filing.region, day, Number(counter.rows[0]!.value)),
    );
    await client.query(
      FLOOR_SQL.insertCase,
      CASE_COLUMNS.map((c) => row[c]),
    );
    for (const r of noticeRequests(f.notice, { by: f.clerkId, at: row.created_at }))
      await client.query(FLOOR_SQL.insertRequest, [
        crypto.randomUUID(),
        row.id,
        r.materialKey,
        r.kind,
        r.blocking ? 1 : 0,
        r.reason,
        r.requestedBy,
        r.requestedAt,
        r.satisfiedAt,
        r.satisfiedBy,
      ]);
    await client.query(FLOOR_SQL.insertAction, [
      crypto.randomUUID(),
      row.id,
      'file',
      row.state,
      f.clerkId,
      'clerk',
      f.stationId,
      row.presented,
      row.created_at,
    ]);
    const event = auditFields(f, row);
    const { key, bumpParams } = floorShard(event);
    const head = (
      await client.query<{ seq: number; hash: string }>(AUDIT_SQL.bumpShard, bumpParams)
    ).rows[0];
    const { insertParams, setParams } = floorChained(key, head, event);
    await client.query(AUDIT_SQL.insertEvent, insertParams);
    await client.query(AUDIT_SQL.setShardHash, setParams);
    await client.query('commit');
    return row.number;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
