import { sql } from 'kysely';
import { columnTypes, type DialectMigration } from './types.ts';

/**
 * GS-4 首问负责: inquiries (logged even when no case follows), hand-offs (转办) of an inquiry or a
 * case with their own deadline, and the notifications outbox (X-5) that tells the first responder
 * when the matter closes. GS-6 帮办代办: residents' authorizations of agents.
 */
export const firstResponse: DialectMigration = {
  async up(db, dialect) {
    const t = columnTypes(dialect);

    await db.schema
      .createTable('inquiries')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('channel', 'text', (c) => c.notNull()) // walk_in | phone
      .addColumn('resident_id', 'text', (c) => c.references('residents.id'))
      .addColumn('caller_description', 'text')
      .addColumn('question', 'text', (c) => c.notNull())
      .addColumn('item_code', 'text')
      .addColumn('answer', 'text', (c) => c.notNull())
      .addColumn('station_id', 'text', (c) => c.notNull().references('stations.id'))
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('first_responder_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('first_responder_role', 'text', (c) => c.notNull())
      .addColumn('case_id', 'text', (c) => c.references('cases.id'))
      .addColumn('status', 'text', (c) => c.notNull()) // open | closed
      .addColumn('closing_note', 'text')
      .addColumn('closed_by', 'text', (c) => c.references('accounts.id'))
      .addColumn('closed_at', t.timestamp)
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('inquiries_region')
      .on('inquiries')
      .columns(['region_code', 'created_at'])
      .execute();
    await db.schema
      .createIndex('inquiries_first_responder')
      .on('inquiries')
      .column('first_responder_id')
      .execute();

    await db.schema
      .createTable('handoffs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('entity_type', 'text', (c) => c.notNull()) // case | inquiry
      .addColumn('entity_id', 'text', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull()) // 1, 2, … per matter
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('first_responder_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('from_account_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('to_account_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('due_date', 'text', (c) => c.notNull()) // YYYY-MM-DD, China date
      .addColumn('status', 'text', (c) => c.notNull()) // pending | accepted | declined
      .addColumn('decline_reason', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('decided_at', t.timestamp)
      .addUniqueConstraint('handoffs_seq', ['entity_type', 'entity_id', 'seq'])
      .execute();
    // At most one pending hand-off per matter, however many nodes race.
    await db.schema
      .createIndex('handoffs_one_pending')
      .on('handoffs')
      .columns(['entity_type', 'entity_id'])
      .unique()
      .where(sql<boolean>`status = 'pending'`)
      .execute();
    await db.schema
      .createIndex('handoffs_to')
      .on('handoffs')
      .columns(['to_account_id', 'status'])
      .execute();
    await db.schema
      .createIndex('handoffs_from')
      .on('handoffs')
      .columns(['from_account_id', 'status'])
      .execute();
    await db.schema
      .createIndex('handoffs_due')
      .on('handoffs')
      .columns(['status', 'due_date'])
      .execute();

    await db.schema
      .createTable('notifications')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('entity_type', 'text')
      .addColumn('entity_id', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('read_at', t.timestamp)
      .execute();
    await db.schema
      .createIndex('notifications_account')
      .on('notifications')
      .columns(['account_id', 'created_at'])
      .execute();

    await db.schema
      .createTable('authorizations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('resident_id', 'text', (c) => c.notNull().references('residents.id'))
      .addColumn('agent_account_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('region_code', 'text', (c) => c.notNull()) // the resident's home region
      .addColumn('all_items', 'integer', (c) => c.notNull())
      .addColumn('item_codes', t.json, (c) => c.notNull()) // JSON string[]; [] when all_items
      .addColumn('expires_on', 'text', (c) => c.notNull()) // YYYY-MM-DD, valid through that day
      .addColumn('consent_method', 'text', (c) => c.notNull()) // signed_form | in_person | phone
      .addColumn('consent_attachment_id', 'text') // a scan (attachments module); no FK on purpose
      .addColumn('consent_call_ref', 'text')
      .addColumn('recorded_by', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('recorded_role', 'text', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('revoked_at', t.timestamp)
      .addColumn('revoked_by', 'text', (c) => c.references('accounts.id'))
      .addColumn('revoke_reason', 'text')
      .execute();
    await db.schema
      .createIndex('authorizations_agent_resident')
      .on('authorizations')
      .columns(['agent_account_id', 'resident_id'])
      .execute();
    await db.schema
      .createIndex('authorizations_resident')
      .on('authorizations')
      .column('resident_id')
      .execute();
  },
};
