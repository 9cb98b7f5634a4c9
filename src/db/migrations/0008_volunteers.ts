import { sql } from 'kysely';
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

    await db.schema
      .createTable('vs_categories')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('name_zh', 'text', (c) => c.notNull())
      .addColumn('name_en', 'text', (c) => c.notNull())
      .addColumn('colour', 'text') // e.g. 红 / #d4380d; optional
      .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('vs_volunteers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('volunteer_number', 'text', (c) => c.notNull().unique())
      .addColumn('account_id', 'text', (c) => c.unique().references('accounts.id'))
      .addColumn('full_name', 'text', (c) => c.notNull())
      .addColumn('sex', 'text', (c) => c.notNull())
      .addColumn('birth_date', 'text', (c) => c.notNull())
      .addColumn('id_hash', 'text', (c) => c.notNull().unique())
      .addColumn('id_cipher', 'text', (c) => c.notNull())
      .addColumn('id_masked', 'text', (c) => c.notNull())
      .addColumn('phone_cipher', 'text')
      .addColumn('phone_masked', 'text')
      .addColumn('home_region_code', 'text', (c) => c.notNull().references('regions.code'))
      .addColumn('skills', t.json, (c) => c.notNull()) // string[]
      .addColumn('service_region_codes', t.json, (c) => c.notNull()) // string[]
      .addColumn('availability', t.json, (c) => c.notNull()) // Availability
      .addColumn('guardian_consent', t.json) // GuardianConsent, required for ages 14–17
      .addColumn('status', 'text', (c) => c.notNull()) // active | suspended
      .addColumn('registered_by', 'text', (c) => c.references('accounts.id'))
      .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('vs_volunteers_region')
      .on('vs_volunteers')
      .column('home_region_code')
      .execute();

    await db.schema
      .createTable('vs_teams')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('parent_id', 'text', (c) => c.references('vs_teams.id'))
      .addColumn('kind', 'text', (c) => c.notNull()) // corps | team | subteam
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
      .addColumn('category_code', 'text', (c) => c.references('vs_categories.code'))
      .addColumn('colour', 'text')
      .addColumn('leader_account_id', 'text', (c) => c.references('accounts.id'))
      /** The organisation that records hours and issues certificates (谁记录谁证明). */
      .addColumn('organisation_name', 'text', (c) => c.notNull())
      .addColumn('person_in_charge', 'text', (c) => c.notNull())
      .addColumn('contact_phone', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('vs_teams_region')
      .on('vs_teams')
      .columns(['region_code', 'category_code'])
      .execute();

    await db.schema
      .createTable('vs_team_members')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('team_id', 'text', (c) => c.notNull().references('vs_teams.id'))
      .addColumn('volunteer_id', 'text', (c) => c.notNull().references('vs_volunteers.id'))
      .addColumn('status', 'text', (c) => c.notNull()) // pending | approved | rejected | left
      .addColumn('note', 'text')
      .addColumn('requested_at', t.timestamp, (c) => c.notNull())
      .addColumn('decided_by', 'text', (c) => c.references('accounts.id'))
      .addColumn('decided_at', t.timestamp)
      .addUniqueConstraint('vs_team_members_once', ['team_id', 'volunteer_id'])
      .execute();

    // VS-2 resources (资源清单) and projects (项目清单); needs are vs_needs below.
    await db.schema
      .createTable('vs_resources')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull()) // venue | goods | skill | service | other
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('category_code', 'text', (c) => c.notNull().references('vs_categories.code'))
      .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
      .addColumn('provider_team_id', 'text', (c) => c.references('vs_teams.id'))
      .addColumn('provider_name', 'text', (c) => c.notNull())
      .addColumn('contact', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_by', 'text', (c) => c.references('accounts.id'))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('vs_projects')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('category_code', 'text', (c) => c.notNull().references('vs_categories.code'))
      .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
      .addColumn('team_id', 'text', (c) => c.references('vs_teams.id'))
      .addColumn('schedule', 'text', (c) => c.notNull().defaultTo('')) // e.g. 每周六上午
      /** 1 when residents may order it from the service menu (点单菜单). */
      .addColumn('on_menu', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_by', 'text', (c) => c.references('accounts.id'))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .execute();

    // VS-5 orders. state: awaiting_dispatch | directed | open | accepted | in_service | completed | cancelled
    await db.schema
      .createTable('vs_orders')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('order_number', 'text', (c) => c.notNull().unique())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('category_code', 'text', (c) => c.notNull().references('vs_categories.code'))
      .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
      .addColumn('place', 'text', (c) => c.notNull())
      .addColumn('wanted_from', t.timestamp)
      .addColumn('wanted_to', t.timestamp)
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('directed_team_id', 'text', (c) => c.references('vs_teams.id'))
      .addColumn('team_id', 'text', (c) => c.references('vs_teams.id')) // the accepting team
      /** The region whose teams may grab an open order; moves one level up on escalation. */
      .addColumn('grab_region_code', 'text')
      .addColumn('escalation_level', 'integer', (c) => c.notNull().defaultTo(0))
      /** When the current directed/open window ends (the sweep acts after it). */
      .addColumn('window_ends_at', t.timestamp)
      .addColumn('dispatched_at', t.timestamp)
      .addColumn('accepted_at', t.timestamp)
      .addColumn('completed_at', t.timestamp)
      .addColumn('cancelled_at', t.timestamp)
      .addColumn('cancel_reason', 'text')
      .addColumn('created_by', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('vs_orders_state')
      .on('vs_orders')
      .columns(['state', 'window_ends_at'])
      .execute();
    await db.schema
      .createIndex('vs_orders_region')
      .on('vs_orders')
      .columns(['region_code', 'created_at'])
      .execute();

    // VS-3 needs (点单). status: submitted | accepted | rejected (accepted needs carry order_id)
    await db.schema
      .createTable('vs_needs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('need_number', 'text', (c) => c.notNull().unique())
      .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
      .addColumn('category_code', 'text', (c) => c.notNull().references('vs_categories.code'))
      .addColumn('project_id', 'text', (c) => c.references('vs_projects.id')) // from the menu
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('place', 'text', (c) => c.notNull())
      .addColumn('wanted_from', t.timestamp)
      .addColumn('wanted_to', t.timestamp)
      .addColumn('contact_name', 'text', (c) => c.notNull())
      .addColumn('contact_phone_cipher', 'text', (c) => c.notNull())
      .addColumn('contact_phone_masked', 'text', (c) => c.notNull())
      .addColumn('requester_account_id', 'text', (c) => c.references('accounts.id'))
      .addColumn('resident_id', 'text', (c) => c.references('residents.id'))
      .addColumn('channel', 'text', (c) => c.notNull()) // self | phone | wechat | walk_in
      .addColumn('recorded_by', 'text', (c) => c.references('accounts.id')) // on behalf
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('reject_reason', 'text')
      .addColumn('order_id', 'text', (c) => c.references('vs_orders.id'))
      .addColumn('reviewed_by', 'text', (c) => c.references('accounts.id'))
      .addColumn('reviewed_at', t.timestamp)
      .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('vs_needs_region')
      .on('vs_needs')
      .columns(['region_code', 'status'])
      .execute();
    await db.schema.createIndex('vs_needs_order').on('vs_needs').column('order_id').execute();
    await db.schema
      .createIndex('vs_needs_requester')
      .on('vs_needs')
      .column('requester_account_id')
      .execute();

    // The order's timeline: dispatch, decline (coded reason), grab, escalate, reassign, cancel …
    await db.schema
      .createTable('vs_order_actions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('order_id', 'text', (c) => c.notNull().references('vs_orders.id'))
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('from_state', 'text')
      .addColumn('to_state', 'text', (c) => c.notNull())
      .addColumn('team_id', 'text', (c) => c.references('vs_teams.id'))
      .addColumn('reason_code', 'text')
      .addColumn('note', 'text')
      .addColumn('actor_id', 'text', (c) => c.references('accounts.id')) // null: the sweep
      .addColumn('at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('vs_order_actions_order')
      .on('vs_order_actions')
      .columns(['order_id', 'at'])
      .execute();
    // The sweep's step for a window happens once however many nodes sweep (unique key).
    await db.schema
      .createTable('vs_order_sweeps')
      .addColumn('order_id', 'text', (c) => c.notNull().references('vs_orders.id'))
      .addColumn('step', 'text', (c) => c.notNull()) // e.g. open:1, escalate:2
      .addColumn('swept_by', 'text', (c) => c.notNull())
      .addColumn('at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('vs_order_sweeps_pk', ['order_id', 'step'])
      .execute();

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
  },
};
