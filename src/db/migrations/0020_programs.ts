import { sql } from 'kysely';
import { columnTypes, type DialectMigration } from './types.ts';

/**
 * Issue #13 CP-1/CP-2 foundation: programs with their classes (capacity, eligibility, mode, the
 * seat counters the burst-safe enrolment updates), the children guardians register (ID number
 * encrypted with a keyed hash, as residents) and enrolments with their waitlist order.
 */
export const programs: DialectMigration = {
  async up(db, dialect) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable('programs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organiser_account_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('organiser_name', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('venue_name', 'text', (c) => c.notNull())
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('season_starts_on', 'text', (c) => c.notNull())
      .addColumn('season_ends_on', 'text', (c) => c.notNull())
      .addColumn('fee_fen', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('waiver_note', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('programs_region').on('programs').column('region_code').execute();

    await db.schema
      .createTable('program_classes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('program_id', 'text', (c) => c.notNull().references('programs.id'))
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('capacity', 'integer', (c) => c.notNull())
      .addColumn('hard_max', 'integer', (c) => c.notNull())
      .addColumn('min_age', 'integer')
      .addColumn('max_age', 'integer')
      .addColumn('min_grade', 'integer')
      .addColumn('max_grade', 'integer')
      .addColumn('catchment_codes', t.json, (c) => c.notNull().defaultTo('[]'))
      .addColumn('mode', 'text', (c) => c.notNull())
      .addColumn('opens_at', t.timestamp, (c) => c.notNull())
      .addColumn('closes_at', t.timestamp)
      .addColumn('offer_hours', 'integer', (c) => c.notNull().defaultTo(24))
      .addColumn('confirmed_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('offered_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('queue_seq', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addCheckConstraint('program_classes_capacity', sql`confirmed_count <= capacity`)
      .addCheckConstraint('program_classes_hard_max', sql`capacity <= hard_max`)
      .execute();
    await db.schema
      .createIndex('program_classes_program')
      .on('program_classes')
      .column('program_id')
      .execute();

    await db.schema
      .createTable('children')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('guardian_account_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('real_name', 'text', (c) => c.notNull())
      .addColumn('id_cipher', 'text', (c) => c.notNull())
      .addColumn('id_hash', 'text', (c) => c.notNull())
      .addColumn('id_masked', 'text', (c) => c.notNull())
      .addColumn('birth_date', 'text', (c) => c.notNull())
      .addColumn('relation', 'text', (c) => c.notNull())
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('children_guardian_id')
      .on('children')
      .columns(['guardian_account_id', 'id_hash'])
      .unique()
      .execute();

    await db.schema
      .createTable('enrolments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('class_id', 'text', (c) => c.notNull().references('program_classes.id'))
      .addColumn('child_id', 'text', (c) => c.notNull().references('children.id'))
      .addColumn('guardian_account_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('priority_groups', t.json, (c) => c.notNull().defaultTo('[]'))
      .addColumn('priority_rank', 'integer', (c) => c.notNull())
      .addColumn('position', 'integer')
      .addColumn('applied_at', t.timestamp, (c) => c.notNull())
      .addColumn('offer_expires_at', t.timestamp)
      .addColumn('reasons', t.json, (c) => c.notNull().defaultTo('[]'))
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .execute();
    // One live enrolment of a child per class; ended ones (withdrawn, expired, declined) may repeat.
    await db.schema
      .createIndex('enrolments_live_child')
      .on('enrolments')
      .columns(['class_id', 'child_id'])
      .unique()
      .where(sql<boolean>`status in ('applied', 'enrolled', 'waitlisted', 'offered')`)
      .execute();
    await db.schema
      .createIndex('enrolments_queue')
      .on('enrolments')
      .columns(['class_id', 'status', 'priority_rank', 'position'])
      .execute();
    await db.schema
      .createIndex('enrolments_offer_due')
      .on('enrolments')
      .columns(['status', 'offer_expires_at'])
      .execute();
  },
};
