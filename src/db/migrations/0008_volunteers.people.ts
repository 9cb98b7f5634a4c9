import type { Kysely } from 'kysely';
import type { columnTypes } from './types.ts';

/**
 * VS-1/VS-2: categories, volunteers, corps/teams/sub-teams and members, resources and projects.
 * Part of migration 0008 (0008_volunteers.ts calls the parts in order), frozen with it.
 */
export async function createVolunteerPeopleTables(
  db: Kysely<unknown>,
  t: ReturnType<typeof columnTypes>,
): Promise<void> {
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
}
