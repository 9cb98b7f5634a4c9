import type { DialectMigration } from './types.ts';

/**
 * Issue #16 point 5: indexes for the lists that had no paging and now page by keyset
 * (`<list>/page`), each in its page's order (sort key, then id) behind its equality filters, so a
 * page reads from the cursor on and stops at its end instead of sorting every matching row:
 *
 * - the audit log, newest first by time then sequence — on PostgreSQL an index of the partitioned
 *   table, made on every month's partition (and on each new one), so the page walks the newest
 *   partition first (an ordered Append) and never sorts the log;
 * - teams by region, then creation (a region prefix is a range of this index);
 * - a team's members, and the join requests by status, oldest request first;
 * - a guardian's enrolments, newest first;
 * - home visits of a station, and of a region's observers, newest first;
 * - a webhook subscriber's delivery log (outbox messages by subject), newest first.
 */
export const unpagedListIndexes: DialectMigration = {
  async up(db) {
    const indexes: [name: string, table: string, columns: string[]][] = [
      ['audit_events_occurred_seq', 'audit_events', ['occurred_at desc', 'seq desc']],
      ['vs_teams_region_created', 'vs_teams', ['region_code', 'created_at', 'id']],
      ['vs_team_members_team_requested', 'vs_team_members', ['team_id', 'requested_at', 'id']],
      ['vs_team_members_status_requested', 'vs_team_members', ['status', 'requested_at', 'id']],
      [
        'enrolments_guardian_applied',
        'enrolments',
        ['guardian_account_id', 'applied_at desc', 'id'],
      ],
      ['home_visits_station_created', 'home_visits', ['station_id', 'created_at desc', 'id']],
      ['home_visits_created', 'home_visits', ['created_at desc', 'id']],
      [
        'outbox_messages_subject_created',
        'outbox_messages',
        ['subject_type', 'subject_id', 'created_at desc', 'id'],
      ],
    ];
    for (const [name, table, columns] of indexes)
      await db.schema.createIndex(name).ifNotExists().on(table).columns(columns).execute();
  },
};
