/**
 * Fixtures of the CP-5 figures test: programs, classes, children and enrolments written straight
 * into the tables (statuses and reasons as the enrolment use-cases leave them), so the test knows
 * every answer by hand.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.ts';
import type { EnrolmentStatus } from '../../src/db/schema/programs.ts';
import { CLASS_DAY_DEFAULTS } from '../../src/modules/programs/class-sessions.rules.ts';

type Db = Kysely<Database>;
const NOW = '2031-06-01T00:00:00.000Z';

export async function accountIdOf(db: Db, username: string): Promise<string> {
  return (
    await db
      .selectFrom('accounts')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirstOrThrow()
  ).id;
}

export async function insertProgram(
  db: Db,
  p: {
    organiserId: string;
    title: string;
    regionCode: string;
    season: [string, string];
    status?: 'published' | 'cancelled';
  },
): Promise<string> {
  const id = crypto.randomUUID();
  await db
    .insertInto('programs')
    .values({
      id,
      organiser_account_id: p.organiserId,
      organiser_name: `${p.title}组织方`,
      title: p.title,
      kind: 'summer_care',
      venue_name: `${p.title}场所`,
      region_code: p.regionCode,
      season_starts_on: p.season[0],
      season_ends_on: p.season[1],
      fee_fen: 0,
      waiver_note: null,
      status: p.status ?? 'published',
      created_at: NOW,
      updated_at: NOW,
    })
    .execute();
  return id;
}

export async function insertClass(
  db: Db,
  c: { programId: string; regionCode: string; capacity: number; seats: number },
): Promise<string> {
  const id = crypto.randomUUID();
  await db
    .insertInto('program_classes')
    .values({
      ...CLASS_DAY_DEFAULTS,
      id,
      program_id: c.programId,
      region_code: c.regionCode,
      name: `班${c.capacity}`,
      capacity: c.capacity,
      hard_max: c.capacity + 5,
      min_age: null,
      max_age: null,
      min_grade: null,
      max_grade: null,
      catchment_codes: '[]',
      catchment_neighbourhoods: '[]',
      outside_catchment: 'refuse' as const,
      mode: 'first_come',
      opens_at: NOW,
      closes_at: null,
      offer_hours: 24,
      confirmed_count: c.seats,
      offered_count: 0,
      queue_seq: 0,
      created_at: NOW,
      day_starts: '08:00',
      day_ends: '17:30',
      weekdays: '[1,2,3,4,5]',
      days_off: '[]',
      late_grace_minutes: 15,
      strike_limit: 3,
      children_per_staff: 10,
    })
    .execute();
  return id;
}

export async function insertChild(db: Db, guardianId: string, regionCode: string): Promise<string> {
  const id = crypto.randomUUID();
  await db
    .insertInto('children')
    .values({
      id,
      guardian_account_id: guardianId,
      real_name: '测试儿童',
      id_cipher: 'x',
      id_hash: crypto.randomBytes(16).toString('hex'),
      id_masked: '1101**********0000',
      birth_date: '2018-03-01',
      relation: 'mother',
      region_code: regionCode,
      created_at: NOW,
    })
    .execute();
  return id;
}

/** One enrolment; `reasons`: [instant, action] pairs in order. */
export async function insertEnrolment(
  db: Db,
  e: {
    classId: string;
    childId: string;
    guardianId: string;
    regionCode: string;
    status: EnrolmentStatus;
    reasons?: [string, string][];
  },
): Promise<string> {
  const id = crypto.randomUUID();
  await db
    .insertInto('enrolments')
    .values({
      id,
      class_id: e.classId,
      child_id: e.childId,
      guardian_account_id: e.guardianId,
      region_code: e.regionCode,
      status: e.status,
      priority_groups: '[]',
      priority_rank: 1,
      position: null,
      applied_at: NOW,
      offer_expires_at: e.status === 'offered' ? '2031-08-30T00:00:00.000Z' : null,
      reasons: JSON.stringify((e.reasons ?? []).map(([at, action]) => ({ at, action }))),
      updated_at: NOW,
    })
    .execute();
  return id;
}

export const TOWN = '110115110000'; // 魏善庄镇 (the demo organiser's grant)
export const YIZHUANG = '110115110207';
export const SANSHUNZHUANG = '110115110222';
export const OTHER_TOWN = '110115111000';
const SEASON: [string, string] = ['2031-07-06', '2031-08-14'];
const at = (day: number, hour = 2) => new Date(Date.UTC(2031, 6, day, hour)).toISOString();

/**
 * The figures test's July 2031: programs A (伊庄村, classes of 10 and 5), B (三顺庄村, 4 places,
 * a hand promotion), C (the town itself, 20 places) counted; D cancelled, E in autumn left out;
 * F in 长子营镇. Returns the ids of A, B, C, F and their classes.
 */
export type SeededIds = Record<'A' | 'B' | 'C' | 'F' | 'a1' | 'a2' | 'b1' | 'c1' | 'f1', string>;

