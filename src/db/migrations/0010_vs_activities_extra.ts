import type { DialectMigration } from './types.ts';

/**
 * VS-6 (activities module): the reason an activity was cancelled and the reason a lead rejected a
 * service record, shown to the volunteers concerned.
 */
export const vsActivitiesExtra: DialectMigration = {
  async up(db) {
    await db.schema.alterTable('vs_activities').addColumn('cancel_reason', 'text').execute();
    await db.schema.alterTable('vs_service_records').addColumn('reject_reason', 'text').execute();
  },
};
