/**
 * Demo data of the community programs pillar (issue #13): the 暑期托管驿站 of 滨州市滨城区彭李街道
 * 黄河社区 in its 妇女儿童家园 — a summer program with three classes of 30, 90 children enrolled
 * on the opening evening and a waitlist, their guardians, and volunteers of the four kinds
 * (programs.demo-volunteers.ts). Everything goes through the module's use-cases (create program,
 * register child, enrol), as real callers, so the counters, positions and audit chain are real.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../shared/actor.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import type { Role } from '../../shared/roles.ts';
import { seededRandom } from '../../shared/seeded-random.ts';
import { hashPassword } from '../auth/password.ts';
import { loadGrants } from '../auth/session.service.ts';
import { buildIdNumber } from '../residents/id-number.ts';
import { insertAccount } from '../volunteers/volunteers.demo-support.ts';
import { createProgram } from './create-program.ts';
import { enrolChild } from './enrol-child.ts';
import type { PriorityClaim } from './enrolment.rules.ts';
import { seedHuangheVolunteers } from './programs.demo-volunteers.ts';
import { registerChild } from './register-child.ts';
import { setNeighbourhoods } from './neighbourhoods.ts';
import { schoolYearOfDay } from './school-grade.rules.ts';

export const BINCHENG = '371602000000'; // 山东省滨州市滨城区
export const PENGLI = '371602005000'; // 彭李街道
export const HUANGHE = '371602005035'; // 黄河社区

/**
 * DEMO DATA: the five neighbourhoods (小区) the station serves. The names are made up for the demo
 * (plausible for 黄河社区, not taken from any register); the organiser edits the list.
 */
export const HUANGHE_NEIGHBOURHOODS_DEMO = [
  '黄河一区',
  '黄河二区',
  '锦绣家园',
  '滨河苑',
  '翠柳小区',
] as const;

/** The three classes: 30 places each (hard maximum 35), by age on the season's first day. */
const CLASSES = [
  { name: '1班（6–7岁）', minAge: 6, maxAge: 7, applicants: 36 },
  { name: '2班（8–9岁）', minAge: 8, maxAge: 9, applicants: 32 },
  { name: '3班（10–12岁）', minAge: 10, maxAge: 12, applicants: 30 },
] as const;
const CAPACITY = 30;

const SURNAMES = '王李张刘陈杨赵黄孙周吴徐马朱胡郭高林宋韩';
const GIVEN = ['子涵', '梓萱', '浩然', '一诺', '欣怡', '宇轩', '雨桐', '俊熙', '诗涵', '梓睿'];
const GIVEN2 = ['佳', '思', '若', '景', '嘉', '明', '晨', '安', '沐', '语'];
const RELATIONS = ['mother', 'father', 'mother', 'grandparent', 'father'] as const;

/** Applicants who state a priority group, with the evidence the organiser checked. */
const CLAIMS: Record<string, PriorityClaim[]> = {
  '0-4': [{ group: 'dual_working', evidence: '父母双方在职证明（单位盖章）' }],
  '0-17': [{ group: 'hardship', evidence: '低保证（滨城区民政局）' }],
  '0-33': [{ group: 'dual_working', evidence: '父母双方在职证明（单位盖章）' }],
  '0-35': [{ group: 'left_behind', evidence: '父母在外务工，由祖父母照看（社区证明）' }],
  '1-9': [{ group: 'left_behind', evidence: '父母在外务工，由祖父母照看（社区证明）' }],
};

function actorOf(
  db: Kysely<Database>,
  id: string,
  username: string,
  displayName: string,
): Promise<Actor> {
  return loadGrants(db, id).then((grants) => ({
    accountId: id,
    username,
    displayName,
    residentId: null,
    grants,
  }));
}

/** The season of "this summer": July and August of the seed's year (next year after August). */
export function demoSeason(now: Date): { startsOn: string; endsOn: string; year: number } {
  const y = now.getUTCFullYear() + (now.getUTCMonth() >= 8 ? 1 : 0);
  return { startsOn: `${y}-07-06`, endsOn: `${y}-08-21`, year: y };
}

