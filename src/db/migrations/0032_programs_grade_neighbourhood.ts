import { columnTypes, type DialectMigration } from './types.ts';

/**
 * Issue #13 CP-1 eligibility: a child's school grade (1 = 小学一年级 … 12 = 高三) with the school
 * year it was stated for (a grade advances each 1 September, China time); the named neighbourhoods
 * (小区) of a venue's community, which the region tree does not have; the child's neighbourhood;
 * a class's catchment neighbourhoods and whether an out-of-catchment child is refused or ranked
 * after the catchment's children.
 */
export const programsGradeNeighbourhood: DialectMigration = {
  async up(db, dialect) {
    const t = columnTypes(dialect);
    await db.schema.alterTable('children').addColumn('school_grade', 'integer').execute();
    await db.schema.alterTable('children').addColumn('grade_school_year', 'integer').execute();
    await db.schema.alterTable('children').addColumn('neighbourhood', 'text').execute();
    await db.schema
      .alterTable('program_classes')
      .addColumn('catchment_neighbourhoods', 'text', (c) => c.notNull().defaultTo('[]'))
      .execute();
    await db.schema
      .alterTable('program_classes')
      .addColumn('outside_catchment', 'text', (c) => c.notNull().defaultTo('refuse'))
      .execute();
    await db.schema
      .createTable('program_neighbourhoods')
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('sort_order', 'integer', (c) => c.notNull())
      .addColumn('updated_by_account_id', 'text', (c) => c.references('accounts.id'))
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('program_neighbourhoods_pk', ['region_code', 'name'])
      .execute();
  },
};
