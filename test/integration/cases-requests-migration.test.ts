/**
 * 0013_case_requests on a database that already holds cases (issue #10, points 4–5): the
 * migration replays each case's notice and action log into `case_requests` — a past "missing"
 * request for a material presented before becomes the second request it was — and drops
 * `supplement_requests`. Rows are written below the app (foreign keys off) in the pre-0013 shape.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Migrator } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseConfig } from '../../src/config.ts';
import { openDatabase, type Db } from '../../src/db/connection.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { foundation } from '../../src/db/migrations/0001_foundation.ts';
import { calendar } from '../../src/db/migrations/0002_calendar.ts';
import { catalog } from '../../src/db/migrations/0003_catalog.ts';
import { cases } from '../../src/db/migrations/0004_cases.ts';
import { firstResponse } from '../../src/db/migrations/0005_first_response.ts';
import { attachments } from '../../src/db/migrations/0006_attachments.ts';
import { escalations } from '../../src/db/migrations/0007_escalations.ts';
import { volunteers } from '../../src/db/migrations/0008_volunteers.ts';
import { casesGaps } from '../../src/db/migrations/0009_cases_gaps.ts';
import { vsActivitiesExtra } from '../../src/db/migrations/0010_vs_activities_extra.ts';
import { starPacks } from '../../src/db/migrations/0011_star_packs.ts';
import { PG_ADMIN_URL, TEST_DIALECT } from '../helpers/test-db.ts';

/** The migration list as it stood before 0013. */
const BEFORE = {
  '0001_foundation': foundation,
  '0002_calendar': calendar,
  '0003_catalog': catalog,
  '0004_cases': cases,
  '0005_first_response': firstResponse,
  '0006_attachments': attachments,
  '0007_escalations': escalations,
  '0008_volunteers': volunteers,
  '0009_cases_gaps': casesGaps,
  '0010_vs_activities_extra': vsActivitiesExtra,
  '0011_star_packs': starPacks,
};

const T0 = '2026-03-02T01:30:00.000Z';
const T1 = '2026-03-02T02:00:00.000Z';
const T2 = '2026-03-02T02:10:00.000Z';
const T3 = '2026-03-03T03:00:00.000Z';
const CLERK = 'acc-clerk';
const TOWN = 'acc-town';

