import { sql } from 'kysely';
import { columnTypes, type DialectMigration } from './types.ts';

/** X-1 regions and stations, X-2 accounts/grants/sessions, X-3 residents, X-4 audit, X-9 idempotency. */
export const foundation: DialectMigration = {
  async up(db, dialect) {
    const t = columnTypes(dialect);

    await db.schema
      .createTable('regions')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('parent_code', 'text', (c) => c.references('regions.code'))
      .addColumn('level', 'text', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('regions_parent').on('regions').column('parent_code').execute();

    await db.schema
      .createTable('stations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('phone', 'text', (c) => c.notNull())
      .addColumn('opening_hours', t.json, (c) => c.notNull())
      .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('stations_region').on('stations').column('region_code').execute();

    await db.schema
      .createTable('residents')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('full_name', 'text', (c) => c.notNull())
      .addColumn('sex', 'text', (c) => c.notNull())
      .addColumn('birth_date', 'text', (c) => c.notNull())
      .addColumn('id_hash', 'text', (c) => c.notNull().unique())
      .addColumn('id_cipher', 'text', (c) => c.notNull())
      .addColumn('id_masked', 'text', (c) => c.notNull())
      .addColumn('phone_cipher', 'text')
      .addColumn('phone_masked', 'text')
      .addColumn('home_region_code', 'text', (c) => c.notNull().references('regions.code'))
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('registered_station_id', 'text', (c) => c.references('stations.id'))
      .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('residents_home_region')
      .on('residents')
      .columns(['home_region_code', 'full_name'])
      .execute();

    await db.schema
      .createTable('accounts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('username', 'text', (c) => c.notNull().unique())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('resident_id', 'text', (c) => c.references('residents.id'))
      .addColumn('preferences', t.json, (c) => c.notNull())
      .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('password_changed_at', t.timestamp, (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('role_grants')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
      .addColumn('station_id', 'text', (c) => c.references('stations.id'))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('role_grants_account')
      .on('role_grants')
      .column('account_id')
      .execute();

    await db.schema
      .createTable('sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('label', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('expires_at', t.timestamp, (c) => c.notNull())
      .addColumn('last_seen_at', t.timestamp, (c) => c.notNull())
      .addColumn('revoked_at', t.timestamp)
      .execute();
    await db.schema.createIndex('sessions_account').on('sessions').column('account_id').execute();

    await db.schema
      .createTable('login_throttle')
      .addColumn('bucket', 'text', (c) => c.primaryKey())
      .addColumn('window_start', t.timestamp, (c) => c.notNull())
      .addColumn('failures', 'integer', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('audit_head')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .execute();
    await sql`insert into audit_head (id, seq, hash) values (1, 0, ${'0'.repeat(64)})`.execute(db);

    await db.schema
      .createTable('audit_events')
      .addColumn('seq', 'integer', (c) => c.primaryKey())
      .addColumn('occurred_at', t.timestamp, (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('actor_role', 'text')
      .addColumn('station_id', 'text')
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('entity_type', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text', (c) => c.notNull())
      .addColumn('region_code', 'text')
      .addColumn('before_json', t.json)
      .addColumn('after_json', t.json)
      .addColumn('request_id', 'text')
      .addColumn('prev_hash', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('audit_events_entity')
      .on('audit_events')
      .columns(['entity_type', 'entity_id'])
      .execute();

    await db.schema
      .createTable('idempotency_keys')
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('method', 'text', (c) => c.notNull())
      .addColumn('path', 'text', (c) => c.notNull())
      .addColumn('body_hash', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('status_code', 'integer')
      .addColumn('response_body', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('completed_at', t.timestamp)
      .addPrimaryKeyConstraint('idempotency_keys_pk', ['account_id', 'key'])
      .execute();
  },
};
