/**
 * `doorstep generate`, step 3: every `volunteerEvery`-th resident as a volunteer (registered in the
 * year before the period), the teams of each town (about 150 members from neighbouring villages,
 * led by the town's team leader), and each team's activities over the period with their sign-ups
 * and hour records (volunteering.plan.ts plans them, seeded). Streamed a batch of whole teams at a
 * time — their volunteers, the teams and members, the activities, sign-ups and records in one
 * transaction, each table in one COPY — so memory holds one batch, never the run's records (20 M at
 * the city), and the rollup triggers fold a volunteer's records in one statement, taking a few
 * hundred of their per-volunteer locks per transaction.
 */
import { CHINA_OFFSET_MS, addDays, chinaDate } from '../../shared/china-time.ts';
import { insertGeneratedActivities, type ActivityToGenerate } from '../records/records.generate.ts';
import {
  insertGeneratedTeams,
  insertGeneratedVolunteers,
  type VolunteerToGenerate,
} from '../volunteers/volunteers.generate.ts';
import type { GenerateContext } from './generate-context.ts';
import type { People } from './generate-people.ts';
import type { Places, Town } from './generate-places.ts';
import { personAt } from './generate.plan.ts';
import {
  registeredDaysAgo,
  teamActivities,
  teamSizes,
  type PlannedActivity,
} from './volunteering.plan.ts';

const TITLES = [
  '助老送餐',
  '村庄环境整治',
  '四点半课堂陪读',
  '健康义诊',
  '防诈骗宣传',
  '垃圾分类指导',
  '文明交通劝导',
  '孤寡老人探访',
  '河道巡护',
  '便民理发',
  '政策宣讲',
  '植树护绿',
];

interface TeamSlot {
  town: Town;
  /** The team's number within its town, from 0. */
  nth: number;
  /** Its members: positions [from, to) of the volunteers in village order. */
  from: number;
  to: number;
}

/**
 * The volunteers' resident indexes in village order (villages are in code order, so a town's
 * volunteers are contiguous), and where each village's begin.
 */
function volunteersByVillage(ctx: GenerateContext, places: Places, people: People) {
  const { residents, volunteerEvery } = ctx.plan;
  const start = new Int32Array(places.villages.length + 1);
  for (let i = 0; i < residents; i += volunteerEvery) start[people.homeVillage[i]! + 1]! += 1;
  for (let v = 0; v < places.villages.length; v += 1) start[v + 1]! += start[v]!;
  const next = start.slice(0, -1);
  const order = new Int32Array(start[places.villages.length]!);
  for (let i = 0; i < residents; i += volunteerEvery) order[next[people.homeVillage[i]!]!++] = i;
  return { order, start };
}

function teamSlots(places: Places, start: Int32Array): TeamSlot[] {
  const slots: TeamSlot[] = [];
  const { villages } = places;
  for (let v = 0; v < villages.length;) {
    const code = villages[v]!.town;
    let w = v;
    while (w < villages.length && villages[w]!.town === code) w += 1;
    let at = start[v]!;
    teamSizes(start[w]! - at).forEach((size, nth) => {
      slots.push({ town: places.towns.get(code)!, nth, from: at, to: at + size });
      at += size;
    });
    v = w;
  }
  return slots;
}

export async function generateVolunteering(
  ctx: GenerateContext,
  places: Places,
  people: People,
): Promise<{ volunteers: number; teams: number; activities: number; hours: number }> {
  const codes = places.villages.map((v) => v.code);
  const days = ctx.years * 365;
  const today = chinaDate(ctx.now);
  const dayStart = (ago: number) =>
    Date.parse(`${addDays(today, -ago)}T00:00:00Z`) - CHINA_OFFSET_MS;
  const teamsCreated = new Date(dayStart(days + 400) + 9 * 3600_000).toISOString();
  const { order, start } = volunteersByVillage(ctx, places, people);
  const slots = teamSlots(places, start);
  const total = order.length;
  const done = { volunteers: 0, activities: 0, hours: 0 };

  let batch: { slot: TeamSlot; planned: PlannedActivity[] }[] = [];
  let rows = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const volunteers: VolunteerToGenerate[] = [];
    for (const { slot } of batch)
      for (let k = slot.from; k < slot.to; k += 1) {
        const i = order[k]!;
        const ago = registeredDaysAgo(ctx.seed, i, days);
        const registeredAt = new Date(dayStart(ago) + 10 * 3600_000).toISOString();
        volunteers.push({ ...personAt(ctx.seed, i, codes), registeredAt });
      }
    const firstNumber = done.volunteers + 1;
    const first = batch[0]!.slot.from;
    done.hours += await ctx.db.transaction().execute(async (trx) => {
      const ids = await insertGeneratedVolunteers(trx, ctx.pii, { volunteers, firstNumber });
      const member = (slot: TeamSlot, m: number) => slot.from - first + m;
      const teamIds = await insertGeneratedTeams(
        trx,
        batch.map(({ slot }) => ({
          name: `${slot.town.name}志愿服务${slot.nth + 1}队`,
          regionCode: slot.town.code,
          leaderAccountId: slot.town.leaderId,
          createdAt: teamsCreated,
          members: Array.from({ length: slot.to - slot.from }, (_, m) => ({
            volunteerId: ids[member(slot, m)]!,
            since: volunteers[member(slot, m)]!.registeredAt,
          })),
        })),
      );
      const activities: ActivityToGenerate[] = [];
      batch.forEach(({ slot, planned }, t) => {
        for (const a of planned) {
          const host = places.villages[people.homeVillage[order[slot.from + a.host]!]!]!;
          activities.push({
            teamId: teamIds[t]!,
            leaderAccountId: slot.town.leaderId,
            title: TITLES[a.title]!,
            place: host.name,
            regionCode: host.code,
            startsAt: new Date(dayStart(a.ageDays) + a.startMinute * 60_000),
            halfHours: a.halfHours,
            participants: a.participants.map((m, j) => ({
              volunteerId: ids[member(slot, m)]!,
              outcome: a.outcomes[j]!,
            })),
          });
        }
      });
      done.activities += activities.length;
      return insertGeneratedActivities(trx, ctx.pii, activities);
    });
    done.volunteers += volunteers.length;
    ctx.progress('volunteers', done.volunteers, total);
    batch = [];
    rows = 0;
  };

  ctx.progress('volunteers', 0, total);
  for (const [t, slot] of slots.entries()) {
    const planned = teamActivities(ctx.seed, t, {
      members: slot.to - slot.from,
      recordsPerVolunteer: ctx.plan.recordsPerVolunteer,
      days,
      titles: TITLES.length,
    });
    batch.push({ slot, planned });
    rows += slot.to - slot.from;
    for (const a of planned) rows += a.participants.length;
    if (rows >= ctx.batch) await flush();
  }
  await flush();
  return { teams: slots.length, ...done };
}
