import { sql } from 'kysely';
import { columnTypes, type DialectMigration } from './types.ts';

/**
 * Issue #13 CP-3/CP-4, the program day: each class's daily times, weekdays and days off (with
 * defaults, so programs created before keep working), sessions (a class on a day), the per-day
 * pickup codes (unique per station = program, and day), the guardian's authorised and blocked
 * pickup persons, attendance with its release log, withdrawal proposals, and the staff roster
 * with actual check-in/out times.
 */
export const programDay: DialectMigration = {
  async up(db, dialect) {
    const t = columnTypes(dialect);
    const classColumns: [string, 'text' | 'integer', string | number][] = [
      ['day_starts', 'text', '08:00'],
      ['day_ends', 'text', '17:30'],
      ['weekdays', 'text', '[1,2,3,4,5]'],
      ['days_off', 'text', '[]'],
      ['late_grace_minutes', 'integer', 15],
      ['strike_limit', 'integer', 3],
      ['children_per_staff', 'integer', 10],
    ];
    for (const [name, type, dflt] of classColumns)
      await db.schema
        .alterTable('program_classes')
        .addColumn(name, type, (c) => c.notNull().defaultTo(dflt))
        .execute();

    await db.schema
      .createTable('program_sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('class_id', 'text', (c) => c.notNull().references('program_classes.id'))
      .addColumn('program_id', 'text', (c) => c.notNull().references('programs.id'))
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('starts_at', t.timestamp, (c) => c.notNull())
      .addColumn('ends_at', t.timestamp, (c) => c.notNull())
      .addColumn('closes_at', t.timestamp, (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('closed_at', t.timestamp)
      .addColumn('hours_confirmed_at', t.timestamp)
      .addColumn('hours_confirmed_by', 'text', (c) => c.references('accounts.id'))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('program_sessions_class_day')
      .on('program_sessions')
      .columns(['class_id', 'day'])
      .unique()
      .execute();
    await db.schema
      .createIndex('program_sessions_due')
      .on('program_sessions')
      .columns(['status', 'closes_at'])
      .execute();

    await db.schema
      .createTable('program_pickup_codes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('program_id', 'text', (c) => c.notNull().references('programs.id'))
      .addColumn('child_id', 'text', (c) => c.notNull().references('children.id'))
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('tag', 'text', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .execute();
    // CP-3: unique per station (the program's venue) and day; one code per child there that day.
    await db.schema
      .createIndex('program_pickup_codes_code')
      .on('program_pickup_codes')
      .columns(['program_id', 'day', 'code'])
      .unique()
      .execute();
    await db.schema
      .createIndex('program_pickup_codes_child')
      .on('program_pickup_codes')
      .columns(['program_id', 'day', 'child_id'])
      .unique()
      .execute();

    await db.schema
      .createTable('program_pickup_persons')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('child_id', 'text', (c) => c.notNull().references('children.id'))
      .addColumn('guardian_account_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('relation', 'text', (c) => c.notNull())
      .addColumn('phone_cipher', 'text')
      .addColumn('phone_masked', 'text')
      .addColumn('photo_ref', 'text')
      .addColumn('valid_from', 'text', (c) => c.notNull())
      .addColumn('valid_until', 'text')
      .addColumn('revoked_at', t.timestamp)
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('program_pickup_persons_child')
      .on('program_pickup_persons')
      .column('child_id')
      .execute();

    await db.schema
      .createTable('program_attendance')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('session_id', 'text', (c) => c.notNull().references('program_sessions.id'))
      .addColumn('enrolment_id', 'text', (c) => c.notNull().references('enrolments.id'))
      .addColumn('child_id', 'text', (c) => c.notNull().references('children.id'))
      .addColumn('class_id', 'text', (c) => c.notNull().references('program_classes.id'))
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('absence_kind', 'text')
      .addColumn('signed_in_at', t.timestamp)
      .addColumn('signed_in_by', 'text', (c) => c.references('accounts.id'))
      .addColumn('released_at', t.timestamp)
      .addColumn('released_by', 'text', (c) => c.references('accounts.id'))
      .addColumn('released_to_person_id', 'text', (c) => c.references('program_pickup_persons.id'))
      .addColumn('late', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('flagged', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('program_attendance_session_child')
      .on('program_attendance')
      .columns(['session_id', 'child_id'])
      .unique()
      .execute();
    await db.schema
      .createIndex('program_attendance_enrolment')
      .on('program_attendance')
      .column('enrolment_id')
      .execute();

    await db.schema
      .createTable('program_release_log')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('attendance_id', 'text', (c) => c.notNull().references('program_attendance.id'))
      .addColumn('session_id', 'text', (c) => c.notNull().references('program_sessions.id'))
      .addColumn('child_id', 'text', (c) => c.notNull().references('children.id'))
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('refusal', 'text')
      .addColumn('presented_by', 'text', (c) => c.notNull())
      .addColumn('person_id', 'text', (c) => c.references('program_pickup_persons.id'))
      .addColumn('staff_account_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('program_release_log_session')
      .on('program_release_log')
      .column('session_id')
      .execute();

    await db.schema
      .createTable('program_withdrawal_proposals')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('enrolment_id', 'text', (c) => c.notNull().references('enrolments.id'))
      .addColumn('class_id', 'text', (c) => c.notNull().references('program_classes.id'))
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('late_count', 'integer', (c) => c.notNull())
      .addColumn('absence_count', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('decided_by', 'text', (c) => c.references('accounts.id'))
      .addColumn('decided_at', t.timestamp)
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .execute();
    // At most one open proposal per enrolment.
    await db.schema
      .createIndex('program_withdrawal_proposals_open')
      .on('program_withdrawal_proposals')
      .column('enrolment_id')
      .unique()
      .where(sql<boolean>`status = 'proposed'`)
      .execute();

    await db.schema
      .createTable('program_staff')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('session_id', 'text', (c) => c.notNull().references('program_sessions.id'))
      .addColumn('volunteer_id', 'text', (c) => c.notNull().references('vs_volunteers.id'))
      .addColumn('team_id', 'text', (c) => c.notNull().references('vs_teams.id'))
      .addColumn('account_id', 'text', (c) => c.references('accounts.id'))
      .addColumn('checked_in_at', t.timestamp)
      .addColumn('checked_out_at', t.timestamp)
      .addColumn('service_record_id', 'text', (c) => c.references('vs_service_records.id'))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('program_staff_session_volunteer')
      .on('program_staff')
      .columns(['session_id', 'volunteer_id'])
      .unique()
      .execute();
  },
};
