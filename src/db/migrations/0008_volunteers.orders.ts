import type { Kysely } from 'kysely';
import type { columnTypes } from './types.ts';

/**
 * VS-3/VS-5: orders, needs, the order timeline and the sweep steps.
 * Part of migration 0008 (0008_volunteers.ts calls the parts in order), frozen with it.
 */
export async function createVolunteerOrderTables(
  db: Kysely<unknown>,
  t: ReturnType<typeof columnTypes>,
): Promise<void> {
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
}
