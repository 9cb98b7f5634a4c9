import { createVolunteerActivityTables } from './0008_volunteers.activities.ts';
import { createVolunteerOrderTables } from './0008_volunteers.orders.ts';
import { createVolunteerPeopleTables } from './0008_volunteers.people.ts';
import { columnTypes, type DialectMigration } from './types.ts';

/**
 * VS-1 … VS-10, volunteer service orders: volunteers, corps/teams/sub-teams with a service
 * category, the three lists (needs, resources, projects), orders with dispatch and grabbing,
 * activities with burst-safe sign-up, hours records, ratings, certificates and star rule packs.
 *
 * Concurrency rules live in the schema: one winner per order is a conditional update on
 * `vs_orders` (state + version); an activity's places are a counter checked in the same update as
 * the increment; a check-in code is used once per volunteer (unique key); one rating per need.
 */
export const volunteers: DialectMigration = {
  async up(db, dialect) {
    const t = columnTypes(dialect);
    await createVolunteerPeopleTables(db, t);
    await createVolunteerOrderTables(db, t);
    await createVolunteerActivityTables(db, t);
  },
};
