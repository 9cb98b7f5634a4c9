/**
 * Issue #16 point 4: past activities with their confirmed sign-ups and service records (VS-8
 * hours), written in bulk by `doorstep generate` — the same rows a finished activity leaves
 * (records.demo.ts writes them one by one for the demo): confirmed by the lead, still waiting for
 * them (`pending_confirmation`), or rejected with a reason (no hours, as rejectHours leaves it).
 * One COPY per table per call, so the rollup triggers fold each call's records in one statement.
 * No audit events.
 */
import crypto from 'node:crypto';
import type { Transaction } from 'kysely';
import { bulkInsert } from '../../db/bulk-copy.ts';
import type { Database, VsActivityTable, VsSignupTable } from '../../db/schema.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import { hourRecordRow, insertHourRecords, type HourRecordRow } from './hour-record.row.ts';

const CHINA_OFFSET_MS = 8 * 3600_000;

export interface ActivityToGenerate {
  teamId: string;
  leaderAccountId: string;
  title: string;
  place: string;
  regionCode: string;
  startsAt: Date;
  halfHours: number;
  participants: readonly { volunteerId: string; outcome: 'confirmed' | 'pending' | 'rejected' }[];
}

const REJECT_REASON = '未按时到岗，未参加服务';

/** Writes the activities, sign-ups and confirmed records; returns how many records (hours rows). */
export async function insertGeneratedActivities(
  trx: Transaction<Database>,
  pii: PiiCipher,
  activities: readonly ActivityToGenerate[],
): Promise<number> {
  const acts: VsActivityTable[] = [];
  const signups: VsSignupTable[] = [];
  const records: HourRecordRow[] = [];
  // One secret for the batch: the check-in codes of finished activities are never shown again.
  const secret = pii.encrypt(crypto.randomBytes(32).toString('base64'));
  for (const a of activities) {
    const id = crypto.randomUUID();
    const starts = a.startsAt.toISOString();
    const ends = new Date(a.startsAt.getTime() + a.halfHours * 1800_000).toISOString();
    const date = new Date(a.startsAt.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
    acts.push({
      id,
      order_id: null,
      project_id: null,
      team_id: a.teamId,
      title: a.title,
      description: a.title,
      place: a.place,
      region_code: a.regionCode,
      starts_at: starts,
      ends_at: ends,
      capacity: Math.max(a.participants.length, 1),
      confirmed_count: a.participants.length,
      queue_seq: 0,
      skills: '[]',
      lead_account_id: a.leaderAccountId,
      code_secret_cipher: secret,
      status: 'completed',
      cancel_reason: null,
      version: 1,
      created_by: a.leaderAccountId,
      is_demo: 0,
      created_at: starts,
      updated_at: ends,
    });
    for (const { volunteerId: v, outcome } of a.participants) {
      signups.push({
        id: crypto.randomUUID(),
        activity_id: id,
        volunteer_id: v,
        status: 'confirmed',
        queue_position: null,
        created_at: starts,
        promoted_at: null,
        cancelled_at: null,
      });
      records.push(
        hourRecordRow(
          { id, region_code: a.regionCode },
          {
            id: crypto.randomUUID(),
            volunteer_id: v,
            team_id: a.teamId,
            service_date: date,
            checked_in_at: starts,
            checked_out_at: ends,
            check_in_method: 'code',
            check_out_method: 'code',
            travel_minutes: 0,
            half_hours: outcome === 'rejected' ? 0 : a.halfHours,
            content: a.title,
            place: a.place,
            status:
              outcome === 'pending'
                ? 'pending_confirmation'
                : outcome === 'rejected'
                  ? 'rejected'
                  : 'confirmed',
            evaluation: null,
            reject_reason: outcome === 'rejected' ? REJECT_REASON : null,
            confirmed_by: outcome === 'pending' ? null : a.leaderAccountId,
            confirmed_at: outcome === 'pending' ? null : ends,
            created_at: starts,
            updated_at: ends,
          },
        ),
      );
    }
  }
  await bulkInsert(trx, 'vs_activities', acts);
  await bulkInsert(trx, 'vs_signups', signups);
  await insertHourRecords(trx, records, 'copy');
  return records.length;
}