describe('GS-5 0013_case_requests on existing cases', () => {
  let config: DatabaseConfig;
  let db: Db;
  let cleanup: () => Promise<void>;
  /** Raw statements with `?` marks, foreign keys not enforced (parents are not the point here). */
  let raw: (sql: string, params: unknown[]) => Promise<void>;
  let closeRaw: () => Promise<void>;

  beforeAll(async () => {
    const name = `doorstep_m_${crypto.randomBytes(6).toString('hex')}`;
    if (TEST_DIALECT === 'postgres') {
      const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const url = new URL(PG_ADMIN_URL);
      url.pathname = `/${name}`;
      config = { dialect: 'postgres', url: url.toString(), poolSize: 2 };
      cleanup = async () => {
        const c = new pg.Client({ connectionString: PG_ADMIN_URL });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      };
    } else {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorstep-mig-'));
      config = { dialect: 'sqlite', file: path.join(dir, `${name}.sqlite`) };
      cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
    }
    db = openDatabase(config);
    const migrator = new Migrator({
      db: db.kysely,
      provider: {
        getMigrations: async () =>
          Object.fromEntries(
            Object.entries(BEFORE).map(([n, m]) => [n, { up: (k) => m.up(k, db.dialect) }]),
          ),
      },
    });
    const { error } = await migrator.migrateToLatest();
    if (error) throw error instanceof Error ? error : new Error(JSON.stringify(error));

    if (config.dialect === 'postgres') {
      const client = new pg.Client({ connectionString: config.url });
      await client.connect();
      await client.query('SET session_replication_role = replica'); // no FK triggers
      raw = async (sql, params) => {
        let i = 0;
        await client.query(
          sql.replace(/\?/g, () => `$${++i}`),
          params,
        );
      };
      closeRaw = () => client.end();
    } else {
      const conn = new SQLite(config.file);
      conn.pragma('foreign_keys = OFF');
      raw = async (sql, params) => void conn.prepare(sql).run(...params);
      closeRaw = async () => void conn.close();
    }
  });
  afterAll(async () => {
    await closeRaw?.();
    await db?.close();
    await cleanup?.();
  });

  const insertCase = (id: string, notice: unknown, presented: string[], state: string) =>
    raw(
      `insert into cases (id, number, item_code, item_version, applicant_id, agent_account_id,
        home_region_code, accepting_station_id, accepting_region_code, is_tongban, decided_by,
        deciding_station_id, state, state_before_suspension, first_responder_id, presented, notice,
        accepted_at, due_date, result, result_text, version, created_at, updated_at)
       values (?, ?, 'DX-SB-001', 1, 'res-li', null, '110115110201', 'st-yz', '110115110203', 1,
        'town_centre', 'st-centre', ?, null, ?, ?, ?, ?, null, null, null, 4, ?, ?)`,
      [
        id,
        `20260302-${id.slice(-5)}`,
        state,
        CLERK,
        JSON.stringify(presented),
        JSON.stringify(notice),
        T1,
        T0,
        T3,
      ],
    );
  const insertAction = (
    caseId: string,
    seq: number,
    action: string,
    actor: string,
    reason: string | null,
    payload: unknown,
    at: string,
  ) =>
    raw(
      `insert into case_actions (id, case_id, seq, action, from_state, to_state, actor_id,
        actor_role, station_id, reason, payload, at)
       values (?, ?, ?, ?, null, 'x', ?, 'clerk', null, ?, ?, ?)`,
      [crypto.randomUUID(), caseId, seq, action, actor, reason, JSON.stringify(payload), at],
    );

  it('replays notices, supplements and requests; a disguised request counts; the old table goes', async () => {
    const notice = {
      missing: [
        { key: 'photo_1inch', blocking: true },
        { key: 'agent_id_card', blocking: false },
      ],
    };
    // Filed with the ID card, photo supplied, routed; then "missing" photo asked again (old code
    // let it through uncounted), and the optional agent ID card asked for.
    await insertCase('case-00001', notice, ['id_card'], 'awaiting_supplement');
    await insertAction('case-00001', 1, 'file', CLERK, null, { presented: ['id_card'] }, T0);
    await insertAction(
      'case-00001',
      2,
      'supplement',
      CLERK,
      null,
      { presented: ['photo_1inch'] },
      T1,
    );
    await insertAction('case-00001', 3, 'route', CLERK, null, {}, T1);
    await insertAction(
      'case-00001',
      4,
      'request_supplement',
      TOWN,
      '照片背景不是白色',
      { materialKey: 'photo_1inch', kind: 'missing' },
      T3,
    );
    await raw(
      `insert into supplement_requests (id, case_id, material_key, kind, reason, second_request,
        accepting_station_id, requested_by, requested_at) values (?, 'case-00001', 'photo_1inch',
        'missing', '照片背景不是白色', 0, 'st-yz', ?, ?)`,
      [crypto.randomUUID(), TOWN, T3],
    );
    // Complete at intake: nothing asked.
    await insertCase('case-00002', { missing: [] }, ['id_card', 'photo_1inch'], 'accepted');
    await insertAction(
      'case-00002',
      1,
      'file',
      CLERK,
      null,
      { presented: ['id_card', 'photo_1inch'] },
      T2,
    );

    expect(await migrateToLatest(db)).toContain('0013_case_requests');

    const rows = await db.kysely
      .selectFrom('case_requests')
      .select([
        'case_id',
        'material_key',
        'kind',
        'blocking',
        'reason',
        'requested_by',
        'requested_at',
        'satisfied_at',
        'satisfied_by',
      ])
      .orderBy('case_id')
      .orderBy('requested_at')
      .orderBy('material_key')
      .execute();
    expect(rows).toEqual([
      {
        case_id: 'case-00001',
        material_key: 'agent_id_card',
        kind: 'notice',
        blocking: 0,
        reason: null,
        requested_by: CLERK,
        requested_at: T0,
        satisfied_at: null,
        satisfied_by: null,
      },
      {
        case_id: 'case-00001',
        material_key: 'photo_1inch',
        kind: 'notice',
        blocking: 1,
        reason: null,
        requested_by: CLERK,
        requested_at: T0,
        satisfied_at: T1,
        satisfied_by: CLERK,
      },
      {
        case_id: 'case-00001',
        material_key: 'photo_1inch',
        kind: 'defective',
        blocking: 1,
        reason: '照片背景不是白色',
        requested_by: TOWN,
        requested_at: T3,
        satisfied_at: null,
        satisfied_by: null,
      },
    ]);
    const tables = (await db.kysely.introspection.getTables()).map((t) => t.name);
    expect(tables).toContain('case_requests');
    expect(tables).not.toContain('supplement_requests');
  });
});
