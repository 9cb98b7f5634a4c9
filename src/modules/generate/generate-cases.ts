/**
 * `doorstep generate`, step 3: the catalog (the 47 shared items, as the demo loads them), then cases
 * across the stations and the period in every workflow state through the cases module's bulk
 * writer, numbered `YYYYMMDD-9NNNN` (generate.plan.ts), and ratings of finished ones through the
 * ratings module's. Filed at the applicant's village station (70 %) or their town centre; decided
 * where the item's route says (station, town centre, district centre).
 */
import crypto from 'node:crypto';
import type { CaseTable } from '../../db/schema.ts';
import { addDays, chinaDate } from '../../shared/china-time.ts';
import { seededRandom } from '../../shared/seeded-random.ts';
import { getItem, listItems, seedDemoCatalog } from '../catalog/catalog.service.ts';
import type { CatalogItemView } from '../catalog/catalog.schema.ts';
import {
  generatedNotices,
  insertGeneratedCases,
  type GeneratedCase,
} from '../cases/case-generated.ts';
import { insertGeneratedRatings, type RatingToGenerate } from '../ratings/ratings.generate.ts';
import type { GenerateContext } from './generate-context.ts';
import type { People } from './generate-people.ts';
import { districtOf, type Places } from './generate-places.ts';
import { caseAt, generatedCaseNumber } from './generate.plan.ts';

const DAY_MS = 86_400_000;
/** 08:30 China time is 00:30 UTC. */
const OPENING_UTC_MS = 30 * 60_000;

async function sharedItems(ctx: GenerateContext): Promise<CatalogItemView[]> {
  await seedDemoCatalog({ db: ctx.db, now: ctx.now });
  const { items } = await listItems(ctx.db, { limit: 1000, offset: 0 });
  const shared = items.filter((i) => i.town === null && i.active);
  return Promise.all(shared.map((i) => getItem(ctx.db, i.code)));
}

export async function generateCases(
  ctx: GenerateContext,
  places: Places,
  people: People,
): Promise<{ cases: number; ratings: number; items: number }> {
  const items = await sharedItems(ctx);
  const notices = items.map((i) => generatedNotices(i));
  const perDay = new Map<string, number>();
  const total = ctx.plan.cases;
  const rnd = seededRandom(ctx.seed * 17 + 3);
  let ratings = 0;
  ctx.progress('cases', 0, total);
  for (let start = 0; start < total; start += ctx.batch) {
    const batch: GeneratedCase[] = [];
    const rated: RatingToGenerate[] = [];
    for (let k = start; k < Math.min(total, start + ctx.batch); k += 1) {
      const plan = caseAt(ctx.seed, k, {
        residents: people.residentIds.length,
        items: items.length,
        years: ctx.years,
        ratedShare: ctx.plan.ratedShare,
      });
      const village = places.villages[people.homeVillage[plan.applicant]!]!;
      const town = places.towns.get(village.town)!;
      const district = places.districts.get(districtOf(village.code));
      const item = items[plan.item]!;
      const notice = notices[plan.item]!;
      const day = addDays(chinaDate(ctx.now), -plan.ageDays);
      const nth = (perDay.get(day) ?? 0) + 1;
      perDay.set(day, nth);
      const createdMs = Date.parse(`${day}T00:00:00Z`) + OPENING_UTC_MS + plan.minute * 60_000;
      const created = new Date(Math.min(createdMs, ctx.now.getTime() - 60_000)).toISOString();
      const movedAt = new Date(
        Math.min(Date.parse(created) + Math.ceil(plan.ageDays / 2) * DAY_MS, ctx.now.getTime()),
      ).toISOString();
      const waiting = plan.state === 'awaiting_supplement' || plan.state === 'refused';
      const filedState = waiting ? 'awaiting_supplement' : 'accepted';
      const stationId = plan.atVillage ? village.stationId : town.stationId;
      const responder = plan.atVillage ? village.clerkId : town.officerId;
      const decides = item.route.decides;
      const decidingStationId =
        decides === 'station'
          ? stationId
          : decides === 'town_centre'
            ? town.stationId
            : (district?.stationId ?? town.stationId);
      const finished = ['decided', 'delivered', 'closed'].includes(plan.state);
      const used = waiting ? notice.missing : notice.complete;
      const row: CaseTable = {
        id: crypto.randomUUID(),
        number: generatedCaseNumber(day, nth),
        item_code: item.code,
        item_version: item.version,
        applicant_id: people.residentIds[plan.applicant]!,
        agent_account_id: null,
        home_region_code: village.code,
        accepting_station_id: stationId,
        accepting_region_code: plan.atVillage ? village.code : town.code,
        is_tongban: 0,
        decided_by: decides,
        deciding_station_id: decidingStationId,
        state: plan.state,
        state_before_suspension: plan.state === 'suspended' ? 'accepted' : null,
        first_responder_id: responder,
        presented: JSON.stringify(waiting ? notice.presentedSome : notice.presentedAll),
        notice: JSON.stringify(used),
        accepted_at: waiting ? null : created,
        due_date: waiting ? null : addDays(day, Math.ceil(item.promisedLimitDays * 1.4)),
        result: finished ? (plan.approved ? 'approved' : 'not_approved') : null,
        result_text: finished ? (plan.approved ? '准予办理' : '材料不符合规定') : null,
        version: filedState === plan.state ? 1 : 2,
        created_at: created,
        updated_at: movedAt,
        tracking_code: String(Math.floor(rnd() * 1e8)).padStart(8, '0'),
        channel: 'window',
      };
      batch.push({
        row,
        notice: used,
        filedState,
        movedAt,
        actorRole: plan.atVillage ? 'clerk' : 'town_officer',
      });
      if (plan.rated)
        rated.push({
          caseId: row.id,
          caseNumber: row.number,
          itemCode: row.item_code,
          serviceChannel: row.channel,
          regionCode: row.accepting_region_code,
          stationId,
          staffAccountId: responder,
          residentId: row.applicant_id,
          completedAt: movedAt,
          level: (3 + Math.floor(rnd() * 3)) as 3 | 4 | 5,
        });
    }
    await ctx.db.transaction().execute(async (trx) => {
      await insertGeneratedCases(trx, batch);
      await insertGeneratedRatings(trx, rated);
    });
    ratings += rated.length;
    ctx.progress('cases', Math.min(total, start + ctx.batch), total);
  }
  return { cases: total, ratings, items: items.length };
}
