/**
 * Open311 reads (issue #15 point 7): the requests filed through Open311 in a town, one by id, and
 * mySociety's servicerequestupdates — each with the state of the inquiry or need (and order) it
 * became, mapped to open/closed (open311-status.ts). No names, phones or ID numbers.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database, Open311RequestTable } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { chinaIso, type WireValue } from './open311-format.ts';
import { jurisdictionTown } from './open311-keys.ts';
import { fieldError } from './open311-requests.ts';
import { resolveService } from './open311-services.ts';
import { statusTimeline, type StatusEvent, type TargetState } from './open311-status.ts';

const LIST_DEFAULT_DAYS = 90;
const LIST_LIMIT = 1000;

interface Loaded {
  row: Open311RequestTable;
  state: TargetState;
  agency: string | null;
}

/** Each request with the state of the inquiry or need (and order) it became. */
async function loadStates(db: Kysely<Database>, rows: Open311RequestTable[]): Promise<Loaded[]> {
  const inquiryIds = rows.flatMap((r) => (r.inquiry_id ? [r.inquiry_id] : []));
  const needIds = rows.flatMap((r) => (r.need_id ? [r.need_id] : []));
  const [inquiries, needs] = await Promise.all([
    inquiryIds.length === 0
      ? []
      : db
          .selectFrom('inquiries as i')
          .innerJoin('stations as s', 's.id', 'i.station_id')
          .select(['i.id', 'i.status', 'i.closed_at', 's.name as station_name'])
          .where('i.id', 'in', inquiryIds)
          .execute(),
    needIds.length === 0
      ? []
      : db
          .selectFrom('vs_needs as n')
          .leftJoin('vs_orders as o', 'o.id', 'n.order_id')
          .select([
            'n.id',
            'n.status',
            'n.reviewed_at',
            'n.reject_reason',
            'o.state',
            'o.accepted_at',
            'o.completed_at',
            'o.cancelled_at',
          ])
          .where('n.id', 'in', needIds)
          .execute(),
  ]);
  const inquiryById = new Map(inquiries.map((i) => [i.id, i]));
  const needById = new Map(needs.map((n) => [n.id, n]));
  return rows.flatMap((row): Loaded[] => {
    if (row.inquiry_id) {
      const i = inquiryById.get(row.inquiry_id);
      if (!i) return [];
      return [
        {
          row,
          agency: i.station_name,
          state: {
            createdAt: row.created_at,
            inquiry: { status: i.status, closedAt: i.closed_at },
          },
        },
      ];
    }
    const n = row.need_id ? needById.get(row.need_id) : undefined;
    if (!n) return []; // still being filed
    return [
      {
        row,
        agency: '新时代文明实践中心 / Volunteer service centre',
        state: {
          createdAt: row.created_at,
          need: {
            status: n.status,
            reviewedAt: n.reviewed_at,
            rejectReason: n.reject_reason,
            order: n.state
              ? {
                  state: n.state,
                  acceptedAt: n.accepted_at,
                  completedAt: n.completed_at,
                  cancelledAt: n.cancelled_at,
                }
              : null,
          },
        },
      },
    ];
  });
}

function requestView(l: Loaded, serviceNames: Map<string, string>): WireValue {
  const last = statusTimeline(l.state).at(-1)!;
  return {
    service_request_id: l.row.id,
    status: last.status,
    status_notes: last.notes,
    service_name: serviceNames.get(l.row.service_code) ?? null,
    service_code: l.row.service_code,
    description: l.row.description,
    agency_responsible: l.agency,
    service_notice: null,
    requested_datetime: chinaIso(l.row.created_at),
    updated_datetime: chinaIso(last.at),
    expected_datetime: null,
    address: l.row.address,
    address_id: null,
    zipcode: null,
    lat: l.row.lat === null ? null : Number(l.row.lat),
    long: l.row.long === null ? null : Number(l.row.long),
    media_url: null,
  };
}

async function serviceNamesOf(db: Kysely<Database>, town: string, rows: Open311RequestTable[]) {
  const names = new Map<string, string>();
  for (const code of new Set(rows.map((r) => r.service_code))) {
    const s = await resolveService(db, town, code).catch(() => null);
    if (s) names.set(code, s.name);
  }
  return names;
}

const DateParam = z.iso.datetime({ offset: true });
const StatusParam = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim().toLowerCase()))
  .pipe(z.array(z.enum(['open', 'closed'])));

