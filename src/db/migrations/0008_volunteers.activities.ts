import { sql, type Kysely } from 'kysely';
import type { columnTypes } from './types.ts';

/**
 * VS-6 … VS-10: activities, sign-ups, check-in code uses, service records, record entries, ratings, certificates and star rule packs.
 * Part of migration 0008 (0008_volunteers.ts calls the parts in order), frozen with it.
 */
export async function createVolunteerActivityTables(
  db: Kysely<unknown>,
  t: ReturnType<typeof columnTypes>,
): Promise<void> {
  // VS-6 activities. status: open | cancelled | completed
  await db.schema
    .createTable('vs_activities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.references('vs_orders.id'))
    .addColumn('project_id', 'text', (c) => c.references('vs_projects.id'))
    .addColumn('team_id', 'text', (c) => c.notNull().references('vs_teams.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('starts_at', t.timestamp, (c) => c.notNull())
    .addColumn('ends_at', t.timestamp, (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('confirmed_count', 'integer', (c) => c.notNull().defaultTo(0))
    /** Next waitlist position handed out (waitlist order = sign-up order). */
    .addColumn('queue_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('skills', t.json, (c) => c.notNull()) // string[]
    .addColumn('lead_account_id', 'text', (c) => c.notNull().references('accounts.id'))
    /** Secret for the rotating check-in code (encrypted with the data key). */
    .addColumn('code_secret_cipher', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('vs_activities_team')
    .on('vs_activities')
    .columns(['team_id', 'starts_at'])
    .execute();
  await db.schema
    .createIndex('vs_activities_order')
    .on('vs_activities')
    .column('order_id')
    .execute();

  // status: confirmed | waitlisted | cancelled; one live sign-up per volunteer and activity.
  await db.schema
    .createTable('vs_signups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('activity_id', 'text', (c) => c.notNull().references('vs_activities.id'))
    .addColumn('volunteer_id', 'text', (c) => c.notNull().references('vs_volunteers.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('queue_position', 'integer') // waitlist order
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('promoted_at', t.timestamp)
    .addColumn('cancelled_at', t.timestamp)
    .execute();
  await db.schema
    .createIndex('vs_signups_live')
    .on('vs_signups')
    .columns(['activity_id', 'volunteer_id'])
    .unique()
    .where(sql<boolean>`status <> 'cancelled'`)
    .execute();
  await db.schema
    .createIndex('vs_signups_queue')
    .on('vs_signups')
    .columns(['activity_id', 'status', 'queue_position'])
    .execute();

  // A scanned code is used once per volunteer, activity and direction (replays refused).
  await db.schema
    .createTable('vs_code_uses')
    .addColumn('activity_id', 'text', (c) => c.notNull().references('vs_activities.id'))
    .addColumn('volunteer_id', 'text', (c) => c.notNull().references('vs_volunteers.id'))
    .addColumn('direction', 'text', (c) => c.notNull()) // in | out
    .addColumn('code_window', 'integer', (c) => c.notNull())
    .addColumn('used_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('vs_code_uses_pk', ['activity_id', 'volunteer_id', 'direction'])
    .execute();

  // VS-6/VS-8 the legal service record: one per volunteer and activity.
  // status: checked_in | pending_confirmation | confirmed | rejected
  await db.schema
    .createTable('vs_service_records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('volunteer_id', 'text', (c) => c.notNull().references('vs_volunteers.id'))
    .addColumn('activity_id', 'text', (c) => c.notNull().references('vs_activities.id'))
    .addColumn('team_id', 'text', (c) => c.notNull().references('vs_teams.id')) // recorder
    .addColumn('service_date', 'text', (c) => c.notNull()) // YYYY-MM-DD, China date
    .addColumn('checked_in_at', t.timestamp, (c) => c.notNull())
    .addColumn('checked_out_at', t.timestamp)
    .addColumn('check_in_method', 'text', (c) => c.notNull()) // code | lead
    .addColumn('check_out_method', 'text')
    .addColumn('travel_minutes', 'integer', (c) => c.notNull().defaultTo(0))
    /** Hours in half-hour units (3 = 1.5 h), after travel, rounding and the daily cap. */
    .addColumn('half_hours', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('evaluation', 'text')
    .addColumn('confirmed_by', 'text', (c) => c.references('accounts.id'))
    .addColumn('confirmed_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('vs_service_records_once', ['volunteer_id', 'activity_id'])
    .execute();
  await db.schema
    .createIndex('vs_service_records_volunteer')
    .on('vs_service_records')
    .columns(['volunteer_id', 'service_date'])
    .execute();

  // VS-8 training and awards in a volunteer's record. kind: training | award
  await db.schema
    .createTable('vs_record_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('volunteer_id', 'text', (c) => c.notNull().references('vs_volunteers.id'))
    .addColumn('team_id', 'text', (c) => c.notNull().references('vs_teams.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('on_date', 'text', (c) => c.notNull())
    .addColumn('half_hours', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();

  // VS-7 评单: each requester (need) rates once.
  await db.schema
    .createTable('vs_ratings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('need_id', 'text', (c) => c.notNull().unique().references('vs_needs.id'))
    .addColumn('order_id', 'text', (c) => c.notNull().references('vs_orders.id'))
    .addColumn('team_id', 'text', (c) => c.notNull().references('vs_teams.id'))
    .addColumn('stars', 'integer', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('rated_by', 'text', (c) => c.references('accounts.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('vs_ratings_team').on('vs_ratings').column('team_id').execute();

  // VS-8 certificates (志愿服务记录证明), verifiable by number or QR; revocable.
  await db.schema
    .createTable('vs_certificates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('certificate_number', 'text', (c) => c.notNull().unique())
    .addColumn('volunteer_id', 'text', (c) => c.notNull().references('vs_volunteers.id'))
    .addColumn('team_id', 'text', (c) => c.notNull().references('vs_teams.id'))
    /** JSON snapshot of every printed field, as issued (names, hours, services, issuer …). */
    .addColumn('snapshot', t.json, (c) => c.notNull())
    .addColumn('half_hours', 'integer', (c) => c.notNull())
    .addColumn('issued_by', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('issued_at', t.timestamp, (c) => c.notNull())
    .addColumn('revoked_at', t.timestamp)
    .addColumn('revoked_by', 'text', (c) => c.references('accounts.id'))
    .addColumn('revoke_reason', 'text')
    .execute();
  await db.schema
    .createIndex('vs_certificates_volunteer')
    .on('vs_certificates')
    .column('volunteer_id')
    .execute();

  // VS-9 star rule packs (data) and which pack a region uses (nearest ancestor wins).
  await db.schema
    .createTable('vs_star_packs')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('thresholds', t.json, (c) => c.notNull()) // hours for 1★ … 5★, ascending
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('vs_region_star_packs')
    .addColumn('region_code', 'text', (c) => c.primaryKey().references('regions.code'))
    .addColumn('pack_code', 'text', (c) => c.notNull().references('vs_star_packs.code'))
    .addColumn('set_by', 'text', (c) => c.references('accounts.id'))
    .addColumn('set_at', t.timestamp, (c) => c.notNull())
    .execute();
}
