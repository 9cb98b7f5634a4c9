/** Reading inquiries: staff in reach of the station; with who handles and answers for each now. */
import type { Kysely } from 'kysely';
import type { Database, InquiryTable } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { partyReach, regionReach, type Actor } from '../../shared/actor.ts';
import { STAFF_ROLES } from '../../shared/roles.ts';
import {
  cursorAfter,
  keysetQuery,
  listTotal,
  pageOf,
  type KeysetOrder,
} from '../../shared/keyset.ts';
import { accountableOf, handlerOf, type HandoffFacts } from './handoff.rules.ts';
import { canSeeMatter, loadMatter } from './matter.ts';
import { underPrefix } from '../../shared/region-range.ts';

type Row = InquiryTable & {
  resident_name: string | null;
  resident_id_masked: string | null;
  station_name: string;
  first_responder_name: string;
};

function inquiryQuery(db: Kysely<Database>) {
  return db
    .selectFrom('inquiries as q')
    .leftJoin('residents as p', 'p.id', 'q.resident_id')
    .innerJoin('stations as s', 's.id', 'q.station_id')
    .innerJoin('accounts as fr', 'fr.id', 'q.first_responder_id')
    .selectAll('q')
    .select([
      'p.full_name as resident_name',
      'p.id_masked as resident_id_masked',
      's.name as station_name',
      'fr.display_name as first_responder_name',
    ]);
}

function present(r: Row, handoffs: readonly HandoffFacts[]) {
  return {
    id: r.id,
    channel: r.channel,
    resident:
      r.resident_id !== null
        ? {
            id: r.resident_id,
            fullName: r.resident_name ?? '',
            idMasked: r.resident_id_masked ?? '',
          }
        : null,
    callerDescription: r.caller_description,
    question: r.question,
    itemCode: r.item_code,
    answer: r.answer,
    station: { id: r.station_id, name: r.station_name },
    regionCode: r.region_code,
    firstResponder: { id: r.first_responder_id, displayName: r.first_responder_name },
    handlerId: handlerOf(r.first_responder_id, handoffs),
    accountableId: accountableOf(r.first_responder_id, handoffs),
    caseId: r.case_id,
    status: r.status,
    closingNote: r.closing_note,
    closedAt: r.closed_at,
    createdAt: r.created_at,
  };
}

/** The hand-offs of several inquiries at once, grouped by inquiry. */
async function handoffsOf(db: Kysely<Database>, ids: readonly string[]) {
  const by = new Map<string, HandoffFacts[]>();
  if (ids.length === 0) return by;
  const rows = await db
    .selectFrom('handoffs')
    .select(['entity_id', 'seq', 'status', 'from_account_id', 'to_account_id'])
    .where('entity_type', '=', 'inquiry')
    .where('entity_id', 'in', ids)
    .execute();
  for (const r of rows) {
    const list = by.get(r.entity_id) ?? [];
    list.push({
      seq: Number(r.seq),
      status: r.status,
      fromAccountId: r.from_account_id,
      toAccountId: r.to_account_id,
    });
    by.set(r.entity_id, list);
  }
  return by;
}

export async function getInquiry(db: Kysely<Database>, input: { id: string; actor: Actor }) {
  const matter = await loadMatter(db, 'inquiry', input.id);
  if (!canSeeMatter(input.actor, matter)) throw new AppError('OUT_OF_SCOPE');
  const row = await inquiryQuery(db).where('q.id', '=', input.id).executeTakeFirstOrThrow();
  return present(row, (await handoffsOf(db, [row.id])).get(row.id) ?? []);
}

/**
 * Inquiries at stations in the caller's reach, newest first — for an agent, only those they are
 * party to (first responder, or a hand-off from or to them); `mine`: those the caller first
 * responded to or handles now (received by the last accepted hand-off).
 */
export interface InquiryFilter {
  actor: Actor;
  mine: boolean;
  stationId?: string | undefined;
  status?: 'open' | 'closed' | undefined;
}

/** The inquiries a filter selects in the caller's reach (unordered, unpaged). */
function filteredInquiries(db: Kysely<Database>, input: InquiryFilter) {
  const me = input.actor.accountId;
  const region = regionReach(input.actor, STAFF_ROLES);
  const party = partyReach(input.actor, STAFF_ROLES);
  if (region.length + party.length === 0) throw new AppError('FORBIDDEN');
  let q = inquiryQuery(db).where((eb) => {
    const isParty = eb.or([
      eb('q.first_responder_id', '=', me),
      eb.exists(
        eb
          .selectFrom('handoffs as ph')
          .select('ph.id')
          .whereRef('ph.entity_id', '=', 'q.id')
          .where('ph.entity_type', '=', 'inquiry')
          .where((x) => x.or([x('ph.from_account_id', '=', me), x('ph.to_account_id', '=', me)])),
      ),
    ]);
    return eb.or([
      ...region.map((p) => underPrefix('q.region_code', p)),
      ...party.map((p) => eb.and([underPrefix('q.region_code', p), isParty])),
    ]);
  });
  if (input.mine) {
    q = q.where((eb) =>
      eb.or([
        eb('q.first_responder_id', '=', me),
        eb.exists(
          eb
            .selectFrom('handoffs as h')
            .select('h.id')
            .whereRef('h.entity_id', '=', 'q.id')
            .where('h.entity_type', '=', 'inquiry')
            .where('h.status', '=', 'accepted')
            .where('h.to_account_id', '=', me)
            .where((inner) =>
              inner.not(
                inner.exists(
                  inner
                    .selectFrom('handoffs as later')
                    .select('later.id')
                    .whereRef('later.entity_id', '=', 'h.entity_id')
                    .where('later.entity_type', '=', 'inquiry')
                    .where('later.status', '=', 'accepted')
                    .whereRef('later.seq', '>', 'h.seq'),
                ),
              ),
            ),
        ),
      ]),
    );
  }
  if (input.stationId) q = q.where('q.station_id', '=', input.stationId);
  if (input.status) q = q.where('q.status', '=', input.status);
  return q;
}

async function presentAll(db: Kysely<Database>, rows: readonly Row[]) {
  const handoffs = await handoffsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => present(r, handoffs.get(r.id) ?? []));
}

export async function listInquiries(
  db: Kysely<Database>,
  input: InquiryFilter & { limit: number; offset: number },
) {
  const rows = await filteredInquiries(db, input)
    .orderBy('q.created_at', 'desc')
    .orderBy('q.id')
    .limit(input.limit)
    .offset(input.offset)
    .execute();
  return presentAll(db, rows);
}

/** Issue #16 p5: the same list, newest first, by keyset (shared/keyset.ts). */
export const INQUIRY_ORDER: KeysetOrder = {
  list: 'inquiries',
  key: 'q.created_at',
  keyKind: 'timestamp',
  id: 'q.id',
  direction: 'desc',
};

export async function pageInquiries(
  db: Kysely<Database>,
  input: InquiryFilter & { limit: number; after?: string | undefined },
) {
  const after = cursorAfter(INQUIRY_ORDER, input.after);
  const q = filteredInquiries(db, input);
  const rows = await keysetQuery(q, INQUIRY_ORDER, after, input.limit).execute();
  const { shown, nextCursor } = pageOf(rows, input.limit, INQUIRY_ORDER, (r) => ({
    key: r.created_at,
    id: r.id,
  }));
  const { total, totalExact } = await listTotal(db, q.clearSelect().select('q.id'));
  return { items: await presentAll(db, shown), nextCursor, total, totalExact };
}
