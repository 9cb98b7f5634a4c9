/**
 * The floor's database access for filing a case: the statements that `fileCase` and `getCaseView`
 * (src/modules/cases/) compile to, issued straight through the same drivers. floor-store.ts merges
 * this into the FloorStore and lends it its audit-chain step, so one connection (SQLite) or one pool
 * (PostgreSQL) serves every route, as in the app.
 */
import type SQLite from 'better-sqlite3';
import type pg from 'pg';
import type {
  CalendarNoticeDayTable,
  CaseActionTable,
  CaseRequestTable,
  CaseTable,
} from '../../src/db/schema.ts';
import type { CalendarOverride } from '../../src/modules/calendar/working-days.ts';
import type { FloorAuditEvent } from './floor-audit.ts';

/** The row getCaseView reads: the case with applicant, station and item definition. */
export type CaseViewRow = CaseTable & {
  applicant_name: string;
  applicant_id_masked: string;
  station_name: string;
  item_name: string | null;
  agent_name: string | null;
  first_responder_name: string | null;
  home_region_name: string | null;
};

/** One filing transaction; the rows are built once the day's counter has given the number. */
export interface FileCaseWork {
  counterName: string;
  rows(counter: number): {
    kase: CaseTable;
    /** The one-time notice's open requests (one multi-row insert, none when complete). */
    requests: CaseRequestTable[];
    action: CaseActionTable;
  };
  auditEvent(): FloorAuditEvent;
}

export type ResidentHomeRow = { id: string; home_region_code: string };
export type ItemHeadRow = { current_version: number; active: number };
export type ItemVersionRow = { version: number; definition: string; created_at: string };
export type CentreRow = { id: string; region_code: string };
export type AgentAuthorizationRow = {
  all_items: number;
  item_codes: string;
  expires_on: string;
  revoked_at: string | null;
};

export interface CaseStore {
  residentHome(id: string): Promise<ResidentHomeRow | undefined>;
  itemHead(code: string): Promise<ItemHeadRow | undefined>;
  itemVersion(code: string, version: number): Promise<ItemVersionRow | undefined>;
  agentAuthorizations(agentAccountId: string, residentId: string): Promise<AgentAuthorizationRow[]>;
  centre(
    kind: 'town_centre' | 'district_centre',
    regionCode: string,
  ): Promise<CentreRow | undefined>;
  calendarOverrides(): Promise<CalendarOverride[]>;
  calendarYears(): Promise<{ year: number }[]>;
  calendarNoticeDays(): Promise<CalendarNoticeDayTable[]>;
  fileCase(work: FileCaseWork): Promise<void>;
  caseView(id: string): Promise<CaseViewRow | undefined>;
  caseRequests(caseId: string): Promise<CaseRequestTable[]>;
}

/** In the order of the app's row object (Kysely inserts the keys in that order). */
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

const ACTION_COLUMNS = [
  'id',
  'case_id',
  'seq',
  'action',
  'from_state',
  'to_state',
  'actor_id',
  'actor_role',
  'station_id',
  'reason',
  'payload',
  'at',
] as const satisfies readonly (keyof CaseActionTable)[];

const REQUEST_COLUMNS = [
  'id',
  'case_id',
  'material_key',
  'kind',
  'blocking',
  'reason',
  'requested_by',
  'requested_at',
  'satisfied_at',
  'satisfied_by',
] as const satisfies readonly (keyof CaseRequestTable)[];

const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** Written with `?`, as the app's Kysely queries compile (checked against `.compile()`). */
const SQL = {
  residentHome: 'select id, home_region_code from residents where id = ?',
  itemHead: 'select current_version, active from catalog_items where code = ?',
  itemVersion:
    'select version, definition, created_at from catalog_item_versions where code = ? and version = ?',
  agentAuthorizations:
    'select all_items, item_codes, expires_on, revoked_at from authorizations where agent_account_id = ? and resident_id = ?',
  centre: 'select id, region_code from stations where kind = ? and region_code = ?',
  calendarOverrides: 'select date, kind from calendar_overrides',
  calendarYears: 'select year from calendar_years',
  calendarNoticeDays: 'select * from calendar_notice_days',
  counter:
    'insert into counters (name, value) values (?, ?) on conflict (name) do update set value = counters.value + ? returning value',
  insertCase: `insert into cases (${CASE_COLUMNS.join(', ')}) values (${marks(CASE_COLUMNS.length)})`,
  caseRequests: 'select * from case_requests where case_id in (?) order by requested_at, id',
  insertAction: `insert into case_actions (${ACTION_COLUMNS.join(', ')}) values (${marks(ACTION_COLUMNS.length)})`,
  caseView:
    'select c.*, p.full_name as applicant_name, p.id_masked as applicant_id_masked, s.name as station_name, v.definition as item_name, ag.display_name as agent_name, fr.display_name as first_responder_name, hr.name as home_region_name ' +
    'from cases as c inner join residents as p on p.id = c.applicant_id ' +
    'inner join stations as s on s.id = c.accepting_station_id ' +
    'left join catalog_item_versions as v on v.code = c.item_code and v.version = c.item_version ' +
    'left join accounts as ag on ag.id = c.agent_account_id ' +
    'left join accounts as fr on fr.id = c.first_responder_id ' +
    'left join regions as hr on hr.code = c.home_region_code ' +
    'where c.id = ?',
} as const;

type Statement = keyof typeof SQL;

