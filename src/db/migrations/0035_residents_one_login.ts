import { sql } from 'kysely';
import type { DialectMigration } from './types.ts';

/**
 * Issue #14 (GS-10): one login per resident record. Two clerks creating a resident's phone login at
 * the same moment both passed the service's "already linked?" read; the unique index makes the
 * database the judge (the loser gets RESIDENT_LOGIN_EXISTS). Staff accounts link no resident.
 */
export const residentsOneLogin: DialectMigration = {
  async up(db) {
    await db.schema
      .createIndex('accounts_one_per_resident')
      .on('accounts')
      .column('resident_id')
      .unique()
      .where(sql<boolean>`resident_id is not null`)
      .execute();
  },
};
