import { columnTypes, type DialectMigration } from './types.ts';

/** GS-5: scans of a case's materials, stored in the database so every app node serves them. */
export const attachments: DialectMigration = {
  async up(db, dialect) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable('attachments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
      .addColumn('material_key', 'text', (c) => c.notNull())
      .addColumn('content_type', 'text', (c) => c.notNull()) // image/jpeg | image/png | application/pdf
      .addColumn('size_bytes', 'integer', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('data', t.binary, (c) => c.notNull())
      .addColumn('uploaded_by', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('uploaded_at', t.timestamp, (c) => c.notNull())
      // The same bytes for the same material are stored once (a retried upload is a no-op).
      .addUniqueConstraint('attachments_same_file', ['case_id', 'material_key', 'sha256'])
      .execute();
  },
};