export const Open311ListQuery = z.object({
  jurisdiction_id: z.string().trim().min(1).max(15).optional(),
  service_request_id: z.string().max(4000).optional(),
  service_code: z.string().max(60).optional(),
  start_date: DateParam.optional(),
  end_date: DateParam.optional(),
  status: StatusParam.optional(),
});

export async function requiredTown(db: Kysely<Database>, jurisdiction: string | undefined) {
  if (!jurisdiction) throw new AppError('OPEN311_JURISDICTION_REQUIRED');
  return jurisdictionTown(db, jurisdiction);
}

export async function listRequests(db: Kysely<Database>, query: unknown, now: Date) {
  const parsed = Open311ListQuery.safeParse(query);
  if (!parsed.success) throw fieldError(parsed.error);
  const q = parsed.data;
  const town = await requiredTown(db, q.jurisdiction_id);
  let sel = db
    .selectFrom('open311_requests')
    .selectAll()
    .where('jurisdiction_code', '=', town.code);
  if (q.service_request_id) {
    // By id, the other filters do not apply (GeoReport v2).
    sel = sel.where(
      'id',
      'in',
      q.service_request_id.split(',').map((s) => s.trim()),
    );
  } else {
    const end = q.end_date ? new Date(q.end_date) : now;
    const start = q.start_date
      ? new Date(q.start_date)
      : new Date(end.getTime() - LIST_DEFAULT_DAYS * 86_400_000);
    sel = sel
      .where('created_at', '>=', start.toISOString())
      .where('created_at', '<=', end.toISOString());
    if (q.service_code) sel = sel.where('service_code', '=', q.service_code);
  }
  const rows = await sel.orderBy('created_at', 'desc').limit(LIST_LIMIT).execute();
  const [loaded, names] = await Promise.all([
    loadStates(db, rows),
    serviceNamesOf(db, town.code, rows),
  ]);
  const views = loaded.map((l) => requestView(l, names));
  const statuses = !q.service_request_id ? q.status : undefined;
  return statuses
    ? views.filter((v) => statuses.includes((v as { status: 'open' | 'closed' }).status))
    : views;
}

export async function getRequest(
  db: Kysely<Database>,
  input: { id: string; query: unknown },
): Promise<WireValue[]> {
  const parsed = Open311ListQuery.safeParse(input.query);
  if (!parsed.success) throw fieldError(parsed.error);
  const town = await requiredTown(db, parsed.data.jurisdiction_id);
  const row = await db
    .selectFrom('open311_requests')
    .selectAll()
    .where('id', '=', input.id)
    .where('jurisdiction_code', '=', town.code)
    .executeTakeFirst();
  const loaded = row ? await loadStates(db, [row]) : [];
  if (!row || loaded.length === 0) throw new AppError('OPEN311_REQUEST_NOT_FOUND');
  return [requestView(loaded[0]!, await serviceNamesOf(db, town.code, [row]))];
}

/** mySociety's servicerequestupdates: every status change in the window, oldest first. */
export async function listUpdates(db: Kysely<Database>, query: unknown, now: Date) {
  const parsed = Open311ListQuery.safeParse(query);
  if (!parsed.success) throw fieldError(parsed.error);
  const q = parsed.data;
  const town = await requiredTown(db, q.jurisdiction_id);
  const end = q.end_date ? new Date(q.end_date).toISOString() : now.toISOString();
  const start = q.start_date
    ? new Date(q.start_date).toISOString()
    : new Date(Date.parse(end) - 86_400_000).toISOString();
  const rows = await db
    .selectFrom('open311_requests')
    .selectAll()
    .where('jurisdiction_code', '=', town.code)
    .where('created_at', '<=', end)
    .orderBy('created_at', 'desc')
    .limit(LIST_LIMIT)
    .execute();
  const events: { row: Open311RequestTable; e: StatusEvent }[] = [];
  for (const l of await loadStates(db, rows))
    for (const e of statusTimeline(l.state))
      if (e.at >= start && e.at <= end) events.push({ row: l.row, e });
  events.sort((a, b) => a.e.at.localeCompare(b.e.at));
  return events.map(({ row, e }): WireValue => ({
    update_id: `${row.id}:${e.code}`,
    service_request_id: row.id,
    status: e.status,
    updated_datetime: chinaIso(e.at),
    description: e.notes,
    external_status_code: e.code,
    media_url: null,
  }));
}
