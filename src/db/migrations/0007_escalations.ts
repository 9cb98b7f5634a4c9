import { columnTypes, type DialectMigration } from './types.ts';

/**
 * GS-8: escalations of overdue matters. The unique key makes each escalation happen exactly once,
 * however many app nodes sweep at the same moment.
 */
export const escalations: DialectMigration = {
  async up(db, dialect) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable('escalations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('entity_type', 'text', (c) => c.notNull()) // case | handoff
      .addColumn('entity_id', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull()) // overdue
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('station_id', 'text')
      .addColumn('due_date', 'text', (c) => c.notNull())
      .addColumn('escalated_at', t.timestamp, (c) => c.notNull())
      .addColumn('swept_by', 'text', (c) => c.notNull())
      .addColumn('acknowledged_by', 'text')
      .addColumn('acknowledged_at', t.timestamp)
      .addUniqueConstraint('escalations_once', ['entity_type', 'entity_id', 'reason'])
      .execute();
    await db.schema
      .createIndex('escalations_region')
      .on('escalations')
      .columns(['region_code', 'escalated_at'])
      .execute();
  },
};
