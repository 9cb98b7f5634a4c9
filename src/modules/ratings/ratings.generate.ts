/**
 * Issue #16 point 4: ratings of finished generated cases, written in bulk by `doorstep generate`
 * (the ratings module's own writer). Levels 3–5 only, so no 差评 needs a rectification ticket;
 * channel `device`, one first rating per case. No audit events: a test data set.
 */
import crypto from 'node:crypto';
import type { Transaction } from 'kysely';
import { bulkInsert } from '../../db/bulk-copy.ts';
import type { Database, RatingTable } from '../../db/schema.ts';

export interface RatingToGenerate {
  caseId: string;
  caseNumber: string;
  itemCode: string;
  serviceChannel: string;
  regionCode: string;
  stationId: string;
  staffAccountId: string;
  residentId: string;
  completedAt: string;
  level: 3 | 4 | 5;
}

export async function insertGeneratedRatings(
  trx: Transaction<Database>,
  ratings: readonly RatingToGenerate[],
): Promise<void> {
  const rows: RatingTable[] = ratings.map((r) => ({
    id: crypto.randomUUID(),
    subject_type: 'case',
    subject_id: r.caseId,
    kind: 'first',
    level: r.level,
    reason_codes: '[]',
    comment: null,
    channel: 'device',
    service_channel: r.serviceChannel,
    subject_number: r.caseNumber,
    item_code: r.itemCode,
    region_code: r.regionCode,
    station_id: r.stationId,
    staff_account_id: r.staffAccountId,
    agent_account_id: null,
    rater_resident_id: r.residentId,
    rater_account_id: null,
    completed_at: r.completedAt,
    excluded: 0,
    rated_at: r.completedAt,
  }));
  await bulkInsert(trx, 'ratings', rows);
}
