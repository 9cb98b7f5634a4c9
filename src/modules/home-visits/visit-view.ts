/**
 * Home visits as the staff app sees them: names joined in, the contact phone masked, the
 * available actions from the workflow table, and — for the visiting unit only — the visit's
 * records (full values for their author; others of the unit reveal them with a reason).
 */
import { windowTimes } from './visit-window.ts';
import type { Kysely } from 'kysely';
import type { Database, HomeVisitTable } from '../../db/schema.ts';
import type { Actor } from '../../shared/actor.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import { loadVisit, observerPrefixes, partyOf, visitingStations } from './home-visits.access.ts';
import type { HomeVisitView } from './home-visits.schema.ts';
import { readRecordData, parsePreferredDates } from './home-visits.stored.ts';
import { availableVisitActions } from './home-visit.workflow.ts';
import type { RecordTemplate } from './visit-record.templates.ts';
import { underPrefix } from '../../shared/region-range.ts';

type Db = Kysely<Database>;
export interface VisitDeps {
  db: Db;
  pii: PiiCipher;
}

export async function presentVisits(
  deps: VisitDeps,
  actor: Actor,
  visits: HomeVisitTable[],
): Promise<HomeVisitView[]> {
  if (visits.length === 0) return [];
  const { db } = deps;
  const uniq = (xs: (string | null)[]) => [...new Set(xs.filter((x): x is string => x !== null))];
  const [residents, regions, stations, routes] = await Promise.all([
    db
      .selectFrom('residents')
      .select(['id', 'full_name'])
      .where('id', 'in', uniq(visits.map((v) => v.resident_id)))
      .execute(),
    db
      .selectFrom('regions')
      .select(['code', 'name'])
      .where('code', 'in', uniq(visits.map((v) => v.village_code)))
      .execute(),
    db
      .selectFrom('stations')
      .select(['id', 'name'])
      .where('id', 'in', uniq(visits.map((v) => v.station_id)))
      .execute(),
    uniq(visits.map((v) => v.route_id)).length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('home_visit_routes')
          .select(['id', 'day'])
          .where('id', 'in', uniq(visits.map((v) => v.route_id)))
          .execute(),
  ]);
  // Records only of visits whose visiting unit is the caller's (never another unit's).
  const mine = visits.filter((v) => partyOf(actor, v) === 'visiting_unit').map((v) => v.id);
  const records =
    mine.length === 0
      ? []
      : await db
          .selectFrom('home_visit_records as r')
          .innerJoin('accounts as a', 'a.id', 'r.author_id')
          .select([
            'r.id',
            'r.visit_id',
            'r.template',
            'r.data_cipher',
            'r.author_id',
            'r.created_at',
            'a.display_name',
          ])
          .where('r.visit_id', 'in', mine)
          .orderBy('r.created_at')
          .orderBy('r.id')
          .execute();
  const name = <T extends { name: string }>(xs: T[], key: (x: T) => string, k: string) =>
    xs.find((x) => key(x) === k)?.name ?? '';
  return visits.map((v) => {
    const party = partyOf(actor, v) ?? 'observer';
    return {
      id: v.id,
      residentId: v.resident_id,
      residentName: residents.find((r) => r.id === v.resident_id)?.full_name ?? '',
      villageCode: v.village_code,
      villageName: name(regions, (r) => r.code, v.village_code),
      stationId: v.station_id,
      stationName: name(stations, (s) => s.id, v.station_id),
      requestedBy: v.requested_by,
      requesterRelation: v.requester_relation,
      reason: v.reason,
      itemCode: v.item_code,
      preferredDates: parsePreferredDates(v.preferred_dates),
      contactPhoneMasked: v.contact_phone_masked,
      note: v.note,
      status: v.status,
      routeId: v.route_id,
      day: routes.find((r) => r.id === v.route_id)?.day ?? null,
      window: v.route_id ? windowTimes(v.visit_window) : null,
      stop: v.stop_order,
      caseId: v.case_id,
      outcomeNote: v.outcome_note,
      visitedAt: v.visited_at,
      createdAt: v.created_at,
      availableActions: availableVisitActions(v.status, party),
      records: records
        .filter((r) => r.visit_id === v.id)
        .map((r) => {
          const own = r.author_id === actor.accountId;
          const data = own ? readRecordData(deps.pii, r.data_cipher) : null;
          return {
            id: r.id,
            template: r.template as RecordTemplate,
            authorName: r.display_name,
            createdAt: r.created_at,
            values: data?.values ?? null,
            flags: data?.flags ?? null,
            revealable: !own,
          };
        }),
    };
  });
}

export async function getVisit(
  deps: VisitDeps,
  input: { id: string; actor: Actor },
): Promise<HomeVisitView> {
  const { visit } = await loadVisit(deps.db, input.actor, input.id);
  return (await presentVisits(deps, input.actor, [visit]))[0]!;
}

export interface VisitFilter {
  actor: Actor;
  status?: HomeVisitTable['status'] | undefined;
  day?: string | undefined;
}

/** Visits at the caller's stations, and those region grants observe (unordered, unpaged). */
export function filteredVisits(db: Db, input: VisitFilter) {
  const stations = visitingStations(input.actor);
  const prefixes = observerPrefixes(input.actor);
  if (stations.length === 0 && prefixes.length === 0) return null;
  let q = db
    .selectFrom('home_visits as v')
    .leftJoin('home_visit_routes as r', 'r.id', 'v.route_id')
    .selectAll('v')
    .where((eb) =>
      eb.or([
        ...(stations.length ? [eb('v.station_id', 'in', stations)] : []),
        ...prefixes.map((p) => underPrefix('v.village_code', p)),
      ]),
    );
  if (input.status) q = q.where('v.status', '=', input.status);
  if (input.day) q = q.where('r.day', '=', input.day);
  return q;
}

/** The newest 200 of them (the page walks them all: visit-list.page.ts). */
export async function listVisits(deps: VisitDeps, input: VisitFilter): Promise<HomeVisitView[]> {
  const q = filteredVisits(deps.db, input);
  if (!q) return [];
  const rows = await q.orderBy('v.created_at', 'desc').orderBy('v.id').limit(200).execute();
  return presentVisits(deps, input.actor, rows);
}
