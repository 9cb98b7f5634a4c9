import type { DialectMigration } from './types.ts';

/**
 * Issue #16 point 5: VS-10's live figures at the milestone's volunteer density (one volunteer per
 * 2 residents, ~20 hour records each: `doorstep generate` since stop 31). On the generated district
 * (150,000 volunteers, ~170,000 activities) the figures took ~1 s: counting the volunteers by area
 * read the volunteers' heap (wide rows: encrypted numbers, names), and the activities' capacity and
 * sign-ups were a parallel scan of the whole table. Both are now index-only scans of the scope's
 * entries: the volunteers by (home region, registration instant), the activities by (region, start)
 * with the columns the sums read.
 */
export const vsFigureIndexes: DialectMigration = {
  async up(db) {
    await db.schema
      .createIndex('vs_volunteers_region_created')
      .on('vs_volunteers')
      .columns(['home_region_code', 'created_at'])
      .execute();
    await db.schema
      .createIndex('vs_activities_region_fill')
      .on('vs_activities')
      .columns(['region_code', 'starts_at', 'status', 'capacity', 'confirmed_count'])
      .execute();
  },
};
