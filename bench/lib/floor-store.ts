/**
 * The floor's database access: the same statements the app's Kysely queries compile to, issued
 * straight through the same drivers (better-sqlite3 prepared statements; pg parameterised queries).
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import type { DatabaseConfig } from '../../src/config.ts';
import type { RegionLevel, Resident, StationKind } from '../../src/db/schema.ts';
import { floorAuditSql, floorChained, floorShard, type FloorAuditEvent } from './floor-audit.ts';
import { postgresCaseStore, sqliteCaseStore, type CaseStore } from './floor-case-store.ts';

export interface SessionRow {
  expires_at: string;
  revoked_at: string | null;
  last_seen_at: string;
  id: string;
  username: string;
  display_name: string;
  status: string;
  resident_id: string | null;
}

export interface GrantRow {
  role: string;
  region_code: string;
  level: RegionLevel;
  region_name: string;
  station_id: string | null;
  station_kind: StationKind | null;
  station_name: string | null;
}

export type ResidentRow = Resident & { home_region_name: string };

export type RegisterOutcome =
  | { status: 'ok'; row: ResidentRow }
  | { status: 'UNKNOWN_REGION' | 'REGION_NOT_VILLAGE' }
  /** Someone with this ID number is registered already, here. */
  | { status: 'duplicate'; homeRegionCode: string };

/** One registration transaction; the rows are built only once the checks have passed. */
export interface RegisterWork {
  regionCode: string;
  idHash: string;
  resident(): Resident;
  auditEvent(resident: Resident): FloorAuditEvent;
}

/** Everything the floor's routes read and write; the filing part is in floor-case-store.ts. */
export interface FloorStore extends CaseStore {
  session(id: string, kind: 'cookie' | 'bearer'): Promise<SessionRow | undefined>;
  touchSession(id: string, nowIso: string): Promise<void>;
  grants(accountId: string): Promise<GrantRow[]>;
  register(work: RegisterWork): Promise<RegisterOutcome>;
  residentByIdHash(idHash: string): Promise<ResidentRow | undefined>;
  close(): Promise<void>;
}

const RESIDENT_COLUMNS = [
  'id',
  'full_name',
  'sex',
  'birth_date',
  'id_hash',
  'id_cipher',
  'id_masked',
  'phone_cipher',
  'phone_masked',
  'home_region_code',
  'address',
  'registered_station_id',
  'is_demo',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof Resident)[];

const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** Written with `?`; numbered ($1, $2, …) for PostgreSQL. The audit chain's are floor-audit.ts's. */
const SQL = {
  session:
    'select s.expires_at, s.revoked_at, s.last_seen_at, a.id, a.username, a.display_name, a.status, a.resident_id ' +
    'from sessions as s inner join accounts as a on a.id = s.account_id where s.id = ? and s.kind = ?',
  touchSession: 'update sessions set last_seen_at = ? where id = ?',
  grants:
    'select g.role, g.region_code, r.level, r.name as region_name, g.station_id, s.kind as station_kind, s.name as station_name ' +
    'from role_grants as g ' +
    'inner join regions as r on r.code = g.region_code left join stations as s on s.id = g.station_id ' +
    'where g.account_id = ? order by g.created_at, g.id',
  regionLevel: 'select level, name from regions where code = ?',
  duplicate: 'select home_region_code from residents where id_hash = ?',
  insertResident: `insert into residents (${RESIDENT_COLUMNS.join(', ')}) values (${marks(RESIDENT_COLUMNS.length)})`,
  residentByIdHash:
    'select p.id, p.full_name, p.sex, p.birth_date, p.id_masked, p.phone_masked, p.home_region_code, p.address, p.registered_station_id, p.created_at, r.name as home_region_name from residents as p inner join regions as r on r.code = p.home_region_code where p.id_hash = ?',
} as const;

type Statement = keyof typeof SQL;

const residentValues = (r: Resident) => RESIDENT_COLUMNS.map((c) => r[c]);

