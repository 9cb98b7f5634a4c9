/**
 * Issue #16 point 5: the posts and the absences lists by keyset, in their lists' orders — posts by
 * region, name, then id (tuple keyset, shared/keyset-tuple.ts); absences soonest start first, then
 * id (the kernel, shared/keyset.ts). An opaque cursor after the last row; a total exact when cheap,
 * estimated when not (`totalExact`); a cursor we did not make is a 400 CURSOR_INVALID.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import {
  cursorAfter,
  keysetQuery,
  listTotal,
  pageOf,
  type KeysetOrder,
} from '../../shared/keyset.ts';
import {
  tupleCursorAfter,
  tupleKeysetQuery,
  tuplePageOf,
  type TupleKeysetOrder,
} from '../../shared/keyset-tuple.ts';
import { filteredAbsences, presentAbsences, type AbsenceFilter } from './absences.service.ts';
import { filteredPosts, presentPost, type PostFilter } from './posts.service.ts';
import type { PostView } from './posts.schema.ts';

interface Paging {
  limit: number;
  after?: string | undefined;
}

export const POST_ORDER: TupleKeysetOrder = {
  list: 'posts',
  columns: [
    { column: 'region_code', kind: 'text' },
    { column: 'name', kind: 'text' },
    { column: 'id', kind: 'uuid' },
  ],
};

export async function pagePosts(db: Kysely<Database>, input: PostFilter & Paging & { now: Date }) {
  const after = tupleCursorAfter(POST_ORDER, input.after);
  const q = filteredPosts(db, input);
  if (!q) return { items: [], nextCursor: null, total: 0, totalExact: true };
  const rows = await tupleKeysetQuery(q, POST_ORDER, after, input.limit).execute();
  const { shown, nextCursor } = tuplePageOf(rows, input.limit, POST_ORDER, (r) => [
    r.region_code,
    r.name,
    r.id,
  ]);
  const { total, totalExact } = await listTotal(db, q.clearSelect().select('id'));
  const items: PostView[] = [];
  for (const p of shown) items.push(await presentPost(db, p, input.actor, input.now));
  return { items, nextCursor, total, totalExact };
}

export const ABSENCE_ORDER: KeysetOrder = {
  list: 'post-absences',
  key: 'x.starts_at',
  keyKind: 'timestamp',
  id: 'x.id',
  direction: 'asc',
};

export async function pageAbsences(db: Kysely<Database>, input: AbsenceFilter & Paging) {
  const after = cursorAfter(ABSENCE_ORDER, input.after);
  const q = filteredAbsences(db, input);
  const rows = await keysetQuery(q, ABSENCE_ORDER, after, input.limit).execute();
  const { shown, nextCursor } = pageOf(rows, input.limit, ABSENCE_ORDER, (r) => ({
    key: r.starts_at,
    id: r.id,
  }));
  const { total, totalExact } = await listTotal(db, q.clearSelect().select('x.id'));
  return { items: await presentAbsences(db, shown, input.actor), nextCursor, total, totalExact };
}
