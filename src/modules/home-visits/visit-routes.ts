/**
 * GS-10 the day's routes: visits scheduled for a day are batched per station and village into one
 * route each (route-batching.rules.ts); a route's stops can be reordered by hand. One route per
 * station, village and day (unique index): concurrent scheduling meets in the same route.
 */
import crypto from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { Database, HomeVisitRouteTable, HomeVisitTable } from '../../db/schema.ts';
import { auditActor, type Actor } from '../../shared/actor.ts';
import { chinaDate } from '../../shared/china-time.ts';
import { AppError } from '../../shared/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { noticeVisitScheduled } from './visit-notices.ts';
import {
  observerPrefixes,
  partyOf,
  requireVisitingGrant,
  visitingGrant,
  visitingStations,
} from './home-visits.access.ts';
import type { RouteOrder, RouteView, ScheduleVisits } from './home-visits.schema.ts';
import { visitRefusal } from './home-visit.workflow.ts';
import { appendStops, batchByVillage, manualOrderProblem } from './route-batching.rules.ts';
import { presentVisits, type VisitDeps } from './visit-view.ts';
import { underPrefix } from '../../shared/region-range.ts';

type Trx = Transaction<Database>;

async function routeFor(
  trx: Trx,
  key: { stationId: string; villageCode: string; day: string },
  actor: Actor,
  nowIso: string,
): Promise<HomeVisitRouteTable> {
  await trx
    .insertInto('home_visit_routes')
    .values({
      id: crypto.randomUUID(),
      station_id: key.stationId,
      village_code: key.villageCode,
      day: key.day,
      created_by: actor.accountId,
      created_at: nowIso,
    })
    .onConflict((oc) => oc.columns(['station_id', 'village_code', 'day']).doNothing())
    .execute();
  return trx
    .selectFrom('home_visit_routes')
    .selectAll()
    .where('station_id', '=', key.stationId)
    .where('village_code', '=', key.villageCode)
    .where('day', '=', key.day)
    .executeTakeFirstOrThrow();
}

/** Schedules visits for a day: batched by village into that day's routes, stops appended. */
export async function scheduleVisits(
  deps: VisitDeps,
  input: {
    body: z.infer<typeof ScheduleVisits>;
    actor: Actor;
    requestId: string | null;
    now: Date;
  },
): Promise<RouteView[]> {
  const { db } = deps;
  const { body, actor, now } = input;
  if (body.day < chinaDate(now)) throw new AppError('VISIT_DAY_IN_PAST');
  const ids = [...new Set(body.visitIds)];
  const visits = await db.selectFrom('home_visits').selectAll().where('id', 'in', ids).execute();
  for (const id of ids) {
    const v = visits.find((x) => x.id === id);
    const party = v ? partyOf(actor, v) : null;
    if (!v || !party) throw new AppError('VISIT_NOT_FOUND');
    const refusal = visitRefusal('schedule', v.status, party);
    if (refusal === 'FORBIDDEN') throw new AppError('VISIT_NOT_VISITING_UNIT');
    if (refusal) throw new AppError('VISIT_STATE');
  }
  const nowIso = now.toISOString();
  const routeIds = await db.transaction().execute(async (trx) => {
    const touched: string[] = [];
    for (const stationId of [...new Set(visits.map((v) => v.station_id))]) {
      const grant = visitingGrant(actor, stationId)!;
      const batches = batchByVillage(
        visits
          .filter((v) => v.station_id === stationId)
          .map((v) => ({ id: v.id, villageCode: v.village_code, requestedAt: v.created_at })),
      );
      for (const batch of batches) {
        const route = await routeFor(
          trx,
          { stationId, villageCode: batch.villageCode, day: body.day },
          actor,
          nowIso,
        );
        const last = await trx
          .selectFrom('home_visits')
          .select((eb) => eb.fn.max('stop_order').as('last'))
          .where('route_id', '=', route.id)
          .executeTakeFirst();
        for (const { id, stop } of appendStops(Number(last?.last ?? 0), batch.visitIds)) {
          const r = await trx
            .updateTable('home_visits')
            .set((eb) => ({
              status: 'scheduled',
              route_id: route.id,
              stop_order: stop,
              visit_window: body.window,
              updated_at: nowIso,
              version: eb('version', '+', 1),
            }))
            .where('id', '=', id)
            .where('status', 'in', ['requested', 'not_home'])
            .executeTakeFirst();
          if (Number(r.numUpdatedRows) !== 1) throw new AppError('VISIT_STATE');
          await noticeVisitScheduled(trx, deps.pii, {
            visit: visits.find((v) => v.id === id)!,
            day: body.day,
            window: body.window,
            now,
          });
        }
        await recordAudit(trx, {
          actor: auditActor(actor, grant),
          action: 'home_visit.scheduled',
          entityType: 'home_visit_route',
          entityId: route.id,
          regionCode: batch.villageCode,
          after: { day: body.day, window: body.window, visitIds: batch.visitIds },
          requestId: input.requestId,
          now,
        });
        touched.push(route.id);
      }
    }
    return touched;
  });
  return presentRoutes(deps, actor, routeIds);
}