export async function seedJuly2031(db: Db): Promise<SeededIds> {
  const ids: SeededIds = { A: '', B: '', C: '', F: '', a1: '', a2: '', b1: '', c1: '', f1: '' };
  const org = await accountIdOf(db, 'organiser');
  const guardian = await accountIdOf(db, 'guardian');
  const child = () => insertChild(db, guardian, YIZHUANG);
  const enrol = async (
    classId: string,
    regionCode: string,
    status: Parameters<typeof insertEnrolment>[1]['status'],
    n = 1,
    reasons?: [string, string][],
    childId?: string,
  ) => {
    for (let i = 0; i < n; i++)
      await insertEnrolment(db, {
        classId,
        childId: childId ?? (await child()),
        guardianId: guardian,
        regionCode,
        status,
        reasons,
      });
  };

  // A at 伊庄村: classes of 10 and 5 places
  ids.A = await insertProgram(db, {
    organiserId: org,
    title: 'A 伊庄暑托',
    regionCode: YIZHUANG,
    season: SEASON,
  });
  const a1 = (ids.a1 = await insertClass(db, {
    programId: ids.A,
    regionCode: YIZHUANG,
    capacity: 10,
    seats: 7,
  }));
  const a2 = (ids.a2 = await insertClass(db, {
    programId: ids.A,
    regionCode: YIZHUANG,
    capacity: 5,
    seats: 5,
  }));
  const twice = await child(); // enrolled in both classes of A
  await enrol(a1, YIZHUANG, 'enrolled', 1, undefined, twice);
  await enrol(a1, YIZHUANG, 'enrolled', 4);
  await enrol(a1, YIZHUANG, 'enrolled', 1, [
    [at(2), 'offer'],
    [at(2, 5), 'accept_offer'],
  ]);
  await enrol(a1, YIZHUANG, 'waitlisted', 2);
  await enrol(a1, YIZHUANG, 'withdrawn', 1, [[at(3), 'withdraw']]);
  await enrol(a1, YIZHUANG, 'declined', 1, [
    [at(3), 'offer'],
    [at(3, 9), 'decline_offer'],
  ]);
  await enrol(a1, YIZHUANG, 'expired', 1, [
    [at(4), 'offer'],
    [at(5), 'expire'],
  ]);
  await enrol(a1, YIZHUANG, 'offered', 1, [[at(30), 'offer']]);
  await enrol(a2, YIZHUANG, 'enrolled', 1, undefined, twice);
  await enrol(a2, YIZHUANG, 'enrolled', 3);
  // an offer of June, accepted in June: not an offer of the period
  await enrol(a2, YIZHUANG, 'enrolled', 1, [
    ['2031-06-20T02:00:00.000Z', 'offer'],
    ['2031-06-21T02:00:00.000Z', 'accept_offer'],
  ]);

  // B at 三顺庄村: 4 places, full, 3 waiting; one family moved up by hand and accepted
  ids.B = await insertProgram(db, {
    organiserId: org,
    title: 'B 三顺庄四点半',
    regionCode: SANSHUNZHUANG,
    season: ['2031-07-06', '2031-07-31'],
  });
  const b1 = (ids.b1 = await insertClass(db, {
    programId: ids.B,
    regionCode: SANSHUNZHUANG,
    capacity: 4,
    seats: 4,
  }));
  await enrol(b1, SANSHUNZHUANG, 'enrolled', 3);
  await enrol(b1, SANSHUNZHUANG, 'enrolled', 1, [
    [at(8), 'promote_by_hand'],
    [at(9), 'accept_offer'],
  ]);
  await enrol(b1, SANSHUNZHUANG, 'waitlisted', 3);

  // C at the town itself: 20 places, 2 enrolled
  ids.C = await insertProgram(db, {
    organiserId: org,
    title: 'C 镇妇女儿童家园',
    regionCode: TOWN,
    season: ['2031-07-10', '2031-08-10'],
  });
  const c1 = (ids.c1 = await insertClass(db, {
    programId: ids.C,
    regionCode: TOWN,
    capacity: 20,
    seats: 2,
  }));
  await enrol(c1, TOWN, 'enrolled', 2);

  // left out: cancelled (D), season after the period (E); another town (F)
  const d = await insertProgram(db, {
    organiserId: org,
    title: 'D 已取消',
    regionCode: YIZHUANG,
    season: SEASON,
    status: 'cancelled',
  });
  await enrol(
    await insertClass(db, { programId: d, regionCode: YIZHUANG, capacity: 10, seats: 3 }),
    YIZHUANG,
    'enrolled',
    3,
  );
  const e = await insertProgram(db, {
    organiserId: org,
    title: 'E 秋季',
    regionCode: SANSHUNZHUANG,
    season: ['2031-09-01', '2031-12-31'],
  });
  await enrol(
    await insertClass(db, { programId: e, regionCode: SANSHUNZHUANG, capacity: 8, seats: 1 }),
    SANSHUNZHUANG,
    'enrolled',
  );
  ids.F = await insertProgram(db, {
    organiserId: org,
    title: 'F 长子营',
    regionCode: OTHER_TOWN,
    season: SEASON,
  });
  ids.f1 = await insertClass(db, {
    programId: ids.F,
    regionCode: OTHER_TOWN,
    capacity: 5,
    seats: 2,
  });
  await enrol(ids.f1, OTHER_TOWN, 'enrolled', 2);
  return ids;
}
