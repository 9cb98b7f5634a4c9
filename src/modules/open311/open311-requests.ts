/**
 * Open311 service requests (issue #15 point 7): a POST with a live API key files, as the key's
 * acting account, a 首问 inquiry (first-response's recordInquiry) or a 点单 need (orders'
 * submitNeedOnBehalf) in the key's town; GET lists what was filed through Open311 with statuses
 * mapped to open/closed (open311-status.ts). Personal data never leaves: no phone, no name, no ID.
 *
 * Idempotency: a request is claimed first under a dedupe key unique per API key — the client's
 * `Idempotency-Key` header when sent, else the hash of its fields within a 10-minute window (Open311
 * clients cannot send our header, and retry with the same body) — so a retry answers the same
 * service_request_id and never files twice. A failed filing releases its claim.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database, Open311RequestTable } from '../../db/schema.ts';
import { isUniqueViolation } from '../../shared/db-errors.ts';
import { freeText } from '../../shared/free-text.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import { AppError } from '../../shared/problem.ts';
import { recordInquiry } from '../first-response/inquiry.service.ts';
import { NewInquiry } from '../first-response/inquiry.schema.ts';
import { NewNeedOnBehalf } from '../orders/orders.schema.ts';
import { submitNeedOnBehalf } from '../orders/submit-need.ts';
import { chinaIso, type WireValue } from './open311-format.ts';
import { jurisdictionTown, keyActor } from './open311-keys.ts';
import { resolveService } from './open311-services.ts';
import { statusTimeline, type StatusEvent, type TargetState } from './open311-status.ts';

/** A retry with the same fields within this window answers the first request. */
export const DEDUPE_WINDOW_MS = 10 * 60_000;
const LIST_DEFAULT_DAYS = 90;
const LIST_LIMIT = 1000;
/** What an inquiry filed through Open311 is answered with until staff answer it. */
const ANSWER_PENDING = '（经 Open311 转入，待工作人员答复）Filed through Open311; to be answered';

const Decimal = z
  .string()
  .trim()
  .regex(/^-?\d{1,3}(\.\d{1,12})?$/);

/** GeoReport v2 POST fields (form-encoded or JSON); unknown fields are ignored as the spec allows. */
export const Open311Post = z.object({
  jurisdiction_id: z.string().trim().min(1).max(15),
  service_code: z.string().trim().min(1).max(60),
  api_key: z.string().trim().min(1).max(200).optional(),
  description: freeText({ max: 2000 }),
  lat: Decimal.optional(),
  long: Decimal.optional(),
  address_string: freeText({ max: 200 }).optional(),
  first_name: freeText({ max: 25 }).optional(),
  last_name: freeText({ max: 25 }).optional(),
  phone: z.string().trim().max(20).optional(),
  'attribute[place]': freeText({ max: 200 }).optional(),
  'attribute[wanted_from]': z.string().trim().max(40).optional(),
  'attribute[wanted_to]': z.string().trim().max(40).optional(),
  'attribute[project]': z.string().trim().max(40).optional(),
});
export type Open311PostFields = z.infer<typeof Open311Post>;

/** A zod failure as Open311's 400 naming the fields (Open311's names). */
export function fieldError(error: z.ZodError, rename: Record<string, string> = {}): AppError {
  const fields = [...new Set(error.issues.map((i) => String(i.path[0] ?? 'body')))].map(
    (f) => rename[f] ?? f,
  );
  return new AppError('OPEN311_FIELD_INVALID', { detail: fields.join(', ') });
}

function sha256(text: string): string {
  return crypto.createHash('sha256').update(text).digest('hex');
}

/** The fields as one canonical string (sorted keys, api_key left out). */
function bodyHash(fields: Open311PostFields): string {
  const entries = Object.entries(fields)
    .filter(([k, v]) => k !== 'api_key' && v !== undefined)
    .sort(([a], [b]) => a.localeCompare(b));
  return sha256(JSON.stringify(entries));
}

function callerDescription(keyName: string, f: Open311PostFields): string {
  const name = [f.last_name, f.first_name].filter(Boolean).join('');
  return `Open311「${keyName}」${name ? `：${name}` : ''}`.slice(0, 200);
}

const NEED_FIELD_NAMES: Record<string, string> = {
  description: 'description',
  place: 'attribute[place]',
  wantedFrom: 'attribute[wanted_from]',
  wantedTo: 'attribute[wanted_to]',
  projectId: 'attribute[project]',
  contactName: 'first_name',
  contactPhone: 'phone',
};

type Filing =
  | { kind: 'inquiry'; body: z.infer<typeof NewInquiry> }
  | { kind: 'need'; body: z.infer<typeof NewNeedOnBehalf> };

