import { columnTypes, type DialectMigration } from './types.ts';

/**
 * Issue #15 point 7, Open311 GeoReport v2: API keys an administrator issues to an integrator
 * (stored as sha256, bound to one town — the jurisdiction — and to the staff account that records
 * what the key files), and the requests filed through them, each pointing at the inquiry or the
 * 点单 need it became. The dedupe key (the client's Idempotency-Key, or the body's hash within a
 * window) is unique per API key, so a client's retry never files twice.
 */
export const open311: DialectMigration = {
  async up(db, dialect) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable('open311_api_keys')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('jurisdiction_code', 'text', (c) => c.notNull().references('regions.code'))
      .addColumn('key_hash', 'text', (c) => c.notNull().unique())
      .addColumn('key_hint', 'text', (c) => c.notNull())
      .addColumn('acting_account_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('created_by', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('revoked_by', 'text', (c) => c.references('accounts.id'))
      .addColumn('revoked_at', t.timestamp)
      .addColumn('last_used_at', t.timestamp)
      .execute();
    await db.schema
      .createIndex('open311_api_keys_jurisdiction')
      .on('open311_api_keys')
      .column('jurisdiction_code')
      .execute();

    await db.schema
      .createTable('open311_requests')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('api_key_id', 'text', (c) => c.notNull().references('open311_api_keys.id'))
      .addColumn('jurisdiction_code', 'text', (c) => c.notNull())
      .addColumn('service_code', 'text', (c) => c.notNull())
      .addColumn('dedupe_key', 'text', (c) => c.notNull())
      .addColumn('body_hash', 'text', (c) => c.notNull())
      .addColumn('target_kind', 'text', (c) => c.notNull()) // inquiry | need
      .addColumn('inquiry_id', 'text', (c) => c.references('inquiries.id'))
      .addColumn('need_id', 'text', (c) => c.references('vs_needs.id'))
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('address', 'text')
      .addColumn('lat', 'text') // decimal degrees as sent (WGS84)
      .addColumn('long', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('open311_requests_dedupe')
      .on('open311_requests')
      .columns(['api_key_id', 'dedupe_key'])
      .unique()
      .execute();
    await db.schema
      .createIndex('open311_requests_jurisdiction_created')
      .on('open311_requests')
      .columns(['jurisdiction_code', 'created_at'])
      .execute();
  },
};
