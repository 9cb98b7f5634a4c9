import { sql } from 'kysely';
import type { DialectMigration } from './types.ts';

/**
 * Issue #14 point 3 (GS-10): every case records its channel — window, appointment, home visit,
 * agent, online or phone. Older cases came to the window, or through an agent where one filed.
 */
export const caseChannel: DialectMigration = {
  async up(db) {
    await db.schema
      .alterTable('cases')
      .addColumn('channel', 'text', (c) => c.notNull().defaultTo('window'))
      .execute();
    await sql`update cases set channel = 'agent' where agent_account_id is not null`.execute(db);
    await db.schema
      .createIndex('cases_station_channel')
      .on('cases')
      .columns(['accepting_station_id', 'channel'])
      .execute();
  },
};