const caseValues = (c: CaseTable) => CASE_COLUMNS.map((k) => c[k]);
const actionValues = (a: CaseActionTable) => ACTION_COLUMNS.map((k) => a[k]);
/** insertRequests of case-requests.repo.ts: one insert with a values row per request. */
const insertRequestsSql = (n: number) =>
  `insert into case_requests (${REQUEST_COLUMNS.join(', ')}) values ${Array.from(
    { length: n },
    () => `(${marks(REQUEST_COLUMNS.length)})`,
  ).join(', ')}`;
const requestValues = (rs: readonly CaseRequestTable[]) =>
  rs.flatMap((r) => REQUEST_COLUMNS.map((k) => r[k]));

/** better-sqlite3: every statement prepared once; the filing runs in `db.transaction()`. */
export function sqliteCaseStore(
  db: SQLite.Database,
  appendAudit: (event: FloorAuditEvent) => void,
): CaseStore {
  const prepared = Object.fromEntries(
    Object.entries(SQL).map(([name, sql]) => [name, db.prepare(sql)]),
  ) as Record<Statement, SQLite.Statement>;
  const byCount = new Map<number, SQLite.Statement>();
  const insertRequests = (n: number) => {
    let st = byCount.get(n);
    if (!st) byCount.set(n, (st = db.prepare(insertRequestsSql(n))));
    return st;
  };
  const get = <T>(name: Statement, ...params: unknown[]) =>
    prepared[name].get(...params) as T | undefined;
  const file = db.transaction((work: FileCaseWork) => {
    const counter = get<{ value: number }>('counter', work.counterName, 1, 1)!;
    const { kase, requests, action } = work.rows(counter.value);
    prepared.insertCase.run(...caseValues(kase));
    if (requests.length > 0) insertRequests(requests.length).run(...requestValues(requests));
    prepared.insertAction.run(...actionValues(action));
    appendAudit(work.auditEvent());
  });
  return {
    residentHome: async (id) => get<ResidentHomeRow>('residentHome', id),
    itemHead: async (code) => get<ItemHeadRow>('itemHead', code),
    itemVersion: async (code, version) => get<ItemVersionRow>('itemVersion', code, version),
    agentAuthorizations: async (agentAccountId, residentId) =>
      prepared.agentAuthorizations.all(agentAccountId, residentId) as AgentAuthorizationRow[],
    centre: async (kind, regionCode) => get<CentreRow>('centre', kind, regionCode),
    calendarOverrides: async () => prepared.calendarOverrides.all() as CalendarOverride[],
    calendarYears: async () => prepared.calendarYears.all() as { year: number }[],
    calendarNoticeDays: async () => prepared.calendarNoticeDays.all() as CalendarNoticeDayTable[],
    fileCase: async (work) => file(work),
    caseView: async (id) => get<CaseViewRow>('caseView', id),
    caseRequests: async (caseId) => prepared.caseRequests.all(caseId) as CaseRequestTable[],
  };
}

/** pg: plain parameterised queries on the pool; the filing on one client between BEGIN and COMMIT. */
export function postgresCaseStore(
  pool: pg.Pool,
  numbered: (sql: string) => string,
  appendAudit: (client: pg.PoolClient, event: FloorAuditEvent) => Promise<void>,
): CaseStore {
  const text = Object.fromEntries(
    Object.entries(SQL).map(([name, sql]) => [name, numbered(sql)]),
  ) as Record<Statement, string>;
  const first = async <T extends pg.QueryResultRow>(
    db: pg.Pool | pg.PoolClient,
    name: Statement,
    params: unknown[],
  ) => (await db.query<T>(text[name], params)).rows[0];
  return {
    residentHome: (id) => first<ResidentHomeRow>(pool, 'residentHome', [id]),
    itemHead: (code) => first<ItemHeadRow>(pool, 'itemHead', [code]),
    itemVersion: (code, version) => first<ItemVersionRow>(pool, 'itemVersion', [code, version]),
    agentAuthorizations: async (agentAccountId, residentId) =>
      (
        await pool.query<AgentAuthorizationRow>(text.agentAuthorizations, [
          agentAccountId,
          residentId,
        ])
      ).rows,
    centre: (kind, regionCode) => first<CentreRow>(pool, 'centre', [kind, regionCode]),
    calendarOverrides: async () =>
      (await pool.query<CalendarOverride>(text.calendarOverrides)).rows,
    calendarYears: async () => (await pool.query<{ year: number }>(text.calendarYears)).rows,
    calendarNoticeDays: async () =>
      (await pool.query<CalendarNoticeDayTable>(text.calendarNoticeDays)).rows,
    async fileCase(work) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const counter = (await first<{ value: number }>(client, 'counter', [
          work.counterName,
          1,
          1,
        ]))!;
        const { kase, requests, action } = work.rows(counter.value);
        await client.query(text.insertCase, caseValues(kase));
        if (requests.length > 0)
          await client.query(numbered(insertRequestsSql(requests.length)), requestValues(requests));
        await client.query(text.insertAction, actionValues(action));
        await appendAudit(client, work.auditEvent());
        await client.query('commit');
      } catch (error) {
        await client.query('rollback');
        throw error;
      } finally {
        client.release();
      }
    },
    caseView: (id) => first<CaseViewRow>(pool, 'caseView', [id]),
    caseRequests: async (caseId) =>
      (await pool.query<CaseRequestTable>(text.caseRequests, [caseId])).rows,
  };
}
