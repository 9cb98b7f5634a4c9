import { columnTypes, type DialectMigration } from './types.ts';

/**
 * GS-11 AB posts (AB岗, issue #14 point 4): a station's posts with an A and a B holder, the
 * holders' absences (planned leave, absent today, training…), which post a hand-off was addressed
 * to, and the coverage warnings the sweep sent (one row per post, day, gap and notice: the unique
 * key makes each warning exactly once on any number of nodes).
 */
export const posts: DialectMigration = {
  async up(db, dialect) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable('posts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('station_id', 'text', (c) => c.notNull().references('stations.id'))
      .addColumn('region_code', 'text', (c) => c.notNull()) // the station's region
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('opening_hours', t.json) // JSON OpeningHours; NULL: the station's hours
      .addColumn('a_account_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('b_account_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addUniqueConstraint('posts_station_name', ['station_id', 'name'])
      .execute();
    await db.schema.createIndex('posts_region').on('posts').column('region_code').execute();

    await db.schema
      .createTable('post_absences')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('region_code', 'text', (c) => c.notNull()) // the holder's station region
      .addColumn('kind', 'text', (c) => c.notNull()) // planned_leave | absent_today | training | other
      .addColumn('starts_at', t.timestamp, (c) => c.notNull())
      .addColumn('ends_at', t.timestamp, (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('status', 'text', (c) => c.notNull()) // active | cancelled
      .addColumn('recorded_by', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('cancelled_by', 'text', (c) => c.references('accounts.id'))
      .addColumn('cancelled_at', t.timestamp)
      .execute();
    await db.schema
      .createIndex('post_absences_account')
      .on('post_absences')
      .columns(['account_id', 'status', 'ends_at'])
      .execute();

    await db.schema
      .createTable('post_handoffs')
      .addColumn('handoff_id', 'text', (c) => c.primaryKey().references('handoffs.id'))
      .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id'))
      .addColumn('landed_with', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('reroutes', 'integer', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('post_handoffs_post')
      .on('post_handoffs')
      .column('post_id')
      .execute();

    await db.schema
      .createTable('post_coverage_warnings')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id'))
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('day', 'text', (c) => c.notNull()) // YYYY-MM-DD, China date
      .addColumn('gap_from', 'text', (c) => c.notNull()) // HH:MM China time
      .addColumn('gap_to', 'text', (c) => c.notNull())
      .addColumn('notice', 'text', (c) => c.notNull()) // day_before | morning
      .addColumn('swept_by', 'text', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addUniqueConstraint('post_coverage_warnings_once', ['post_id', 'day', 'gap_from', 'notice'])
      .execute();
  },
};
