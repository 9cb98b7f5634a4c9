import { columnTypes, type DialectMigration } from './types.ts';

/** GS-6: the scan of a resident's signed authorization form, stored like case scans. */
export const casesGaps: DialectMigration = {
  async up(db, dialect) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable('authorization_scans')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('authorization_id', 'text', (c) => c.notNull().references('authorizations.id'))
      .addColumn('content_type', 'text', (c) => c.notNull()) // image/jpeg | image/png | application/pdf
      .addColumn('size_bytes', 'integer', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('data', t.binary, (c) => c.notNull()) // encrypted with the PiiCipher
      .addColumn('uploaded_by', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('uploaded_at', t.timestamp, (c) => c.notNull())
      // The same bytes for the same authorization are stored once (a retried upload is a no-op).
      .addUniqueConstraint('authorization_scans_same_file', ['authorization_id', 'sha256'])
      .execute();
  },
};
