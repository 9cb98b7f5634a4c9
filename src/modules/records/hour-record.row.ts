/**
 * Issue #16 point 5: the one way an hour record (VS-8, `vs_service_records`) is made and written.
 * The record's `region_code` — first in its keys (migration 0060), so the records can be
 * distributed by region — is the region of the activity it was served under, taken from that
 * activity here and nowhere else: a writer passes the activity, never a region of its own. Every
 * writer (check-in, programme staff hours, imported hours, generate, the demo) goes through
 * hourRecordRow and insertHourRecords; hour-record.writers.test.ts fails when a file inserts
 * hour records another way.
 */
import type { Kysely, Transaction } from 'kysely';
import { bulkInsert } from '../../db/bulk-copy.ts';
import type { Database, VsActivityTable, VsServiceRecordTable } from '../../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** The activity a record is served under: its id and region go on the record. */
export type RecordActivity = Pick<VsActivityTable, 'id' | 'region_code'>;

/** What a writer says about the record; the activity and the region come from the activity. */
export type HourRecordFields = Omit<VsServiceRecordTable, 'activity_id' | 'region_code'>;

declare const madeByHourRecordRow: unique symbol;
/** A row made by hourRecordRow (the brand keeps a hand-made object out of insertHourRecords). */
export type HourRecordRow = VsServiceRecordTable & { readonly [madeByHourRecordRow]: true };

/** The record of `fields` under `activity`, its region the activity's. */
export function hourRecordRow(activity: RecordActivity, fields: HourRecordFields): HourRecordRow {
  if (!/^\d{12}$/.test(activity.region_code))
    throw new Error(`hour record: activity ${activity.id} has no 12-digit region code`);
  return {
    ...fields,
    activity_id: activity.id,
    region_code: activity.region_code,
  } as HourRecordRow;
}

/**
 * - `insert`: plain INSERTs (500 rows a statement); a unique violation reaches the caller.
 * - `insert-missing`: rows whose key is taken are skipped (the demo, written again on each start).
 * - `copy`: COPY on PostgreSQL, multi-row INSERTs on SQLite (generate), in the caller's transaction.
 */
export type HourRecordWrite = 'insert' | 'insert-missing' | 'copy';

export async function insertHourRecords(
  db: Db,
  rows: readonly HourRecordRow[],
  how: HourRecordWrite = 'insert',
): Promise<void> {
  if (rows.length === 0) return;
  if (how === 'copy') return bulkInsert(db, 'vs_service_records', rows);
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    const insert = db.insertInto('vs_service_records').values(chunk);
    // No conflict target: the key differs per dialect (with the date on PostgreSQL, 0054).
    await (how === 'insert-missing' ? insert.onConflict((oc) => oc.doNothing()) : insert).execute();
  }
}
