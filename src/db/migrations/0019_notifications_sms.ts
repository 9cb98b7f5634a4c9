import { sql } from 'kysely';
import { columnTypes, type DialectMigration } from './types.ts';

/**
 * Issue #11 (reach):
 * - notifications become a kind + JSON params (rendered in the reader's language); the rows
 *   written before keep their bilingual text as params of the kind `legacy`;
 * - `outbox_messages`: messages to send (SMS first), written in the business transaction and sent
 *   by the sweep, each claimed by one node; the recipient and the params (which may hold a login
 *   code) are encrypted with the data key;
 * - accounts may have a mobile phone (encrypted, a keyed hash for lookup, a masked copy) to log in
 *   with an SMS code; `sms_login_codes` holds the codes as keyed hashes;
 * - sessions may slide (`sliding_hours`): phone sessions last long while used.
 */
export const notificationsSms: DialectMigration = {
  async up(db, dialect) {
    const t = columnTypes(dialect);
    await db.schema
      .alterTable('notifications')
      .addColumn('params', t.json, (c) => c.notNull().defaultTo('{}'))
      .execute();
    const old = await sql<{
      id: string;
      kind: string;
      subject: string;
      body: string;
    }>`select id, kind, subject, body from notifications`.execute(db);
    for (const r of old.rows) {
      const params = JSON.stringify({ subject: r.subject, body: r.body, kind: r.kind });
      await sql`update notifications set kind = 'legacy', params = ${params} where id = ${r.id}`.execute(
        db,
      );
    }
    await db.schema.alterTable('notifications').dropColumn('subject').execute();
    await db.schema.alterTable('notifications').dropColumn('body').execute();

    await db.schema
      .createTable('outbox_messages')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('channel', 'text', (c) => c.notNull()) // sms
      .addColumn('recipient_cipher', 'text', (c) => c.notNull())
      .addColumn('recipient_masked', 'text', (c) => c.notNull())
      .addColumn('template_kind', 'text', (c) => c.notNull())
      .addColumn('params_cipher', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull()) // pending | sending | sent | failed
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', t.timestamp, (c) => c.notNull())
      .addColumn('claimed_by', 'text')
      .addColumn('claimed_at', t.timestamp)
      .addColumn('last_error', 'text')
      .addColumn('sent_at', t.timestamp)
      .addColumn('provider_message_id', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('outbox_messages_due')
      .on('outbox_messages')
      .columns(['status', 'next_attempt_at'])
      .execute();

    await db.schema.alterTable('accounts').addColumn('phone_cipher', 'text').execute();
    await db.schema.alterTable('accounts').addColumn('phone_hash', 'text').execute();
    await db.schema.alterTable('accounts').addColumn('phone_masked', 'text').execute();
    await db.schema
      .createIndex('accounts_phone_hash')
      .on('accounts')
      .column('phone_hash')
      .unique()
      .execute();

    await db.schema
      .createTable('sms_login_codes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('phone_hash', 'text', (c) => c.notNull())
      .addColumn('account_id', 'text', (c) => c.references('accounts.id'))
      .addColumn('code_hash', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('expires_at', t.timestamp, (c) => c.notNull())
      .addColumn('used_at', t.timestamp)
      .execute();
    await db.schema
      .createIndex('sms_login_codes_phone')
      .on('sms_login_codes')
      .columns(['phone_hash', 'created_at'])
      .execute();

    await db.schema.alterTable('sessions').addColumn('sliding_hours', 'integer').execute();
  },
};
