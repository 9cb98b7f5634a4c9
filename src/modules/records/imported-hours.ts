/**
 * Issue #15 point 3: historic, already confirmed service hours brought in by an import (a centre
 * migrating a volunteer's 550 h, a lead entering offline service after the fact). They enter the
 * volunteer's record as confirmed service records of the recording team — so the team's
 * organisation is the recording organisation on the record and the certificate, and stars and
 * figures count them — under one completed activity per team, day and content of an import, whose
 * description marks it imported (`imported:<import id>`); a volunteer has one record per activity,
 * so one row per volunteer, team, day and content. Written inside the caller's transaction.
 */
import crypto from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { chinaDayStartUtc } from '../../shared/china-time.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import { hourRecordRow, insertHourRecords } from './hour-record.row.ts';
import { likeText } from '../../shared/like-pattern.ts';

type Db = Kysely<Database> | Transaction<Database>;

export const IMPORTED_ACTIVITY_PREFIX = 'imported:';
export const IMPORTED_ACTIVITY_TITLE = '历史服务时长导入';

export interface ImportedService {
  volunteerId: string;
  teamId: string;
  date: string;
  halfHours: number;
  content: string;
  place: string;
}

/** Services imported earlier: `importedServiceKey` → their half-hours (for a re-import). */
export async function importedServices(
  db: Db,
  volunteerIds: readonly string[],
): Promise<Map<string, number>> {
  const keys = new Map<string, number>();
  for (let i = 0; i < volunteerIds.length; i += 500) {
    const rows = await db
      .selectFrom('vs_service_records as s')
      .innerJoin('vs_activities as a', 'a.id', 's.activity_id')
      .select(['s.volunteer_id', 's.team_id', 's.service_date', 's.half_hours', 's.content'])
      .where('s.volunteer_id', 'in', volunteerIds.slice(i, i + 500))
      .where((eb) => likeText(eb, 'a.description', IMPORTED_ACTIVITY_PREFIX, 'prefix'))
      .execute();
    for (const r of rows)
      keys.set(
        importedServiceKey({
          volunteerId: r.volunteer_id,
          teamId: r.team_id,
          date: r.service_date,
          content: r.content,
        }),
        r.half_hours,
      );
  }
  return keys;
}

/** One service of a volunteer: team, day and content (its hours are the value). */
export function importedServiceKey(
  s: Pick<ImportedService, 'volunteerId' | 'teamId' | 'date' | 'content'>,
): string {
  return [s.volunteerId, s.teamId, s.date, s.content].join('\u0000');
}

/** Half-hours already recorded (confirmed or pending) per `volunteerId date`. */
export async function recordedHalfHoursByDay(
  db: Db,
  volunteerIds: readonly string[],
): Promise<Map<string, number>> {
  const sums = new Map<string, number>();
  for (let i = 0; i < volunteerIds.length; i += 500) {
    const rows = await db
      .selectFrom('vs_service_records')
      .select(['volunteer_id', 'service_date', 'half_hours'])
      .where('volunteer_id', 'in', volunteerIds.slice(i, i + 500))
      .where('status', 'in', ['confirmed', 'pending_confirmation'])
      .execute();
    for (const r of rows) {
      const key = `${r.volunteer_id} ${r.service_date}`;
      sums.set(key, (sums.get(key) ?? 0) + r.half_hours);
    }
  }
  return sums;
}

/** Writes the services as confirmed records, one imported activity per team. */
export async function recordImportedHours(
  trx: Transaction<Database>,
  pii: PiiCipher,
  input: {
    services: readonly ImportedService[];
    /** Per team: its region and who confirms (the importer, or the team's leader from the CLI). */
    teams: ReadonlyMap<string, { regionCode: string; confirmerId: string }>;
    importId: string;
    now: Date;
  },
): Promise<void> {
  const at = input.now.toISOString();
  const byActivity = new Map<string, ImportedService[]>();
  for (const s of input.services) {
    const key = [s.teamId, s.date, s.content].join('\u0000');
    const list = byActivity.get(key);
    if (list) list.push(s);
    else byActivity.set(key, [s]);
  }
  for (const services of byActivity.values()) {
    const { teamId, date, content } = services[0]!;
    const team = input.teams.get(teamId)!;
    const activityId = crypto.randomUUID();
    await trx
      .insertInto('vs_activities')
      .values({
        id: activityId,
        order_id: null,
        project_id: null,
        team_id: teamId,
        title: content.slice(0, 100) || IMPORTED_ACTIVITY_TITLE,
        description: `${IMPORTED_ACTIVITY_PREFIX}${input.importId}`,
        place: '',
        region_code: team.regionCode,
        starts_at: chinaDayStartUtc(date),
        ends_at: chinaDayStartUtc(date),
        capacity: services.length,
        confirmed_count: services.length,
        queue_seq: 0,
        skills: '[]',
        lead_account_id: team.confirmerId,
        code_secret_cipher: pii.encrypt(crypto.randomBytes(32).toString('base64')),
        status: 'completed',
        cancel_reason: null,
        version: 1,
        created_by: team.confirmerId,
        is_demo: 0,
        created_at: at,
        updated_at: at,
      })
      .execute();
    const activity = { id: activityId, region_code: team.regionCode };
    await insertHourRecords(
      trx,
      services.map((s) =>
        hourRecordRow(activity, {
          id: crypto.randomUUID(),
          volunteer_id: s.volunteerId,
          team_id: teamId,
          service_date: s.date,
          checked_in_at: chinaDayStartUtc(s.date),
          checked_out_at: chinaDayStartUtc(s.date),
          check_in_method: 'lead' as const,
          check_out_method: 'lead' as const,
          travel_minutes: 0,
          half_hours: s.halfHours,
          content: s.content,
          place: s.place,
          status: 'confirmed' as const,
          evaluation: null,
          reject_reason: null,
          confirmed_by: team.confirmerId,
          confirmed_at: at,
          created_at: at,
          updated_at: at,
        }),
      ),
    );
  }
}
