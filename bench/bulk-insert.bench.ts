/**
 * Issue #16 point 4: what COPY buys `doorstep generate` (and the residents import) on PostgreSQL.
 * The same resident rows (real cipher and keyed hash, made once up front) written into the same
 * fresh migrated database, each round in one transaction, alternately by
 *   - the FLOOR of the old way: Kysely multi-row INSERTs of 500 rows (what generate did before), and
 *   - `bulkInsert` (src/db/bulk-copy.ts): COPY FROM STDIN through pg-copy-streams,
 * with the table emptied between rounds. Prints rows/s of each, the ratio COPY ÷ INSERT (median of
 * the rounds) and the machine's load. Nothing is asserted; see bench/README.md.
 *
 *   node --import tsx bench/bulk-insert.bench.ts [--rows 50000] [--rounds 3]
 *
 * DOORSTEP_BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres); a scratch database
 * is created and dropped.
 */
import crypto from 'node:crypto';
import os from 'node:os';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { bulkInsert } from '../src/db/bulk-copy.ts';
import { openDatabase } from '../src/db/connection.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { Database, ResidentTable } from '../src/db/schema.ts';
import { buildIdNumber, maskIdNumber } from '../src/modules/residents/id-number.ts';
import { createPiiCipher, newMasterKey, parseMasterKey } from '../src/shared/pii-crypto.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const ROWS = Number(option('rows', '50000'));
const ROUNDS = Number(option('rounds', '3'));
const ADMIN = process.env.DOORSTEP_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const VILLAGE = '110115110201';

const pii = createPiiCipher(parseMasterKey(newMasterKey()));
const at = new Date().toISOString();
const rows: ResidentTable[] = Array.from({ length: ROWS }, (_, i) => {
  const birth = new Date(Date.UTC(1950, 0, 1) + (i % 20_000) * 86_400_000);
  const ymd = birth.toISOString().slice(0, 10).replaceAll('-', '');
  const idNumber = buildIdNumber('110115', ymd, String(100 + Math.floor(i / 20_000)));
  return {
    id: crypto.randomUUID(),
    full_name: `居民${i}`,
    sex: i % 2 ? 'male' : 'female',
    birth_date: '1950-01-01',
    id_hash: pii.lookupHash(idNumber),
    id_cipher: pii.encrypt(idNumber),
    id_masked: maskIdNumber(idNumber),
    phone_cipher: null,
    phone_masked: null,
    home_region_code: VILLAGE,
    address: `魏善庄镇 ${i} 号`,
    registered_station_id: null,
    is_demo: 0,
    created_at: at,
    updated_at: at,
  };
});

async function oldWay(db: Kysely<Database>) {
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 500)
      await trx
        .insertInto('residents')
        .values(rows.slice(i, i + 500))
        .execute();
  });
}

async function copyWay(db: Kysely<Database>) {
  await db.transaction().execute((trx) => bulkInsert(trx, 'residents', rows));
}

async function timed(db: Kysely<Database>, write: (db: Kysely<Database>) => Promise<void>) {
  await sql`truncate residents cascade`.execute(db);
  const t0 = process.hrtime.bigint();
  await write(db);
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  return ROWS / s;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const name = `doorstep_bench_copy_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN);
  url.pathname = `/${name}`;
  const db = openDatabase({ dialect: 'postgres', url: url.toString(), poolSize: 2 });
  try {
    await migrateToLatest(db);
    await db.kysely
      .insertInto('regions')
      .values({
        code: VILLAGE,
        name: '东庄村',
        parent_code: null,
        level: 'village',
        created_at: at,
        search_key: '|东庄村|',
      })
      .execute();
    const insert: number[] = [];
    const copy: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      insert.push(await timed(db.kysely, oldWay));
      copy.push(await timed(db.kysely, copyWay));
    }
    const load = os
      .loadavg()
      .map((n) => n.toFixed(2))
      .join(' ');
    console.log(
      `bulk insert of ${ROWS} residents, ${ROUNDS} rounds, PostgreSQL; load ${load}, ${os.cpus().length} cores`,
    );
    console.log(
      `  floor (multi-row INSERT ×500): ${insert.map((x) => x.toFixed(0)).join(' / ')} rows/s`,
    );
    console.log(
      `  bulkInsert (COPY):             ${copy.map((x) => x.toFixed(0)).join(' / ')} rows/s`,
    );
    console.log(`  ratio COPY ÷ INSERT (median):  ${(median(copy) / median(insert)).toFixed(2)}`);
  } finally {
    await db.close();
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.end();
  }
}

await main();
