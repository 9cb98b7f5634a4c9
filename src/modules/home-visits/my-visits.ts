/**
 * GS-10 issue #14: home visits from the resident's side. A resident (or a relative using the
 * resident's account) asks for a visit from the light phone pages — served by the station of the
 * resident's village (their registered station, else the one in their home village); one open
 * request at a time. The resident lists their own visits with the promised window and the
 * structured records made on them (decrypted for the resident only; the reads are theirs).
 */
import type { z } from 'zod';
import type { Actor } from '../../shared/actor.ts';
import { auditActor } from '../../shared/actor.ts';
import { chinaDate } from '../../shared/china-time.ts';
import { AppError } from '../../shared/problem.ts';
import { parsePreferredDates, readRecordData } from './home-visits.stored.ts';
import type { MyVisitRequest, MyVisitView } from './home-visits.schema.ts';
import type { RecordTemplate } from './visit-record.templates.ts';
import type { VisitDeps } from './visit-view.ts';
import { windowTimes } from './visit-window.ts';
import { availableVisitActions } from './home-visit.workflow.ts';
import { insertVisitRequest } from './visit-request-insert.ts';

type MyVisit = z.infer<typeof MyVisitView>;
const OPEN = ['requested', 'scheduled', 'on_route', 'not_home'] as const;

async function myResident(deps: VisitDeps, actor: Actor) {
  if (!actor.residentId) throw new AppError('RESIDENT_NOT_LINKED');
  const resident = await deps.db
    .selectFrom('residents')
    .select(['id', 'home_region_code', 'registered_station_id'])
    .where('id', '=', actor.residentId)
    .executeTakeFirst();
  if (!resident) throw new AppError('RESIDENT_NOT_LINKED');
  return resident;
}

export async function requestMyVisit(
  deps: VisitDeps,
  input: { body: z.infer<typeof MyVisitRequest>; actor: Actor; requestId: string; now: Date },
): Promise<MyVisit> {
  const { db, pii } = deps;
  const { body, actor, now } = input;
  const resident = await myResident(deps, actor);
  const today = chinaDate(now);
  const dates = body.preferredDates;
  if (new Set(dates).size !== dates.length || dates.some((d) => d < today))
    throw new AppError('VISIT_PREFERRED_DATES_INVALID');
  const station = await db
    .selectFrom('stations')
    .select(['id', 'region_code'])
    .where((eb) =>
      resident.registered_station_id
        ? eb('id', '=', resident.registered_station_id)
        : eb('region_code', '=', resident.home_region_code),
    )
    .orderBy('id')
    .executeTakeFirst();
  if (!station) throw new AppError('VISIT_NO_STATION');
  const open = await db
    .selectFrom('home_visits')
    .select('id')
    .where('resident_id', '=', resident.id)
    .where('status', 'in', [...OPEN])
    .executeTakeFirst();
  if (open) throw new AppError('VISIT_ALREADY_REQUESTED');
  const id = await db.transaction().execute((trx) =>
    insertVisitRequest(trx, pii, {
      request: {
        ...body,
        residentId: resident.id,
        villageCode: resident.home_region_code,
        stationId: station.id,
        preferredDates: dates,
      },
      createdBy: actor.accountId,
      auditActor: auditActor(actor),
      auditExtra: { channel: 'resident_app' },
      requestId: input.requestId,
      now,
    }),
  );
  const [mine] = (await myVisits(deps, { actor })).filter((v) => v.id === id);
  return mine!;
}

/** The resident's own visits, newest first, with their records (at most 50). */
export async function myVisits(deps: VisitDeps, input: { actor: Actor }): Promise<MyVisit[]> {
  const { db, pii } = deps;
  const residentId = input.actor.residentId;
  if (!residentId) return [];
  const visits = await db
    .selectFrom('home_visits as v')
    .innerJoin('stations as s', 's.id', 'v.station_id')
    .leftJoin('home_visit_routes as r', 'r.id', 'v.route_id')
    .select([
      'v.id',
      's.name as station_name',
      'v.reason',
      'v.status',
      'v.preferred_dates',
      'v.visit_window',
      'r.day',
      'v.visited_at',
      'v.created_at',
      'v.outcome_note',
    ])
    .where('v.resident_id', '=', residentId)
    .orderBy('v.created_at', 'desc')
    .orderBy('v.id')
    .limit(50)
    .execute();
  if (visits.length === 0) return [];
  const records = await db
    .selectFrom('home_visit_records')
    .select(['id', 'visit_id', 'template', 'data_cipher', 'created_at'])
    .where('resident_id', '=', residentId)
    .where(
      'visit_id',
      'in',
      visits.map((v) => v.id),
    )
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return visits.map((v) => ({
    id: v.id,
    stationName: v.station_name,
    reason: v.reason,
    status: v.status,
    preferredDates: parsePreferredDates(v.preferred_dates),
    day: v.day ?? null,
    window: v.day ? windowTimes(v.visit_window) : null,
    visitedAt: v.visited_at,
    createdAt: v.created_at,
    availableActions: availableVisitActions(v.status, 'applicant'),
    outcomeNote: v.outcome_note,
    records: records
      .filter((r) => r.visit_id === v.id)
      .map((r) => {
        const data = readRecordData(pii, r.data_cipher);
        return {
          id: r.id,
          template: r.template as RecordTemplate,
          createdAt: r.created_at,
          values: data.values,
          flags: data.flags,
        };
      }),
  }));
}
