/**
 * Issue #16 point 5: authorizations by keyset — newest first (created_at desc, id asc), as the
 * offset list — through the kernel (shared/keyset.ts): an opaque cursor after the last row, a
 * total exact when cheap and the planner's estimate when not (`totalExact` says which).
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
  filteredAuthorizations,
  presentAuthorization,
  type AuthorizationFilter,
} from './authorization.service.ts';

export const AUTHORIZATION_ORDER: KeysetOrder = {
  list: 'authorizations',
  key: 'z.created_at',
  keyKind: 'timestamp',
  id: 'z.id',
  direction: 'desc',
};

export async function pageAuthorizations(
  db: Kysely<Database>,
  input: AuthorizationFilter & { limit: number; after?: string | undefined },
) {
  const after = cursorAfter(AUTHORIZATION_ORDER, input.after);
  const q = filteredAuthorizations(db, input);
  const rows = await keysetQuery(q, AUTHORIZATION_ORDER, after, input.limit).execute();
  const { shown, nextCursor } = pageOf(rows, input.limit, AUTHORIZATION_ORDER, (r) => ({
    key: r.created_at,
    id: r.id,
  }));
  const { total, totalExact } = await listTotal(db, q.clearSelect().select('z.id'));
  return {
    items: shown.map((r) => presentAuthorization(r, input.now)),
    nextCursor,
    total,
    totalExact,
  };
}
