import { columnTypes, type DialectMigration } from './types.ts';

/**
 * Issue #14 point 2 (GS-10), home visits (上门服务): a request for someone elderly, disabled or ill
 * (contact phone encrypted), a day's route per village and station (one route per station, village
 * and day: the unique index makes concurrent scheduling meet in one route), the visit's outcome
 * (the case filed on the spot) and its structured records (values encrypted at rest).
 */
export const homeVisits: DialectMigration = {
  async up(db, dialect) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable('home_visit_routes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('station_id', 'text', (c) => c.notNull().references('stations.id'))
      .addColumn('village_code', 'text', (c) => c.notNull())
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.references('accounts.id'))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('home_visit_routes_unit_village_day')
      .on('home_visit_routes')
      .columns(['station_id', 'village_code', 'day'])
      .unique()
      .execute();

    await db.schema
      .createTable('home_visits')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('resident_id', 'text', (c) => c.notNull().references('residents.id'))
      .addColumn('village_code', 'text', (c) => c.notNull())
      .addColumn('station_id', 'text', (c) => c.notNull().references('stations.id'))
      .addColumn('requested_by', 'text', (c) => c.notNull())
      .addColumn('requester_relation', 'text')
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('item_code', 'text')
      .addColumn('preferred_dates', t.json, (c) => c.notNull())
      .addColumn('contact_phone_cipher', 'text')
      .addColumn('contact_phone_masked', 'text')
      .addColumn('note', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('route_id', 'text', (c) => c.references('home_visit_routes.id'))
      .addColumn('stop_order', 'integer')
      .addColumn('case_id', 'text', (c) => c.references('cases.id'))
      .addColumn('outcome_note', 'text')
      .addColumn('created_by', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('visited_by', 'text', (c) => c.references('accounts.id'))
      .addColumn('visited_at', t.timestamp)
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('home_visits_station_status')
      .on('home_visits')
      .columns(['station_id', 'status'])
      .execute();
    await db.schema.createIndex('home_visits_route').on('home_visits').column('route_id').execute();
    await db.schema
      .createIndex('home_visits_resident')
      .on('home_visits')
      .column('resident_id')
      .execute();

    await db.schema
      .createTable('home_visit_records')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('visit_id', 'text', (c) => c.notNull().references('home_visits.id'))
      .addColumn('station_id', 'text', (c) => c.notNull().references('stations.id'))
      .addColumn('resident_id', 'text', (c) => c.notNull().references('residents.id'))
      .addColumn('template', 'text', (c) => c.notNull())
      .addColumn('data_cipher', 'text', (c) => c.notNull())
      .addColumn('author_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('home_visit_records_visit')
      .on('home_visit_records')
      .column('visit_id')
      .execute();
    await db.schema
      .createIndex('home_visit_records_resident')
      .on('home_visit_records')
      .column('resident_id')
      .execute();
  },
};
