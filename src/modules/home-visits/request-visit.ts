/**
 * GS-10 a home-visit request (上门服务): asked for by the resident, a relative, the village agent or
 * staff taking a phone call, for someone elderly, disabled or ill. The serving unit is the caller's
 * station; the contact phone is stored encrypted and answered masked.
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/schema.ts';
import { auditActor, isPartyBound, type Actor, type Grant } from '../../shared/actor.ts';
import { chinaDate } from '../../shared/china-time.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import { AppError } from '../../shared/problem.ts';
import type { Role } from '../../shared/roles.ts';
import { assertAgentMaySeeResident } from '../agents/authorization.check.ts';
import { getItem } from '../catalog/catalog.service.ts';
import { VISIT_STAFF } from './home-visits.access.ts';
import type { HomeVisitView, NewHomeVisit } from './home-visits.schema.ts';
import { getVisit } from './visit-view.ts';
import { insertVisitRequest } from './visit-request-insert.ts';

/** The station the request is served from: the named one of the caller's, or their only one. */
function servingGrant(actor: Actor, stationId: string | undefined): Grant {
  const staff = actor.grants.filter(
    (g) => (VISIT_STAFF as readonly Role[]).includes(g.role) && g.stationId !== null,
  );
  if (staff.length === 0) throw new AppError('FORBIDDEN');
  if (stationId) {
    const g = staff.find((x) => x.stationId === stationId);
    if (!g) throw new AppError('OUT_OF_SCOPE');
    return g;
  }
  if (staff.length !== 1) throw new AppError('STATION_REQUIRED');
  return staff[0]!;
}

export async function requestVisit(
  deps: { db: Kysely<Database>; pii: PiiCipher },
  input: { body: z.infer<typeof NewHomeVisit>; actor: Actor; requestId: string | null; now: Date },
): Promise<HomeVisitView> {
  const { db, pii } = deps;
  const { body, actor, now } = input;
  const grant = servingGrant(actor, body.stationId);
  const today = chinaDate(now);
  const dates = body.preferredDates;
  if (new Set(dates).size !== dates.length || dates.some((d) => d < today))
    throw new AppError('VISIT_PREFERRED_DATES_INVALID');
  const resident = await db
    .selectFrom('residents')
    .select(['id', 'home_region_code'])
    .where('id', '=', body.residentId)
    .executeTakeFirst();
  if (!resident) throw new AppError('RESIDENT_NOT_FOUND');
  if (!resident.home_region_code.startsWith(grant.reachPrefix)) throw new AppError('OUT_OF_SCOPE');
  if (isPartyBound(grant))
    await assertAgentMaySeeResident(db, {
      agentAccountId: actor.accountId,
      residentId: resident.id,
      now,
    });
  if (body.itemCode) {
    const item = await getItem(db, body.itemCode); // CATALOG_ITEM_NOT_FOUND
    if (!item.channels.includes('home_visit'))
      throw new AppError('CHANNEL_NOT_OFFERED', {
        extensions: { channel: 'home_visit', offered: item.channels },
      });
  }
  const id = await db.transaction().execute((trx) =>
    insertVisitRequest(trx, pii, {
      request: {
        ...body,
        residentId: resident.id,
        villageCode: resident.home_region_code,
        stationId: grant.stationId!,
        preferredDates: dates,
      },
      createdBy: actor.accountId,
      auditActor: auditActor(actor, grant),
      requestId: input.requestId,
      now,
    }),
  );
  return getVisit(deps, { id, actor });
}
