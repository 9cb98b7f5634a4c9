/**
 * GS-13: a logged-in resident's own side of 好差评 — the finished services still to rate (delivered
 * cases, answered inquiries, done home visits without a first rating) and the ratings given, with
 * the state of a 差评's rectification ticket and the outcome the unit recorded (the reply the
 * resident gets). Never another resident's rows; never who handled the ticket.
 */
import type { Kysely } from 'kysely';
import type { Database, RatingSubjectType } from '../../db/schema.ts';
import type { Actor } from '../../shared/actor.ts';
import { parseJsonColumn } from '../../db/json-column.ts';
import { homeVisitNumber } from './home-visit-subject.ts';
import { StoredReasonCodes } from './ratings.stored.ts';

const LIMIT = 50;

interface Finished {
  subjectType: RatingSubjectType;
  subjectId: string;
  number: string;
  itemCode: string | null;
  completedAt: string;
}

async function finishedServices(db: Kysely<Database>, residentId: string): Promise<Finished[]> {
  const cases = await db
    .selectFrom('cases')
    .select(['id', 'number', 'item_code', 'updated_at'])
    .where('applicant_id', '=', residentId)
    .where('state', 'in', ['delivered', 'closed'])
    .orderBy('updated_at', 'desc')
    .limit(LIMIT)
    .execute();
  const visits = await db
    .selectFrom('home_visits')
    .select(['id', 'item_code', 'visited_at', 'created_at'])
    .where('resident_id', '=', residentId)
    .where('status', '=', 'done')
    .orderBy('visited_at', 'desc')
    .limit(LIMIT)
    .execute();
  return [
    ...cases.map((c) => ({
      subjectType: 'case' as const,
      subjectId: c.id,
      number: c.number,
      itemCode: c.item_code,
      completedAt: c.updated_at,
    })),
    ...visits.map((v) => ({
      subjectType: 'home_visit' as const,
      subjectId: v.id,
      number: homeVisitNumber(v),
      itemCode: v.item_code,
      completedAt: v.visited_at ?? v.created_at,
    })),
  ];
}

async function itemNames(db: Kysely<Database>, codes: (string | null)[]) {
  const wanted = [...new Set(codes.filter((c): c is string => c !== null))];
  if (wanted.length === 0) return new Map<string, { zh: string; en: string }>();
  const rows = await db
    .selectFrom('catalog_items')
    .select(['code', 'name_zh', 'name_en'])
    .where('code', 'in', wanted)
    .execute();
  return new Map(rows.map((r) => [r.code, { zh: r.name_zh, en: r.name_en }]));
}

export async function myRatings(db: Kysely<Database>, input: { actor: Actor }) {
  const residentId = input.actor.residentId;
  // An account with no resident record (e.g. a guardian) has nothing to rate yet.
  if (!residentId) return { toRate: [], rated: [] };
  const finished = await finishedServices(db, residentId);
  const ids = finished.map((f) => f.subjectId);
  const given = ids.length
    ? await db
        .selectFrom('ratings as r')
        .leftJoin('rating_tickets as t', 't.rating_id', 'r.id')
        .select([
          'r.id',
          'r.subject_type',
          'r.subject_id',
          'r.kind',
          'r.level',
          'r.reason_codes',
          'r.comment',
          'r.rated_at',
          't.state as ticket_state',
          't.classification',
          't.outcome',
          't.called_back_at',
          't.closed_at',
        ])
        .where('r.subject_id', 'in', ids)
        .orderBy('r.rated_at', 'desc')
        .orderBy('r.id')
        .execute()
    : [];
  const names = await itemNames(
    db,
    finished.map((f) => f.itemCode),
  );
  const bySubject = new Map(finished.map((f) => [`${f.subjectType}:${f.subjectId}`, f]));
  const kindsOf = (f: Finished) =>
    given
      .filter((g) => g.subject_type === f.subjectType && g.subject_id === f.subjectId)
      .map((g) => g.kind);
  return {
    toRate: finished
      .filter((f) => !kindsOf(f).includes('first'))
      .sort((a, b) => b.completedAt.localeCompare(a.completedAt))
      .map((f) => ({
        subjectType: f.subjectType,
        subjectId: f.subjectId,
        number: f.number,
        itemName: f.itemCode ? (names.get(f.itemCode) ?? null) : null,
        completedAt: f.completedAt,
      })),
    rated: given.flatMap((g) => {
      const f = bySubject.get(`${g.subject_type}:${g.subject_id}`);
      if (!f) return [];
      return [
        {
          id: g.id,
          subjectType: f.subjectType,
          subjectId: f.subjectId,
          number: f.number,
          itemName: f.itemCode ? (names.get(f.itemCode) ?? null) : null,
          kind: g.kind,
          level: g.level,
          reasons: parseJsonColumn(StoredReasonCodes, g.reason_codes, 'ratings.reason_codes'),
          comment: g.comment,
          ratedAt: g.rated_at,
          followUpAllowed: g.kind === 'first' && !kindsOf(f).includes('follow_up'),
          ticket: g.ticket_state
            ? {
                state: g.ticket_state,
                classification: g.classification,
                outcome: g.outcome,
                calledBackAt: g.called_back_at,
                closedAt: g.closed_at,
              }
            : null,
        },
      ];
    }),
  };
}
