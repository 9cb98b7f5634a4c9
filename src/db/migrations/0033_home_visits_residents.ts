import type { DialectMigration } from './types.ts';

/**
 * Issue #14 (GS-10 home visits for residents): the time window a scheduled visit was promised in
 * ('morning' 09:00–12:00 or 'afternoon' 14:00–17:00, home-visits/visit-window.ts), told to the
 * resident by notification and SMS; NULL for visits scheduled before it existed.
 */
export const homeVisitsResidents: DialectMigration = {
  async up(db) {
    await db.schema.alterTable('home_visits').addColumn('visit_window', 'text').execute();
  },
};
