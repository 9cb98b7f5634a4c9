/**
 * GS-12 the intake gate: a town may require a certified competence for an item before a clerk
 * accepts it. Cases intake (`cases/case-intake.service.ts`) calls `assertCompetentToFile`; the
 * colleague picker (`first-response/colleagues.ts`) calls `competentAccountIds`. Both modules sit
 * above training, so training imports neither (`npm run lint:deps`).
 *
 * Who the gate applies to: clerks (村级专管员) and agents (代办员) — both accept cases at a
 * station and become the case's first responder, so the same bar holds for both. Town centre
 * officers are not gated: they certify competence themselves and are whom a refused clerk asks.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Role } from '../../shared/roles.ts';
import { chinaDate } from '../../shared/china-time.ts';
import { AppError } from '../../shared/problem.ts';
import { townCodeOf } from '../../shared/region-code.ts';
import { TOWN_STAFF_ROLES, townPrefix } from './training-town.ts';
import { competentPosts } from './competent-posts.ts';
import { suggestReferral } from './referral.rules.ts';
import { underPrefix } from '../../shared/region-range.ts';

export const GATED_ROLES: readonly Role[] = ['clerk', 'agent'];

/** Whether the town requires a competence for the item (no row: not required). */
export async function isItemRequired(
  db: Kysely<Database>,
  townCode: string,
  itemCode: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('competence_requirements')
    .select('required')
    .where('town_code', '=', townCode)
    .where('item_code', '=', itemCode)
    .executeTakeFirst();
  return row?.required === 1;
}

/**
 * Accounts holding a valid competence for the item on `today` (China date). The SQL is
 * `isValidOn` of competence.rules.ts: not revoked, certified on or before today, expiring today or later.
 */
export async function competentAccountIds(
  db: Kysely<Database>,
  input: { itemCode: string; today: string; accountIds?: readonly string[] },
): Promise<Set<string>> {
  let q = db
    .selectFrom('competences')
    .select('account_id')
    .where('item_code', '=', input.itemCode)
    .where('revoked_at', 'is', null)
    .where('certified_on', '<=', input.today)
    .where('expires_on', '>=', input.today);
  if (input.accountIds) {
    if (input.accountIds.length === 0) return new Set();
    q = q.where('account_id', 'in', input.accountIds);
  }
  return new Set((await q.execute()).map((r) => r.account_id));
}

/** Colleagues in the town with a valid competence for the item: whom a refused clerk may ask. */
export async function competentColleagues(
  db: Kysely<Database>,
  input: { townCode: string; itemCode: string; today: string; excludeAccountId: string },
) {
  const rows = await db
    .selectFrom('competences as c')
    .innerJoin('accounts as a', 'a.id', 'c.account_id')
    .innerJoin('role_grants as g', 'g.account_id', 'a.id')
    .leftJoin('stations as s', 's.id', 'g.station_id')
    .select(['a.id', 'a.display_name', 'g.role', 's.name as station_name'])
    .where('c.item_code', '=', input.itemCode)
    .where('c.revoked_at', 'is', null)
    .where('c.certified_on', '<=', input.today)
    .where('c.expires_on', '>=', input.today)
    .where('a.status', '=', 'active')
    .where('a.id', '!=', input.excludeAccountId)
    .where('g.role', 'in', TOWN_STAFF_ROLES)
    .where(underPrefix('g.region_code', townPrefix(input.townCode)))
    .orderBy('g.region_code')
    .orderBy('a.display_name')
    .limit(20)
    .execute();
  const seen = new Set<string>();
  return rows
    .filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)))
    .map((r) => ({
      id: r.id,
      displayName: r.display_name,
      role: r.role,
      stationName: r.station_name,
    }));
}

/**
 * Refuses with COMPETENCE_REQUIRED when the filing station's town requires a competence for the
 * item and the filer (a clerk or an agent) holds no valid one today. The problem names the item
 * and lists `competentColleagues` (name, role, station) in the same town, `competentPosts` (posts
 * whose holder now is competent) and `suggestedHandoff` (referral.rules.ts): the intake page opens
 * its hand-off dialog with it, so the resident is handed on rather than turned away.
 */
export async function assertCompetentToFile(
  db: Kysely<Database>,
  input: {
    accountId: string;
    role: Role;
    stationRegionCode: string;
    item: { code: string; name: { zh: string; en: string } };
    now: Date;
  },
): Promise<void> {
  if (!GATED_ROLES.includes(input.role)) return;
  const townCode = townCodeOf(input.stationRegionCode);
  if (!(await isItemRequired(db, townCode, input.item.code))) return;
  const today = chinaDate(input.now);
  const own = await competentAccountIds(db, {
    itemCode: input.item.code,
    today,
    accountIds: [input.accountId],
  });
  if (own.has(input.accountId)) return;
  const colleagues = await competentColleagues(db, {
    townCode,
    itemCode: input.item.code,
    today,
    excludeAccountId: input.accountId,
  });
  const posts = await competentPosts(db, {
    townCode,
    now: input.now,
    competentAmong: (accountIds) =>
      competentAccountIds(db, { itemCode: input.item.code, today, accountIds }),
  });
  const suggestion = suggestReferral({
    stationRegionCode: input.stationRegionCode,
    refusedAccountId: input.accountId,
    posts: posts.map((p) => ({
      id: p.id,
      regionCode: p.regionCode,
      holderId: p.holder.id,
      holderCompetent: true,
    })),
    colleagues,
  });
  const ask = colleagues.slice(0, 3);
  const { zh: nameZh, en: nameEn } = input.item.name;
  throw new AppError('COMPETENCE_REQUIRED', {
    detailText: {
      zh:
        `“${nameZh}”（${input.item.code}）需持有效业务资质方可受理。` +
        (ask.length > 0
          ? `请转交：${ask.map((c) => `${c.displayName}（${c.stationName ?? '镇中心'}）`).join('、')}`
          : '本镇暂无持证人员，请联系镇中心'),
      en:
        `“${nameEn}” (${input.item.code}) may only be accepted with a valid competence. ` +
        (ask.length > 0
          ? `Hand it to: ${ask.map((c) => `${c.displayName} (${c.stationName ?? 'town centre'})`).join(', ')}`
          : 'No one in the town holds it yet; contact the town centre'),
    },
    extensions: {
      item: { code: input.item.code, name: input.item.name },
      competentColleagues: colleagues,
      /** GS-11 posts whose holder now is competent: a hand-off to one follows its holder. */
      competentPosts: posts.map(({ regionCode: _region, ...p }) => p),
      /** Whom the intake page prefills its hand-off dialog with (null: ask the town centre). */
      suggestedHandoff: suggestion,
    },
  });
}
