/**
 * Issue #16 point 5: the administrator's account list by keyset — by username (unique), as the
 * offset list — through the kernel (shared/keyset.ts): an opaque cursor after the last row, a total
 * exact when cheap and the planner's estimate when not (`totalExact` says which).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../shared/actor.ts';
import {
  cursorAfter,
  keysetQuery,
  listTotal,
  pageOf,
  type KeysetOrder,
} from '../../shared/keyset.ts';
import type { LinkReach } from './account-links.rules.ts';
import { filteredAccounts, presentAccounts, type AccountListFilter } from './accounts-view.ts';

export const ACCOUNT_ORDER: KeysetOrder = {
  list: 'accounts',
  key: 'a.username',
  keyKind: 'text',
  id: 'a.id',
  direction: 'asc',
};

export async function pageAccounts(
  db: Kysely<Database>,
  input: {
    actor: Actor;
    filter: AccountListFilter & { limit: number; after?: string | undefined };
    linkReach: LinkReach;
  },
) {
  const { limit } = input.filter;
  const after = cursorAfter(ACCOUNT_ORDER, input.filter.after);
  const q = await filteredAccounts(db, input);
  const rows = await keysetQuery(q, ACCOUNT_ORDER, after, limit).execute();
  const { shown, nextCursor } = pageOf(rows, limit, ACCOUNT_ORDER, (r) => ({
    key: r.username,
    id: r.id,
  }));
  const { total, totalExact } = await listTotal(db, q.clearSelect().select('a.id'));
  return { items: await presentAccounts(db, input, shown), nextCursor, total, totalExact };
}
