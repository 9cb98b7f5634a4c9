import { columnTypes, type DialectMigration } from './types.ts';

/**
 * Issue #14 point 6, GS-13 finish: the automatic invitation to rate a finished service is sent once
 * per subject (the primary key settles retries and parallel deliveries), and a printed QR link keeps
 * its token encrypted so the next receipt of the same case prints the same link.
 */
export const ratingsInvites: DialectMigration = {
  async up(db, dialect) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable('rating_invites')
      .addColumn('subject_type', 'text', (c) => c.notNull())
      .addColumn('subject_id', 'text', (c) => c.notNull())
      .addColumn('link_id', 'text')
      .addColumn('sms_sent', 'integer', (c) => c.notNull())
      .addColumn('notified_account_id', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('rating_invites_pk', ['subject_type', 'subject_id'])
      .execute();
    await db.schema.alterTable('rating_links').addColumn('token_cipher', 'text').execute();
  },
};
