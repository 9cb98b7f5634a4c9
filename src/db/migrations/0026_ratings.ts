import { columnTypes, type DialectMigration } from './types.ts';

/**
 * Issue #14 point 6, GS-13 好差评: ratings (one per subject and kind, settled by a unique key),
 * signed links (SMS / QR; token stored hashed), window rating devices (评价器, paired by a short
 * code; device token stored hashed), rectification tickets for 差评 and appeals.
 */
export const ratings: DialectMigration = {
  async up(db, dialect) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable('ratings')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('subject_type', 'text', (c) => c.notNull())
      .addColumn('subject_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('level', 'integer', (c) => c.notNull())
      .addColumn('reason_codes', t.json, (c) => c.notNull())
      .addColumn('comment', 'text')
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('service_channel', 'text')
      .addColumn('subject_number', 'text', (c) => c.notNull())
      .addColumn('item_code', 'text')
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('station_id', 'text')
      .addColumn('staff_account_id', 'text')
      .addColumn('agent_account_id', 'text')
      .addColumn('rater_resident_id', 'text')
      .addColumn('rater_account_id', 'text')
      .addColumn('completed_at', t.timestamp, (c) => c.notNull())
      .addColumn('excluded', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('rated_at', t.timestamp, (c) => c.notNull())
      .addUniqueConstraint('ratings_once', ['subject_type', 'subject_id', 'kind'])
      .execute();
    await db.schema
      .createIndex('ratings_region')
      .on('ratings')
      .columns(['region_code', 'rated_at'])
      .execute();

    await db.schema
      .createTable('rating_links')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('subject_type', 'text', (c) => c.notNull())
      .addColumn('subject_id', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('expires_at', t.timestamp, (c) => c.notNull())
      .addColumn('used_at', t.timestamp)
      .addColumn('created_by', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('rating_devices')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('station_id', 'text', (c) => c.notNull().references('stations.id'))
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('pair_code_hash', 'text')
      .addColumn('pair_expires_at', t.timestamp)
      .addColumn('token_hash', 'text', (c) => c.unique())
      .addColumn('paired_at', t.timestamp)
      .addColumn('idle_since', t.timestamp)
      .addColumn('last_seen_at', t.timestamp)
      .addColumn('revoked_at', t.timestamp)
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('rating_tickets')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('rating_id', 'text', (c) => c.notNull().unique().references('ratings.id'))
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('station_id', 'text')
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('complex', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('callback_due', 'text', (c) => c.notNull())
      .addColumn('due_date', 'text', (c) => c.notNull())
      .addColumn('classification', 'text')
      .addColumn('fix_due_date', 'text')
      .addColumn('called_back_at', t.timestamp)
      .addColumn('callback_note', 'text')
      .addColumn('verify_note', 'text')
      .addColumn('outcome', 'text')
      .addColumn('resident_reply', 'text')
      .addColumn('resident_satisfied', 'integer')
      .addColumn('closed_at', t.timestamp)
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('rating_tickets_due')
      .on('rating_tickets')
      .columns(['state', 'due_date'])
      .execute();

    await db.schema
      .createTable('rating_appeals')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('rating_id', 'text', (c) => c.notNull().unique().references('ratings.id'))
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('appellant_id', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('decided_by', 'text')
      .addColumn('decided_at', t.timestamp)
      .addColumn('decision_note', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .execute();
  },
};
