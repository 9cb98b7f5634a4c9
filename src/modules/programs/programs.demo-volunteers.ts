/**
 * The volunteers of the 黄河社区 暑期托管驿站 (issue #13 demo): the four kinds of teams that staff
 * such stations — 巾帼 (women's federation), 五老 (retired cadres, teachers, veterans …), 教师
 * (teachers) and 大学生 (university students home for the summer) — under the district's corps,
 * registered through the volunteer module's use-cases.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import { buildIdNumber } from '../residents/id-number.ts';
import { createTeam } from '../volunteers/teams.service.ts';
import { registerVolunteer } from '../volunteers/volunteer-registration.ts';
import { approve, insertAccount, seedBase } from '../volunteers/volunteers.demo-support.ts';

const BINCHENG = '371602000000';
const HUANGHE = '371602005035';

const TEAMS = [
  {
    name: '黄河社区巾帼志愿服务队',
    organisation: '黄河社区妇联',
    skills: ['儿童看护', '手工'],
    people: [
      ['刘秀梅', '19820314'],
      ['王丽娟', '19790826'],
      ['张红霞', '19880105'],
    ],
  },
  {
    name: '黄河社区“五老”志愿服务队',
    organisation: '黄河社区关工委',
    skills: ['红色故事', '书法'],
    people: [
      ['李建国', '19580712'],
      ['赵德明', '19560321'],
      ['孙桂兰', '19610918'],
    ],
  },
  {
    name: '黄河社区教师志愿服务队',
    organisation: '滨城区彭李街道中心学校',
    skills: ['作业辅导', '阅读'],
    people: [
      ['陈静', '19900417'],
      ['杨志强', '19850630'],
      ['周雪', '19930211'],
    ],
  },
  {
    name: '黄河社区大学生志愿服务队',
    organisation: '黄河社区团支部（返乡大学生）',
    skills: ['科学实验', '英语', '体育'],
    people: [
      ['马一鸣', '20040509'],
      ['高欣然', '20050122'],
      ['林浩宇', '20031107'],
    ],
  },
] as const;

export async function seedHuangheVolunteers(deps: {
  db: Kysely<Database>;
  pii: PiiCipher;
  now: Date;
  passwordHash: string;
}): Promise<number> {
  const { db, pii, now } = deps;
  const base = seedBase(now);
  // 刘秀梅 of the 巾帼 team logs in as hh-volunteer: her program hours show in her record (VS-8).
  const account = await db.transaction().execute((trx) =>
    insertAccount(trx, {
      username: 'hh-volunteer',
      displayName: '刘秀梅（黄河社区巾帼志愿者，演示）',
      role: 'volunteer',
      regionCode: HUANGHE,
      passwordHash: deps.passwordHash,
      now,
    }),
  );
  const corps = await createTeam(db, {
    ...base,
    body: {
      kind: 'corps',
      name: '滨城区新时代文明实践志愿服务总队',
      regionCode: BINCHENG,
      organisationName: '滨州市滨城区新时代文明实践中心',
      personInCharge: '王志刚',
      contactPhone: '0543-3210001',
      description: '统筹全区志愿服务队伍；暑期为各社区托管驿站派出志愿者。',
    },
  });
  let made = 0;
  for (const [t, team] of TEAMS.entries()) {
    const created = await createTeam(db, {
      ...base,
      now: new Date(now.getTime() + t + 1), // listed in this order (by creation time)
      body: {
        kind: 'team',
        parentId: corps.id,
        name: team.name,
        regionCode: HUANGHE,
        categoryCode: 'children',
        organisationName: team.organisation,
        personInCharge: team.people[0][0],
        contactPhone: `0543-32100${String(t + 2).padStart(2, '0')}`,
        description: `${team.organisation}组织，服务黄河社区暑期托管驿站。`,
      },
    });
    for (const [p, [fullName, birth]] of team.people.entries()) {
      const v = await registerVolunteer(
        { db, pii },
        {
          ...base,
          mode: 'seed',
          accountId: t === 0 && p === 0 ? account : null,
          body: {
            idNumber: buildIdNumber('371602', birth, String(200 + t * 10 + p).padStart(3, '0')),
            fullName,
            homeRegionCode: HUANGHE,
            skills: [...team.skills],
            serviceRegionCodes: [HUANGHE],
            availability: { weekdays: [1, 2, 3, 4, 5], parts: p === 0 ? ['am', 'pm'] : ['pm'] },
          },
        },
      );
      await approve(db, created.id, v.id, null, now);
      made += 1;
    }
  }
  return made;
}
