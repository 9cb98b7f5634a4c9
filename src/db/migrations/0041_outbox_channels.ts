import { sql } from 'kysely';
import { columnTypes, type DialectMigration } from './types.ts';

/**
 * Issue #15 points 5 and 6 (X-5 channels, X-9 webhooks):
 * - `outbox_messages` carries any channel (sms, wechat, email, webhook, print) and the states
 *   queued → sending → submitted → delivered | failed | expired | suppressed (the rows written
 *   before are renamed: pending → queued, sent → submitted); a dedupe key (unique: the same
 *   message is queued once, whatever retries the business write made); the recipient's keyed hash
 *   (per-number rate limits, a person's messages); what the message is about (subject type + id,
 *   the region for scope); the error's kind (permanent / transient / refused); a fallback (a WeChat
 *   message refused → the SMS to the encrypted fallback recipient); a resend's original.
 * - `webhook_subscribers`: an integrator's URL for one town, the events chosen, the signing secret
 *   (encrypted with the data key; shown once). Deliveries are outbox messages of channel `webhook`.
 */
export const outboxChannels: DialectMigration = {
  async up(db, dialect) {
    const t = columnTypes(dialect);
    const add = async (name: string, type: 'text' | 'timestamp') =>
      db.schema
        .alterTable('outbox_messages')
        .addColumn(name, type === 'text' ? 'text' : t.timestamp)
        .execute();
    await add('dedupe_key', 'text');
    await add('recipient_hash', 'text');
    await add('provider', 'text');
    await add('error_kind', 'text');
    await add('delivered_at', 'timestamp');
    await add('expires_at', 'timestamp');
    await add('fallback_channel', 'text');
    await add('fallback_recipient_cipher', 'text');
    await add('fallback_of', 'text');
    await add('subject_type', 'text');
    await add('subject_id', 'text');
    await add('region_code', 'text');
    await add('resent_of', 'text');
    await sql`update outbox_messages set status = 'queued' where status = 'pending'`.execute(db);
    await sql`update outbox_messages set status = 'submitted' where status = 'sent'`.execute(db);
    await db.schema
      .createIndex('outbox_messages_dedupe')
      .on('outbox_messages')
      .column('dedupe_key')
      .unique()
      .execute();
    await db.schema
      .createIndex('outbox_messages_recipient')
      .on('outbox_messages')
      .columns(['recipient_hash', 'created_at'])
      .execute();
    await db.schema
      .createIndex('outbox_messages_subject')
      .on('outbox_messages')
      .columns(['subject_type', 'subject_id'])
      .execute();

    await db.schema
      .createTable('webhook_subscribers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('events', t.json, (c) => c.notNull())
      .addColumn('secret_cipher', 'text', (c) => c.notNull())
      .addColumn('secret_hint', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('revoked_by', 'text', (c) => c.references('accounts.id'))
      .addColumn('revoked_at', t.timestamp)
      .execute();
    await db.schema
      .createIndex('webhook_subscribers_region')
      .on('webhook_subscribers')
      .column('region_code')
      .execute();
  },
};
