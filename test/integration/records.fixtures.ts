/**
 * Rows the records tests need beyond test/helpers/vs-fixtures.ts: activities, service records,
 * needs and ratings, written straight into the tables of migration 0008.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.ts';
import { hourRecordRow, insertHourRecords } from '../../src/modules/records/hour-record.row.ts';
import { START } from '../helpers/test-app.ts';
import { uniq } from '../helpers/vs-fixtures.ts';

type Db = Kysely<Database>;

export async function insertActivity(
  db: Db,
  opts: {
    teamId: string;
    regionCode: string;
    leadAccountId: string;
    startsAt?: string;
    capacity?: number;
    confirmedCount?: number;
    status?: 'open' | 'cancelled' | 'completed';
    orderId?: string | null;
    title?: string;
  },
): Promise<string> {
  const id = crypto.randomUUID();
  const starts = opts.startsAt ?? START.toISOString();
  await db
    .insertInto('vs_activities')
    .values({
      id,
      order_id: opts.orderId ?? null,
      project_id: null,
      team_id: opts.teamId,
      title: opts.title ?? '测试活动',
      description: '测试',
      place: '村委会',
      region_code: opts.regionCode,
      starts_at: starts,
      ends_at: new Date(Date.parse(starts) + 3 * 3600_000).toISOString(),
      capacity: opts.capacity ?? 10,
      confirmed_count: opts.confirmedCount ?? 0,
      queue_seq: 0,
      skills: '[]',
      lead_account_id: opts.leadAccountId,
      code_secret_cipher: 'x',
      status: opts.status ?? 'completed',
      version: 1,
      created_by: opts.leadAccountId,
      is_demo: 0,
      created_at: START.toISOString(),
      updated_at: START.toISOString(),
    })
    .execute();
  return id;
}

export async function insertServiceRecord(
  db: Db,
  opts: {
    volunteerId: string;
    activityId: string;
    teamId: string;
    date: string;
    halfHours: number;
    status?: 'checked_in' | 'pending_confirmation' | 'confirmed' | 'rejected';
    confirmedBy?: string | null;
    content?: string;
    place?: string;
    evaluation?: string | null;
  },
): Promise<string> {
  const id = crypto.randomUUID();
  const status = opts.status ?? 'confirmed';
  const activity = await db
    .selectFrom('vs_activities')
    .select(['id', 'region_code'])
    .where('id', '=', opts.activityId)
    .executeTakeFirstOrThrow();
  const record = hourRecordRow(activity, {
    id,
    volunteer_id: opts.volunteerId,
    team_id: opts.teamId,
    service_date: opts.date,
    checked_in_at: `${opts.date}T01:00:00.000Z`,
    checked_out_at: `${opts.date}T04:00:00.000Z`,
    check_in_method: 'lead',
    check_out_method: 'lead',
    travel_minutes: 0,
    half_hours: opts.halfHours,
    content: opts.content ?? '助老服务',
    place: opts.place ?? '村委会',
    status,
    evaluation: opts.evaluation ?? null,
    confirmed_by: status === 'confirmed' ? (opts.confirmedBy ?? null) : null,
    confirmed_at: status === 'confirmed' ? `${opts.date}T05:00:00.000Z` : null,
    reject_reason: null,
    created_at: START.toISOString(),
    updated_at: START.toISOString(),
  });
  await insertHourRecords(db, [record]);
  return id;
}

/** A need on the order and its rating (VS-7). */
export async function insertRating(
  db: Db,
  pii: { encrypt(s: string): string },
  opts: {
    orderId: string;
    teamId: string;
    regionCode: string;
    categoryCode: string;
    stars: number;
    at?: string;
  },
): Promise<string> {
  const needId = crypto.randomUUID();
  const at = opts.at ?? START.toISOString();
  await db
    .insertInto('vs_needs')
    .values({
      id: needId,
      need_number: uniq('N'),
      region_code: opts.regionCode,
      category_code: opts.categoryCode,
      project_id: null,
      description: '需要帮助',
      place: '村委会',
      wanted_from: null,
      wanted_to: null,
      contact_name: '王大妈',
      contact_phone_cipher: pii.encrypt('13800001111'),
      contact_phone_masked: '138****1111',
      requester_account_id: null,
      resident_id: null,
      channel: 'phone',
      recorded_by: null,
      status: 'accepted',
      reject_reason: null,
      order_id: opts.orderId,
      reviewed_by: null,
      reviewed_at: null,
      is_demo: 0,
      created_at: at,
      updated_at: at,
    })
    .execute();
  const id = crypto.randomUUID();
  await db
    .insertInto('vs_ratings')
    .values({
      id,
      need_id: needId,
      order_id: opts.orderId,
      team_id: opts.teamId,
      stars: opts.stars,
      comment: '',
      rated_by: null,
      created_at: at,
    })
    .execute();
  return id;
}

export async function countRows(db: Db, table: keyof Database): Promise<number> {
  const r = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * Links the demo `volunteer` account to a fresh volunteer row made by `insert` (a volunteer the
 * demo seed may have linked is unlinked first, so the test knows every record of it).
 */
export async function demoVolunteer(
  db: Db,
  insert: (accountId: string) => Promise<string>,
): Promise<string> {
  const acc = await db
    .selectFrom('accounts')
    .select('id')
    .where('username', '=', 'volunteer')
    .executeTakeFirstOrThrow();
  await db
    .updateTable('vs_volunteers')
    .set({ account_id: null })
    .where('account_id', '=', acc.id)
    .execute();
  return insert(acc.id);
}

/** glyph code → text from a PDF's ToUnicode maps: the text of every TJ operator. */
export { pdfText } from './records.pdf-text.ts';