/** The Doorstep request the fields become, validated by the target module's own schema. */
function filingOf(
  service: Awaited<ReturnType<typeof resolveService>>,
  f: Open311PostFields,
  town: string,
  keyName: string,
  stationId: string,
): Filing {
  if (service.kind === 'inquiry') {
    const parsed = NewInquiry.safeParse({
      channel: 'phone',
      callerDescription: callerDescription(keyName, f),
      question: f.description,
      itemCode: service.itemCode,
      answer: ANSWER_PENDING,
      stationId,
    });
    if (!parsed.success) throw fieldError(parsed.error, { question: 'description' });
    return { kind: 'inquiry', body: parsed.data };
  }
  const place = f['attribute[place]'] ?? f.address_string;
  const name = [f.last_name, f.first_name].filter(Boolean).join('');
  const parsed = NewNeedOnBehalf.safeParse({
    regionCode: town,
    categoryCode: service.categoryCode,
    projectId: f['attribute[project]'],
    description: f.description,
    place,
    wantedFrom: f['attribute[wanted_from]'],
    wantedTo: f['attribute[wanted_to]'],
    contactName: name || undefined,
    contactPhone: f.phone,
    channel: 'phone',
  });
  if (!parsed.success) throw fieldError(parsed.error, NEED_FIELD_NAMES);
  if (parsed.data.contactPhone === undefined)
    throw new AppError('OPEN311_FIELD_INVALID', { detail: 'phone' });
  return { kind: 'need', body: parsed.data };
}

async function findClaim(db: Kysely<Database>, apiKeyId: string, dedupeKeys: string[]) {
  return db
    .selectFrom('open311_requests')
    .selectAll()
    .where('api_key_id', '=', apiKeyId)
    .where('dedupe_key', 'in', dedupeKeys)
    .orderBy('created_at')
    .executeTakeFirst();
}

function answerOf(row: Open311RequestTable): WireValue[] {
  if (!row.inquiry_id && !row.need_id) throw new AppError('OPEN311_REQUEST_IN_PROGRESS');
  return [
    {
      service_request_id: row.id,
      service_notice:
        row.target_kind === 'inquiry'
          ? '已转入首问咨询登记 / Recorded as an inquiry at a service station'
          : '已转入志愿服务点单，待审单 / Recorded as a volunteer service request; awaiting review',
      account_id: null,
    },
  ];
}

export async function fileRequest(
  db: Kysely<Database>,
  pii: PiiCipher,
  input: { fields: unknown; idempotencyKey: string | undefined; requestId: string; now: Date },
): Promise<WireValue[]> {
  const parsed = Open311Post.safeParse(input.fields);
  if (!parsed.success) {
    const missingJurisdiction = parsed.error.issues.some((i) => i.path[0] === 'jurisdiction_id');
    if (missingJurisdiction) throw new AppError('OPEN311_JURISDICTION_REQUIRED');
    throw fieldError(parsed.error);
  }
  const f = parsed.data;
  const town = await jurisdictionTown(db, f.jurisdiction_id);
  const key = await keyActor(db, f.api_key);
  if (key.jurisdiction !== town.code) throw new AppError('OPEN311_API_KEY_OTHER_JURISDICTION');
  const service = await resolveService(db, town.code, f.service_code);
  const filing = filingOf(service, f, town.code, key.keyName, key.actor.grants[0]!.stationId!);

  const hash = bodyHash(f);
  const bucket = Math.floor(input.now.getTime() / DEDUPE_WINDOW_MS);
  const dedupeKey = input.idempotencyKey
    ? `key:${sha256(input.idempotencyKey)}`
    : `body:${hash}:${bucket}`;
  const candidates = input.idempotencyKey ? [dedupeKey] : [dedupeKey, `body:${hash}:${bucket - 1}`];
  const since = new Date(input.now.getTime() - DEDUPE_WINDOW_MS).toISOString();
  const earlier = await findClaim(db, key.keyId, candidates);
  if (earlier && (input.idempotencyKey || earlier.created_at >= since)) {
    if (earlier.body_hash !== hash)
      throw new AppError('OPEN311_FIELD_INVALID', {
        detail: 'Idempotency-Key was used with another request',
      });
    return answerOf(earlier);
  }

  const id = crypto.randomUUID();
  try {
    await db
      .insertInto('open311_requests')
      .values({
        id,
        api_key_id: key.keyId,
        jurisdiction_code: town.code,
        service_code: service.code,
        dedupe_key: dedupeKey,
        body_hash: hash,
        target_kind: filing.kind,
        inquiry_id: null,
        need_id: null,
        description: f.description,
        address: f.address_string ?? null,
        lat: f.lat ?? null,
        long: f.long ?? null,
        created_at: input.now.toISOString(),
      })
      .execute();
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const winner = await findClaim(db, key.keyId, [dedupeKey]);
    if (!winner) throw err;
    return answerOf(winner);
  }

  let target: { inquiry_id: string } | { need_id: string };
  try {
    const meta = { actor: key.actor, requestId: input.requestId, now: input.now };
    target =
      filing.kind === 'inquiry'
        ? { inquiry_id: (await recordInquiry(db, { ...meta, body: filing.body })).id }
        : { need_id: (await submitNeedOnBehalf(db, pii, { ...meta, body: filing.body })).id };
  } catch (err) {
    await db.deleteFrom('open311_requests').where('id', '=', id).execute();
    throw err;
  }
  await db.updateTable('open311_requests').set(target).where('id', '=', id).execute();
  await db
    .updateTable('open311_api_keys')
    .set({ last_used_at: input.now.toISOString() })
    .where('id', '=', key.keyId)
    .execute();
  return answerOf(
    await db
      .selectFrom('open311_requests')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow(),
  );
}

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
