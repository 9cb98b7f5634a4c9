import crypto from 'node:crypto';
import { sql } from 'kysely';
import { columnTypes, type DialectMigration } from './types.ts';

/**
 * X-2 hardening:
 * - accounts get an optional second factor (TOTP): the secret encrypted with the data key, when
 *   it was confirmed, and the last accepted time step (a code is accepted once);
 * - one-time recovery codes, stored as hashes;
 * - every case gets a random 8-digit tracking code (查询码) printed on its receipt: tracking needs
 *   it, so sequential case numbers no longer open anything. Existing cases get one now.
 */
export const authHardening: DialectMigration = {
  async up(db, dialect) {
    const t = columnTypes(dialect);
    await db.schema.alterTable('accounts').addColumn('totp_secret_cipher', 'text').execute();
    await db.schema.alterTable('accounts').addColumn('totp_enabled_at', t.timestamp).execute();
    await db.schema.alterTable('accounts').addColumn('totp_last_step', 'bigint').execute();
    await db.schema
      .createTable('account_recovery_codes')
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('code_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('used_at', t.timestamp)
      .addPrimaryKeyConstraint('account_recovery_codes_pk', ['account_id', 'code_hash'])
      .execute();
    await db.schema.alterTable('cases').addColumn('tracking_code', 'text').execute();
    const rows = await sql<{
      id: string;
    }>`select id from cases where tracking_code is null`.execute(db);
    for (const row of rows.rows) {
      const code = String(crypto.randomInt(0, 100_000_000)).padStart(8, '0');
      await sql`update cases set tracking_code = ${code} where id = ${row.id}`.execute(db);
    }
  },
};
