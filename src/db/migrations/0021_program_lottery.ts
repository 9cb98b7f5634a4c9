import { columnTypes, type DialectMigration } from './types.ts';

/**
 * Issue #13 CP-2 complete: the lottery's recorded draws (seed, inputs, order — anyone can re-run
 * them), the class's `drawn_at` (claimed by one conditional update: exactly one draw), and the
 * sibling group that keeps brothers and sisters together (both or neither).
 */
export const programLottery: DialectMigration = {
  async up(db, dialect) {
    const t = columnTypes(dialect);
    await db.schema.alterTable('program_classes').addColumn('drawn_at', t.timestamp).execute();
    await db.schema.alterTable('enrolments').addColumn('sibling_group', 'text').execute();
    await db.schema
      .createIndex('enrolments_sibling_group')
      .on('enrolments')
      .columns(['class_id', 'sibling_group'])
      .execute();
    await db.schema
      .createTable('program_lottery_draws')
      .addColumn('class_id', 'text', (c) => c.primaryKey().references('program_classes.id'))
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('seed', 'integer', (c) => c.notNull())
      .addColumn('places', 'integer', (c) => c.notNull())
      .addColumn('inputs', t.json, (c) => c.notNull())
      .addColumn('drawn_order', t.json, (c) => c.notNull())
      .addColumn('enrolled', t.json, (c) => c.notNull())
      .addColumn('waitlisted', t.json, (c) => c.notNull())
      .addColumn('drawn_by_account_id', 'text', (c) => c.references('accounts.id'))
      .addColumn('drawn_at', t.timestamp, (c) => c.notNull())
      .execute();
  },
};
