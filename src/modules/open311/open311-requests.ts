/**
 * Open311 service requests (issue #15 point 7): a POST with a live API key files, as the key's
 * acting account, a 首问 inquiry (first-response's recordInquiry) or a 点单 need (orders'
 * submitNeedOnBehalf) in the key's town; GET lists what was filed through Open311 with statuses
 * mapped to open/closed (open311-request-views.ts). Personal data never leaves: no phone, no name, no ID.
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
import type { WireValue } from './open311-format.ts';
import { jurisdictionTown, keyActor } from './open311-keys.ts';
import { resolveService } from './open311-services.ts';

/** A retry with the same fields within this window answers the first request. */
export const DEDUPE_WINDOW_MS = 10 * 60_000;
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
    const meta = { actor: key.actor, requestId: input.requestId, now: input.now, pii };
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