export async function seedDemoPrograms(deps: {
  db: Kysely<Database>;
  pii: PiiCipher;
  now: Date;
  password: string;
}) {
  const { db, pii, now } = deps;
  const season = demoSeason(now);
  // Enrolment opened three evenings ago at 19:00 China time; families enrolled within minutes.
  const opening = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - 3, 11),
  );
  const passwordHash = await hashPassword(deps.password);
  const rnd = seededRandom(371602);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;

  const families = CLASSES.flatMap((c, ci) =>
    Array.from({ length: c.applicants }, (_, i) => ({ ci, i })),
  );
  const ids = await db.transaction().execute(async (trx) => {
    const mk = (username: string, displayName: string, role: Role) =>
      insertAccount(trx, { username, displayName, role, regionCode: HUANGHE, passwordHash, now });
    const organiser = await mk('hh-organiser', '黄河社区妇联·暑期托管驿站（演示）', 'organiser');
    const guardians: string[] = [];
    for (const [n, f] of families.entries()) {
      // The first family of class 2 is the demo guardian's; the others log in as hh-g001 … .
      const named = f.ci === 1 && f.i === 0;
      guardians.push(
        await mk(
          named ? 'hh-guardian' : `hh-g${String(n + 1).padStart(3, '0')}`,
          named ? '黄河社区学生家长（演示）' : `黄河社区家长${n + 1}（演示）`,
          'guardian',
        ),
      );
    }
    return { organiser, guardians };
  });

  const organiser = await actorOf(db, ids.organiser, 'hh-organiser', '黄河社区妇联');
  await setNeighbourhoods(db, {
    regionCode: HUANGHE,
    names: [...HUANGHE_NEIGHBOURHOODS_DEMO],
    actor: organiser,
    requestId: 'demo',
    now: new Date(opening.getTime() - 8 * 86_400_000),
  });
  const program = await createProgram(db, {
    actor: organiser,
    requestId: 'demo',
    now: new Date(opening.getTime() - 7 * 86_400_000),
    body: {
      organiserName: '滨城区彭李街道黄河社区妇联',
      title: `黄河社区${season.year}年暑期托管驿站`,
      kind: 'summer_care',
      venueName: '黄河社区妇女儿童家园',
      regionCode: HUANGHE,
      seasonStartsOn: season.startsOn,
      seasonEndsOn: season.endsOn,
      feeFen: 0,
      waiverNote: '公益托管，不收费；午餐由家长自备。',
      classes: CLASSES.map((c) => ({
        name: c.name,
        capacity: CAPACITY,
        hardMax: CAPACITY + 5,
        minAge: c.minAge,
        maxAge: c.maxAge,
        minGrade: null,
        maxGrade: null,
        catchmentCodes: [HUANGHE],
        catchmentNeighbourhoods: [...HUANGHE_NEIGHBOURHOODS_DEMO],
        outsideCatchment: 'rank_after' as const,
        mode: 'first_come' as const,
        opensAt: opening.toISOString(),
        closesAt: null,
        offerHours: 24,
      })),
    },
  });

  let guardianGrants: Actor['grants'] | undefined;
  for (const [n, f] of families.entries()) {
    const klass = CLASSES[f.ci]!;
    const age = klass.minAge + (f.i % (klass.maxAge - klass.minAge + 1));
    const month = 8 + (n % 5); // born August–December: `age` on the season's first day
    const birth = `${season.year - age - 1}${String(month).padStart(2, '0')}${String(1 + (n % 28)).padStart(2, '0')}`;
    // Every family holds the same grant (guardian at 黄河社区): loaded once, each its own account.
    guardianGrants ??= (await actorOf(db, ids.guardians[0]!, '', '')).grants;
    const guardian: Actor = {
      accountId: ids.guardians[n]!,
      username: `hh-g${n + 1}`,
      displayName: `家长${n + 1}`,
      residentId: null,
      grants: guardianGrants,
    };
    const at = new Date(opening.getTime() + (n + 1) * 4_000); // in the minutes after opening
    const child = await registerChild(
      { db, pii },
      {
        actor: guardian,
        requestId: 'demo',
        now: new Date(opening.getTime() - 86_400_000),
        body: {
          realName:
            pick(SURNAMES.split('')) + (rnd() < 0.5 ? pick(GIVEN) : pick(GIVEN2) + pick(GIVEN2)),
          idNumber: buildIdNumber('371602', birth, String(100 + n).padStart(3, '0')),
          relation: RELATIONS[n % RELATIONS.length]!,
          // The grade finished before the summer: age 7 on the first day → 小学一年级 …
          schoolGrade: {
            grade: Math.max(0, age - 6),
            schoolYear: schoolYearOfDay(season.startsOn),
          },
          neighbourhood: HUANGHE_NEIGHBOURHOODS_DEMO[n % HUANGHE_NEIGHBOURHOODS_DEMO.length]!,
        },
      },
    );
    await enrolChild(db, {
      classId: program.classes[f.ci]!.id,
      actor: guardian,
      requestId: 'demo',
      now: at,
      body: { childId: child.id, priorityGroups: CLAIMS[`${f.ci}-${f.i}`] ?? [] },
    });
  }
  const volunteers = await seedHuangheVolunteers({ db, pii, now, passwordHash });
  return { programs: 1, classes: CLASSES.length, children: families.length, volunteers };
}
