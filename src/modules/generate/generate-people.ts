/**
 * `doorstep generate`, step 2: residents through the residents module's bulk writer (ID numbers
 * lookup-hashed and encrypted, phones encrypted, masks kept — never a number in clear), then every
 * n-th resident as a volunteer in their town's team, and the teams' past activities with confirmed
 * hours (VS-8) over the period.
 */
import { seededRandom } from '../../shared/seeded-random.ts';
import { insertGeneratedActivities, type ActivityToGenerate } from '../records/records.generate.ts';
import { insertResidents, type ResidentToRegister } from '../residents/resident-batch.ts';
import { insertGeneratedVolunteers } from '../volunteers/volunteers.generate.ts';
import type { GenerateContext } from './generate-context.ts';
import type { Places } from './generate-places.ts';
import { personAt, type PlannedPerson } from './generate.plan.ts';

export interface People {
  residentIds: string[];
  /** Index into places.villages of each resident's home village. */
  homeVillage: Int32Array;
}

export async function generateResidents(ctx: GenerateContext, places: Places): Promise<People> {
  const total = ctx.plan.residents;
  const codes = places.villages.map((v) => v.code);
  const villageIndex = new Map(codes.map((c, i) => [c, i]));
  const people: People = { residentIds: [], homeVillage: new Int32Array(total) };
  ctx.progress('residents', 0, total);
  for (let start = 0; start < total; start += ctx.batch) {
    const batch: ResidentToRegister[] = [];
    for (let i = start; i < Math.min(total, start + ctx.batch); i += 1) {
      const p = personAt(ctx.seed, i, codes);
      people.homeVillage[i] = villageIndex.get(p.homeRegionCode)!;
      batch.push({
        idNumber: p.idNumber,
        sex: p.sex,
        birthDate: p.birthDate,
        fullName: p.fullName,
        phone: p.phone,
        homeRegionCode: p.homeRegionCode,
        address: `${places.villages[people.homeVillage[i]!]!.name}${p.address}`,
      });
    }
    const ids = await ctx.db
      .transaction()
      .execute((trx) =>
        insertResidents(trx, ctx.pii, { residents: batch, stationId: null, now: ctx.now }),
      );
    people.residentIds.push(...ids);
    ctx.progress('residents', people.residentIds.length, total);
  }
  return people;
}

const TITLES = [
  '助老送餐',
  '村庄环境整治',
  '四点半课堂陪读',
  '健康义诊',
  '防诈骗宣传',
  '垃圾分类指导',
];

/** Volunteers, one team per town, and the teams' activities; returns the counts. */
export async function generateVolunteering(
  ctx: GenerateContext,
  places: Places,
  people: People,
): Promise<{ volunteers: number; teams: number; activities: number; hours: number }> {
  const codes = places.villages.map((v) => v.code);
  const towns = [...places.towns.values()];
  const members = new Map(towns.map((t) => [t.code, [] as number[]]));
  const volunteers: PlannedPerson[] = [];
  for (let i = 0; i < ctx.plan.residents; i += ctx.plan.volunteerEvery) {
    const p = personAt(ctx.seed, i, codes);
    members.get(places.villages[people.homeVillage[i]!]!.town)!.push(volunteers.length);
    volunteers.push(p);
  }
  ctx.progress('volunteers', 0, volunteers.length);
  const { volunteerIds, teamIds } = await ctx.db.transaction().execute((trx) =>
    insertGeneratedVolunteers(trx, ctx.pii, {
      volunteers,
      teams: towns.map((t) => ({
        name: `${t.name}志愿服务队`,
        regionCode: t.code,
        leaderAccountId: t.leaderId,
        members: members.get(t.code)!,
      })),
      firstNumber: 1,
      now: ctx.now,
    }),
  );
  ctx.progress('volunteers', volunteers.length, volunteers.length);
  const rnd = seededRandom(ctx.seed * 13 + 5);
  const months = ctx.years * 12;
  const activities: ActivityToGenerate[] = [];
  towns.forEach((t, ti) => {
    const pool = members.get(t.code)!;
    if (pool.length === 0) return;
    for (let m = 0; m < months; m += 1)
      for (let a = 0; a < ctx.plan.activitiesPerTeamMonth; a += 1) {
        const startsAt = new Date(
          ctx.now.getTime() - (m * 30 + 1 + Math.floor(rnd() * 28)) * 86_400_000,
        );
        startsAt.setUTCHours(1, 0, 0, 0); // 09:00 China time
        const size = Math.min(pool.length, 2 + Math.floor(rnd() * 7));
        const chosen = new Set<string>();
        while (chosen.size < size)
          chosen.add(volunteerIds[pool[Math.floor(rnd() * pool.length)]!]!);
        activities.push({
          teamId: teamIds[ti]!,
          leaderAccountId: t.leaderId,
          title: TITLES[Math.floor(rnd() * TITLES.length)]!,
          place: `${t.name}`,
          regionCode: t.code,
          startsAt,
          halfHours: 4 + Math.floor(rnd() * 5),
          volunteerIds: [...chosen],
        });
      }
  });
  ctx.progress('activities', 0, activities.length);
  let hours = 0;
  for (let i = 0; i < activities.length; i += 500) {
    const part = activities.slice(i, i + 500);
    hours += await ctx.db
      .transaction()
      .execute((trx) => insertGeneratedActivities(trx, ctx.pii, part));
    ctx.progress('activities', Math.min(activities.length, i + 500), activities.length);
  }
  return {
    volunteers: volunteers.length,
    teams: teamIds.length,
    activities: activities.length,
    hours,
  };
}
