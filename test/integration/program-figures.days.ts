/**
 * The program days of the CP-5 figures test (attendance and staff check-ins in July and August
 * 2031), on the programs seedJuly2031 writes.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.ts';
import type { AttendanceStatus } from '../../src/db/schema/program-day.ts';
import type { PiiCipher } from '../../src/modules/residents/pii-crypto.ts';
import { insertTeam, insertVolunteer } from '../helpers/vs-fixtures.ts';
import {
  OTHER_TOWN,
  SANSHUNZHUANG,
  TOWN,
  YIZHUANG,
  type SeededIds,
} from './program-figures.fixtures.ts';

type Db = Kysely<Database>;
const NOW = '2031-06-01T00:00:00.000Z';

/** A session of a class on a China date (08:00–17:30 China time). */
export async function insertSession(
  db: Db,
  x: { classId: string; programId: string; regionCode: string; day: string },
): Promise<string> {
  const id = crypto.randomUUID();
  const t = (hhmm: string) => new Date(`${x.day}T${hhmm}:00.000+08:00`).toISOString();
  await db
    .insertInto('program_sessions')
    .values({
      id,
      class_id: x.classId,
      program_id: x.programId,
      region_code: x.regionCode,
      day: x.day,
      starts_at: t('08:00'),
      ends_at: t('17:30'),
      closes_at: t('23:59'),
      status: 'closed',
      closed_at: null,
      hours_confirmed_at: null,
      hours_confirmed_by: null,
      created_at: NOW,
    })
    .execute();
  return id;
}

/** The enrolled children of a class and their enrolments. */
async function enrolledOf(db: Db, classId: string) {
  return db
    .selectFrom('enrolments')
    .select(['id', 'child_id', 'region_code'])
    .where('class_id', '=', classId)
    .where('status', '=', 'enrolled')
    .orderBy('id')
    .execute();
}

/**
 * A day's attendance of a class: the first `statuses.length` enrolled children get these statuses
 * (`late` marks a released child picked up late).
 */
export async function insertAttendance(
  db: Db,
  x: { sessionId: string; classId: string; day: string; statuses: (AttendanceStatus | 'late')[] },
): Promise<void> {
  const kids = await enrolledOf(db, x.classId);
  for (const [i, st] of x.statuses.entries()) {
    const e = kids[i]!;
    const status: AttendanceStatus = st === 'late' ? 'released' : st;
    await db
      .insertInto('program_attendance')
      .values({
        id: crypto.randomUUID(),
        session_id: x.sessionId,
        enrolment_id: e.id,
        child_id: e.child_id,
        class_id: x.classId,
        region_code: e.region_code,
        day: x.day,
        status,
        absence_kind: status === 'absent' ? 'sick' : null,
        signed_in_at: null,
        signed_in_by: null,
        released_at: null,
        released_by: null,
        released_to_person_id: null,
        late: st === 'late' ? 1 : 0,
        flagged: status === 'auto_closed' ? 1 : 0,
        updated_at: NOW,
      })
      .execute();
  }
}

/** A volunteer on a session's roster, checked in and out at China times (null: not). */
export async function insertStaff(
  db: Db,
  x: {
    sessionId: string;
    volunteerId: string;
    teamId: string;
    day: string;
    checkIn: string | null;
    checkOut: string | null;
  },
): Promise<void> {
  const t = (hhmm: string | null) =>
    hhmm === null ? null : new Date(`${x.day}T${hhmm}:00.000+08:00`).toISOString();
  await db
    .insertInto('program_staff')
    .values({
      id: crypto.randomUUID(),
      session_id: x.sessionId,
      volunteer_id: x.volunteerId,
      team_id: x.teamId,
      account_id: null,
      checked_in_at: t(x.checkIn),
      flagged: 0,
      checked_out_at: t(x.checkOut),
      service_record_id: null,
      service_record_date: null,
      created_at: NOW,
    })
    .execute();
}

/**
 * July: A1 two days (07-07: 2 released, 1 late, 1 still present, 1 absent, 1 closed by the sweep;
 * 07-08: 1 released, 1 late); A2 one day all absent (not run); B1 07-09, 3 released; F 07-07,
 * 1 released. August: C1 08-03, 2 released. Staff: v1 A1 07-07 08:00–12:30 and 07-08
 * 08:00–10:00; v2 A1 07-07 in at 13:00, never out, and B1 07-09 14:00–17:45; v3 rostered on A1
 * 07-07, never in; v4 C1 08-03 09:00–11:00.
 */
export async function seedDays2031(db: Db, pii: PiiCipher, ids: SeededIds): Promise<void> {
  const session = (classId: string, programId: string, regionCode: string, day: string) =>
    insertSession(db, { classId, programId, regionCode, day });
  const a1d7 = await session(ids.a1, ids.A, YIZHUANG, '2031-07-07');
  const a1d8 = await session(ids.a1, ids.A, YIZHUANG, '2031-07-08');
  const a2d7 = await session(ids.a2, ids.A, YIZHUANG, '2031-07-07');
  const b1d9 = await session(ids.b1, ids.B, SANSHUNZHUANG, '2031-07-09');
  const c1a3 = await session(ids.c1, ids.C, TOWN, '2031-08-03');
  const f1d7 = await session(ids.f1, ids.F, OTHER_TOWN, '2031-07-07');
  const day = (sessionId: string, classId: string, d: string, statuses: Status[]) =>
    insertAttendance(db, { sessionId, classId, day: d, statuses });
  await day(a1d7, ids.a1, '2031-07-07', [
    'released',
    'released',
    'late',
    'present',
    'absent',
    'auto_closed',
  ]);
  await day(a1d8, ids.a1, '2031-07-08', ['released', 'late']);
  await day(a2d7, ids.a2, '2031-07-07', ['absent', 'absent']);
  await day(b1d9, ids.b1, '2031-07-09', ['released', 'released', 'released']);
  await day(c1a3, ids.c1, '2031-08-03', ['released', 'released']);
  await day(f1d7, ids.f1, '2031-07-07', ['released']);

  const team = await insertTeam(db, { regionCode: TOWN, name: '巾帼志愿服务队' });
  const v = async () => insertVolunteer(db, pii, { homeRegionCode: YIZHUANG });
  const [v1, v2, v3, v4] = [await v(), await v(), await v(), await v()];
  const staff = (
    sessionId: string,
    volunteerId: string,
    d: string,
    checkIn: string | null,
    checkOut: string | null,
  ) => insertStaff(db, { sessionId, volunteerId, teamId: team, day: d, checkIn, checkOut });
  await staff(a1d7, v1, '2031-07-07', '08:00', '12:30');
  await staff(a1d8, v1, '2031-07-08', '08:00', '10:00');
  await staff(a1d7, v2, '2031-07-07', '13:00', null);
  await staff(b1d9, v2, '2031-07-09', '14:00', '17:45');
  await staff(a1d7, v3, '2031-07-07', null, null);
  await staff(c1a3, v4, '2031-08-03', '09:00', '11:00');
}

type Status = AttendanceStatus | 'late';
