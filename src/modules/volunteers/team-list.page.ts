/**
 * Issue #16 p5: the team list by keyset — in the unpaged list's order (region, then creation,
 * then id), through the kernel's keyset paging (shared/keyset.ts); a province has 40k teams.
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../shared/actor.ts';
import {
  cursorAfter,
  keysetQuery,
  listTotal,
  pageOf,
  type KeysetOrder,
} from '../../shared/keyset.ts';
import { teamsLedBy } from '../../shared/team-tree.ts';
import { filteredTeams, teamView } from './teams.service.ts';
import type { TeamQuery } from './volunteers.schema.ts';

export const TEAM_ORDER: KeysetOrder = {
  list: 'vs-teams',
  key: 't.region_code',
  keyKind: 'text',
  then: { key: 't.created_at', keyKind: 'timestamp' },
  id: 't.id',
  direction: 'asc',
};

export async function pageTeams(
  db: Kysely<Database>,
  input: z.infer<typeof TeamQuery> & { actor: Actor; limit: number; after?: string | undefined },
) {
  const after = cursorAfter(TEAM_ORDER, input.after);
  const q = await filteredTeams(db, input);
  const rows = await keysetQuery(q, TEAM_ORDER, after, input.limit).execute();
  const { shown, nextCursor } = pageOf(rows, input.limit, TEAM_ORDER, (r) => ({
    key: r.region_code,
    then: r.created_at,
    id: r.id,
  }));
  const { total, totalExact } = await listTotal(db, q.clearSelect().select('t.id'));
  const led = new Set(await teamsLedBy(db, input.actor.accountId));
  return { items: shown.map((r) => teamView(r, led)), nextCursor, total, totalExact };
}
