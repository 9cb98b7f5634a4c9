import { columnTypes, type DialectMigration } from './types.ts';

/** GS-3 … GS-9: cases, their append-only action log, clock pauses, supplement requests, counters. */
export const cases: DialectMigration = {
  async up(db, dialect) {
    const t = columnTypes(dialect);

    await db.schema
      .createTable('cases')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('number', 'text', (c) => c.notNull().unique())
      .addColumn('item_code', 'text', (c) => c.notNull())
      .addColumn('item_version', 'integer', (c) => c.notNull())
      .addColumn('applicant_id', 'text', (c) => c.notNull().references('residents.id'))
      .addColumn('agent_account_id', 'text', (c) => c.references('accounts.id'))
      .addColumn('home_region_code', 'text', (c) => c.notNull())
      .addColumn('accepting_station_id', 'text', (c) => c.notNull().references('stations.id'))
      .addColumn('accepting_region_code', 'text', (c) => c.notNull())
      .addColumn('is_tongban', 'integer', (c) => c.notNull())
      .addColumn('decided_by', 'text', (c) => c.notNull()) // station | town_centre | district_department
      .addColumn('deciding_station_id', 'text', (c) => c.references('stations.id'))
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('state_before_suspension', 'text')
      .addColumn('first_responder_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('presented', t.json, (c) => c.notNull())
      .addColumn('notice', t.json, (c) => c.notNull())
      .addColumn('accepted_at', t.timestamp)
      .addColumn('due_date', 'text')
      .addColumn('result', 'text') // approved | not_approved
      .addColumn('result_text', 'text')
      .addColumn('version', 'integer', (c) => c.notNull()) // optimistic lock for transitions
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('cases_home_region')
      .on('cases')
      .columns(['home_region_code', 'state'])
      .execute();
    await db.schema
      .createIndex('cases_accepting')
      .on('cases')
      .columns(['accepting_station_id', 'state'])
      .execute();
    await db.schema
      .createIndex('cases_deciding')
      .on('cases')
      .columns(['deciding_station_id', 'state'])
      .execute();
    await db.schema.createIndex('cases_applicant').on('cases').column('applicant_id').execute();

    await db.schema
      .createTable('case_actions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('from_state', 'text')
      .addColumn('to_state', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text', (c) => c.notNull())
      .addColumn('actor_role', 'text', (c) => c.notNull())
      .addColumn('station_id', 'text')
      .addColumn('reason', 'text')
      .addColumn('payload', t.json)
      .addColumn('at', t.timestamp, (c) => c.notNull())
      .addUniqueConstraint('case_actions_seq', ['case_id', 'seq'])
      .execute();

    await db.schema
      .createTable('case_pauses')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
      .addColumn('kind', 'text', (c) => c.notNull()) // supplement | suspension
      .addColumn('paused_at', t.timestamp, (c) => c.notNull())
      .addColumn('resumed_at', t.timestamp)
      .execute();
    await db.schema.createIndex('case_pauses_case').on('case_pauses').column('case_id').execute();

    await db.schema
      .createTable('supplement_requests')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
      .addColumn('material_key', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull()) // missing | defective
      .addColumn('reason', 'text')
      .addColumn('second_request', 'integer', (c) => c.notNull())
      .addColumn('accepting_station_id', 'text', (c) => c.notNull())
      .addColumn('requested_by', 'text', (c) => c.notNull())
      .addColumn('requested_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('supplement_requests_case')
      .on('supplement_requests')
      .column('case_id')
      .execute();

    await db.schema
      .createTable('counters')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('value', 'integer', (c) => c.notNull())
      .execute();
  },
};