async function presentRoutes(deps: VisitDeps, actor: Actor, ids: string[]): Promise<RouteView[]> {
  if (ids.length === 0) return [];
  const routes = await deps.db
    .selectFrom('home_visit_routes as r')
    .innerJoin('regions as g', 'g.code', 'r.village_code')
    .select(['r.id', 'r.station_id', 'r.village_code', 'r.day', 'g.name'])
    .where('r.id', 'in', ids)
    .orderBy('r.village_code')
    .execute();
  const stops: HomeVisitTable[] = await deps.db
    .selectFrom('home_visits')
    .selectAll()
    .where('route_id', 'in', ids)
    .orderBy('stop_order')
    .orderBy('id')
    .execute();
  const views = await presentVisits(deps, actor, stops);
  return routes.map((r) => ({
    id: r.id,
    stationId: r.station_id,
    villageCode: r.village_code,
    villageName: r.name,
    day: r.day,
    stops: views.filter((v) => v.routeId === r.id),
  }));
}

/** The day's routes the caller may see: their stations', and those in an observer's reach. */
export async function listRoutes(
  deps: VisitDeps,
  input: { day: string; actor: Actor },
): Promise<RouteView[]> {
  const stations = visitingStations(input.actor);
  const prefixes = observerPrefixes(input.actor);
  if (stations.length === 0 && prefixes.length === 0) return [];
  const rows = await deps.db
    .selectFrom('home_visit_routes')
    .select('id')
    .where('day', '=', input.day)
    .where((eb) =>
      eb.or([
        ...(stations.length ? [eb('station_id', 'in', stations)] : []),
        ...prefixes.map((p) => underPrefix('village_code', p)),
      ]),
    )
    .execute();
  return presentRoutes(
    deps,
    input.actor,
    rows.map((r) => r.id),
  );
}

async function loadRoute(db: Kysely<Database>, actor: Actor, id: string) {
  const route = await db
    .selectFrom('home_visit_routes')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  const party = route
    ? partyOf(actor, { station_id: route.station_id, village_code: route.village_code })
    : null;
  if (!route || !party) throw new AppError('VISIT_ROUTE_NOT_FOUND');
  return route;
}

export async function getRoute(
  deps: VisitDeps,
  input: { id: string; actor: Actor },
): Promise<RouteView> {
  const route = await loadRoute(deps.db, input.actor, input.id);
  return (await presentRoutes(deps, input.actor, [route.id]))[0]!;
}

/** A manual order of the route's stops (the visiting unit only). */
export async function reorderRoute(
  deps: VisitDeps,
  input: {
    id: string;
    body: z.infer<typeof RouteOrder>;
    actor: Actor;
    requestId: string;
    now: Date;
  },
): Promise<RouteView> {
  const { db } = deps;
  const route = await loadRoute(db, input.actor, input.id);
  const grant = requireVisitingGrant(input.actor, route.station_id);
  await db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('home_visits')
      .select(['id', 'stop_order'])
      .where('route_id', '=', route.id)
      .orderBy('stop_order')
      .execute();
    if (
      manualOrderProblem(
        current.map((c) => c.id),
        input.body.visitIds,
      )
    )
      throw new AppError('VISIT_ROUTE_ORDER_INVALID');
    for (const [i, id] of input.body.visitIds.entries())
      await trx
        .updateTable('home_visits')
        .set({ stop_order: i + 1, updated_at: input.now.toISOString() })
        .where('id', '=', id)
        .where('route_id', '=', route.id)
        .execute();
    await recordAudit(trx, {
      actor: auditActor(input.actor, grant),
      action: 'home_visit.route_reordered',
      entityType: 'home_visit_route',
      entityId: route.id,
      regionCode: route.village_code,
      before: { visitIds: current.map((c) => c.id) },
      after: { visitIds: input.body.visitIds },
      requestId: input.requestId,
      now: input.now,
    });
  });
  return getRoute(deps, { id: route.id, actor: input.actor });
}