function openSqlite(file: string): FloorStore {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new SQLite(file);
  // The pragmas of src/db/connection.ts.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  const prepared = Object.fromEntries(
    Object.entries(SQL).map(([name, sql]) => [name, db.prepare(sql)]),
  ) as Record<Statement, SQLite.Statement>;
  const get = <T>(name: Statement, ...params: unknown[]) =>
    prepared[name].get(...params) as T | undefined;
  const audit = Object.fromEntries(
    Object.entries(floorAuditSql('sqlite')).map(([name, sql]) => [name, db.prepare(sql)]),
  ) as Record<keyof ReturnType<typeof floorAuditSql>, SQLite.Statement>;
  /** recordAudit's three statements, inside the caller's transaction. */
  const appendAudit = (event: FloorAuditEvent) => {
    const { key, bumpParams } = floorShard(event);
    const head = audit.bumpShard.get(...bumpParams) as { seq: number; hash: string } | undefined;
    const { insertParams, setParams } = floorChained(key, head, event);
    audit.insertEvent.run(...insertParams);
    audit.setShardHash.run(...setParams);
  };
  const register = db.transaction((work: RegisterWork): RegisterOutcome => {
    const region = get<{ level: RegionLevel; name: string }>('regionLevel', work.regionCode);
    if (!region) return { status: 'UNKNOWN_REGION' };
    if (region.level !== 'village' && region.level !== 'grid')
      return { status: 'REGION_NOT_VILLAGE' };
    const dup = get<{ home_region_code: string }>('duplicate', work.idHash);
    if (dup) return { status: 'duplicate', homeRegionCode: dup.home_region_code };
    const resident = work.resident();
    prepared.insertResident.run(...residentValues(resident));
    appendAudit(work.auditEvent(resident));
    return { status: 'ok', row: { ...resident, home_region_name: region.name } };
  });
  return {
    ...sqliteCaseStore(db, appendAudit),
    session: async (id, kind) => get<SessionRow>('session', id, kind),
    touchSession: async (id, nowIso) => void prepared.touchSession.run(nowIso, id),
    grants: async (accountId) => prepared.grants.all(accountId) as GrantRow[],
    register: async (work) => register(work),
    residentByIdHash: async (idHash) => get<ResidentRow>('residentByIdHash', idHash),
    close: async () => void db.close(),
  };
}

/** The type parsers of src/db/connection.ts, so rows read the same as the app's. */
function postgresTypes(): pg.CustomTypesConfig {
  const parsers = new Map<number, (value: string) => unknown>([
    [1184, (v) => new Date(v).toISOString()],
    [1114, (v) => new Date(`${v}Z`).toISOString()],
    [20, (v) => Number(v)],
    [1082, (v) => v],
  ]);
  return {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      parsers.get(oid) ??
      (pg.types.getTypeParser(oid, format) as (
        value: string,
      ) => unknown)) as pg.CustomTypesConfig['getTypeParser'],
  };
}

function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

function openPostgres(url: string, poolSize: number): FloorStore {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types: postgresTypes() });
  const text = Object.fromEntries(
    Object.entries(SQL).map(([name, sql]) => [name, numbered(sql)]),
  ) as Record<Statement, string>;
  const first = async <T extends pg.QueryResultRow>(
    db: pg.Pool | pg.PoolClient,
    name: Statement,
    params: unknown[],
  ) => (await db.query<T>(text[name], params)).rows[0];
  const audit = Object.fromEntries(
    Object.entries(floorAuditSql('postgres')).map(([name, sql]) => [name, numbered(sql)]),
  ) as Record<keyof ReturnType<typeof floorAuditSql>, string>;
  /** recordAudit's three statements, on the caller's client between BEGIN and COMMIT. */
  const appendAudit = async (client: pg.PoolClient, event: FloorAuditEvent) => {
    const { key, bumpParams } = floorShard(event);
    const head = (await client.query<{ seq: number; hash: string }>(audit.bumpShard, bumpParams))
      .rows[0];
    const { insertParams, setParams } = floorChained(key, head, event);
    await client.query(audit.insertEvent, insertParams);
    await client.query(audit.setShardHash, setParams);
  };
  return {
    ...postgresCaseStore(pool, numbered, appendAudit),
    session: (id, kind) => first<SessionRow>(pool, 'session', [id, kind]),
    touchSession: async (id, nowIso) => void (await pool.query(text.touchSession, [nowIso, id])),
    grants: async (accountId) => (await pool.query<GrantRow>(text.grants, [accountId])).rows,
    async register(work) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const outcome = await (async (): Promise<RegisterOutcome> => {
          const region = await first<{ level: RegionLevel; name: string }>(client, 'regionLevel', [
            work.regionCode,
          ]);
          if (!region) return { status: 'UNKNOWN_REGION' };
          if (region.level !== 'village' && region.level !== 'grid')
            return { status: 'REGION_NOT_VILLAGE' };
          const dup = await first<{ home_region_code: string }>(client, 'duplicate', [work.idHash]);
          if (dup) return { status: 'duplicate', homeRegionCode: dup.home_region_code };
          const resident = work.resident();
          await client.query(text.insertResident, residentValues(resident));
          await appendAudit(client, work.auditEvent(resident));
          return { status: 'ok', row: { ...resident, home_region_name: region.name } };
        })();
        await client.query(outcome.status === 'ok' ? 'commit' : 'rollback');
        return outcome;
      } catch (error) {
        await client.query('rollback');
        throw error;
      } finally {
        client.release();
      }
    },
    residentByIdHash: (idHash) => first<ResidentRow>(pool, 'residentByIdHash', [idHash]),
    close: () => pool.end(),
  };
}

export function openFloorStore(config: DatabaseConfig): FloorStore {
  return config.dialect === 'sqlite'
    ? openSqlite(config.file)
    : openPostgres(config.url, config.poolSize);
}
