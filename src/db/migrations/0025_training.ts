import { columnTypes, type DialectMigration } from './types.ts';

/**
 * GS-12 training and competence (issue #14 point 5):
 * - `training_sessions`: a session at the town centre or point-to-point at a station, on a China
 *   date, with its trainer and free topic text; `training_session_topics` the catalog items it
 *   covered; `training_attendance` one row per invited staff account (present / absent);
 * - `competences`: one row per account × item — certified by a town officer on a date, valid
 *   through `expires_on` (a China date, inclusive); revoked with a reason; renewed in place
 *   (every change audited);
 * - `competence_requirements`: a town's setting "this item requires competence" (on / off).
 * No JSON columns: topics are rows, so figures can count them in SQL.
 */
export const training: DialectMigration = {
  async up(db, dialect) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable('training_sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull()) // town_centre | point_to_point
      .addColumn('town_code', 'text', (c) => c.notNull())
      .addColumn('station_id', 'text', (c) => c.notNull().references('stations.id'))
      .addColumn('held_on', 'text', (c) => c.notNull()) // China date YYYY-MM-DD
      .addColumn('trainer_name', 'text', (c) => c.notNull())
      .addColumn('topic_text', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('training_sessions_town')
      .on('training_sessions')
      .columns(['town_code', 'held_on'])
      .execute();
    await db.schema
      .createTable('training_session_topics')
      .addColumn('session_id', 'text', (c) => c.notNull().references('training_sessions.id'))
      .addColumn('item_code', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('training_session_topics_pk', ['session_id', 'item_code'])
      .execute();
    await db.schema
      .createTable('training_attendance')
      .addColumn('session_id', 'text', (c) => c.notNull().references('training_sessions.id'))
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('status', 'text', (c) => c.notNull()) // present | absent
      .addColumn('recorded_by', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('recorded_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('training_attendance_pk', ['session_id', 'account_id'])
      .execute();
    await db.schema
      .createTable('competences')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('item_code', 'text', (c) => c.notNull())
      .addColumn('town_code', 'text', (c) => c.notNull())
      .addColumn('session_id', 'text', (c) => c.references('training_sessions.id'))
      .addColumn('certified_by', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('certified_on', 'text', (c) => c.notNull())
      .addColumn('expires_on', 'text', (c) => c.notNull())
      .addColumn('revoked_at', t.timestamp)
      .addColumn('revoked_by', 'text', (c) => c.references('accounts.id'))
      .addColumn('revoke_reason', 'text')
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('competences_account_item')
      .on('competences')
      .columns(['account_id', 'item_code'])
      .unique()
      .execute();
    await db.schema
      .createIndex('competences_item')
      .on('competences')
      .columns(['item_code', 'town_code'])
      .execute();
    await db.schema
      .createTable('competence_requirements')
      .addColumn('town_code', 'text', (c) => c.notNull())
      .addColumn('item_code', 'text', (c) => c.notNull())
      .addColumn('required', 'integer', (c) => c.notNull())
      .addColumn('set_by', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('set_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('competence_requirements_pk', ['town_code', 'item_code'])
      .execute();
  },
};
