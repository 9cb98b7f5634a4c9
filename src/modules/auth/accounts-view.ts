/**
 * Issue #15 point 4: accounts as an administrator sees them — a filtered list and one
 * account, with the grants inside their reach and what they may do to it (`availableActions`).
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { authorize, reachPrefixes, type Actor } from '../../shared/actor.ts';
import type { Role } from '../../shared/roles.ts';
import { scopePrefix } from '../../shared/region-code.ts';
import { manageRefusal } from './accounts.rules.ts';
import {
  availableAccountActions,
  type AccountAction,
  type AccountStatus,
} from './account.workflow.ts';
import { linksOf, type AccountLinks } from './account-links.ts';
import type { LinkReach } from './account-links.rules.ts';
import { underAnyPrefix, underPrefix } from '../../shared/region-range.ts';
import { likeText } from '../../shared/like-pattern.ts';

export const ADMIN = ['admin'] as const satisfies readonly Role[];

export interface AccountListFilter {
  /** Part of the username or the display name (case-insensitive). */
  q?: string | undefined;
  role?: Role | undefined;
  status?: AccountStatus | undefined;
  /** Accounts with a grant inside this region (it must lie inside the administrator's reach). */
  regionCode?: string | undefined;
}

export interface AccountFilter extends AccountListFilter {
  limit: number;
  offset: number;
}

export interface AccountGrantView {
  id: string;
  role: string;
  regionCode: string;
  regionName: string | null;
  stationId: string | null;
  stationName: string | null;
}

export interface AccountView {
  id: string;
  username: string;
  displayName: string;
  status: AccountStatus;
  phoneMasked: string | null;
  residentId: string | null;
  createdAt: string;
  /** The grants inside the administrator's reach (grants elsewhere are not theirs to see). */
  grants: AccountGrantView[];
  availableActions: AccountAction[];
  /** Issue #15 point 4: the linked resident and volunteer records, and which links may change. */
  resident: AccountLinks['resident'];
  volunteer: AccountLinks['volunteer'];
  linkActions: AccountLinks['linkActions'];
}

type Db = Kysely<Database> | Transaction<Database>;

/** The accounts a filter selects among those with a grant in the administrator's reach (unordered, unpaged). */
export async function filteredAccounts(
  db: Kysely<Database>,
  input: { actor: Actor; filter: AccountListFilter },
) {
  const { actor, filter } = input;
  const reach = reachPrefixes(actor, ADMIN);
  if (reach.length === 0) throw new AppError('FORBIDDEN');
  let regionPrefix: string | null = null;
  if (filter.regionCode !== undefined) {
    authorize(actor, ADMIN, filter.regionCode);
    const region = await db
      .selectFrom('regions')
      .select(['code', 'level'])
      .where('code', '=', filter.regionCode)
      .executeTakeFirst();
    if (!region) throw new AppError('UNKNOWN_REGION', { detail: filter.regionCode });
    regionPrefix = scopePrefix(region.code, region.level);
  }
  let query = db
    .selectFrom('accounts as a')
    .select(['a.id', 'a.username', 'a.display_name', 'a.status', 'a.phone_masked'])
    .select(['a.resident_id', 'a.created_at'])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('role_grants as g')
          .select(sql`1`.as('one'))
          .whereRef('g.account_id', '=', 'a.id')
          .where((inner) =>
            inner.and([
              underAnyPrefix('g.region_code', reach),
              ...(filter.role ? [inner('g.role', '=', filter.role)] : []),
              ...(regionPrefix ? [underPrefix('g.region_code', regionPrefix)] : []),
            ]),
          ),
      ),
    );
  if (filter.status) query = query.where('a.status', '=', filter.status);
  if (filter.q) {
    const text = filter.q.toLowerCase();
    query = query.where((eb) =>
      eb.or([
        likeText(eb, eb.fn<string>('lower', ['a.username']), text),
        likeText(eb, eb.fn<string>('lower', ['a.display_name']), text),
      ]),
    );
  }
  return query;
}

type AccountRow =
  Awaited<ReturnType<typeof filteredAccounts>> extends {
    execute(): Promise<(infer R)[]>;
  }
    ? R
    : never;

/** The rows as this administrator sees them: grants in reach, actions, links. */
export async function presentAccounts(
  db: Kysely<Database>,
  input: { actor: Actor; linkReach: LinkReach },
  rows: readonly AccountRow[],
): Promise<AccountView[]> {
  const { actor } = input;
  if (rows.length === 0) return [];
  const reach = reachPrefixes(actor, ADMIN);
  const grants = await grantsOf(
    db,
    rows.map((r) => r.id),
  );
  const links = await linksOf(db, { accountIds: rows.map((r) => r.id), reach: input.linkReach });
  return rows.map((a) => {
    const own = grants.filter((g) => g.accountId === a.id);
    const refusal = manageRefusal({
      actorAccountId: actor.accountId,
      accountId: a.id,
      reach,
      grantRegionCodes: own.map((g) => g.regionCode),
    });
    return {
      id: a.id,
      username: a.username,
      displayName: a.display_name,
      status: a.status,
      phoneMasked: a.phone_masked,
      residentId: a.resident_id,
      createdAt: new Date(a.created_at).toISOString(),
      grants: own
        .filter((g) => reach.some((p) => g.regionCode.startsWith(p)))
        .map(({ accountId: _, ...g }) => g),
      availableActions: availableAccountActions(a.status, refusal === null),
      ...links.get(a.id)!,
    };
  });
}

/** By username (unique; the keyset list orders the same way, accounts-page.ts). */
export async function listAccounts(
  db: Kysely<Database>,
  input: { actor: Actor; filter: AccountFilter; linkReach: LinkReach },
): Promise<AccountView[]> {
  const query = await filteredAccounts(db, input);
  const rows = await query
    .orderBy('a.username')
    .limit(input.filter.limit)
    .offset(input.filter.offset)
    .execute();
  return presentAccounts(db, input, rows);
}

export async function grantsOf(db: Db, accountIds: string[]) {
  const rows = await db
    .selectFrom('role_grants as g')
    .leftJoin('regions as r', 'r.code', 'g.region_code')
    .leftJoin('stations as s', 's.id', 'g.station_id')
    .select(['g.id', 'g.account_id', 'g.role', 'g.region_code', 'g.station_id'])
    .select(['r.name as region_name', 's.name as station_name'])
    .where('g.account_id', 'in', accountIds)
    .orderBy('g.created_at')
    .orderBy('g.id')
    .execute();
  return rows.map((g) => ({
    accountId: g.account_id,
    id: g.id,
    role: g.role,
    regionCode: g.region_code,
    regionName: g.region_name,
    stationId: g.station_id,
    stationName: g.station_name,
  }));
}

/** One account as this administrator sees it (ACCOUNT_NOT_FOUND when no grant of it is in reach). */
export async function getAccount(
  db: Kysely<Database>,
  input: { actor: Actor; accountId: string; linkReach: LinkReach },
): Promise<AccountView> {
  const reach = reachPrefixes(input.actor, ADMIN);
  const a = await db
    .selectFrom('accounts')
    .select(['id', 'username', 'display_name', 'status', 'phone_masked', 'resident_id'])
    .select('created_at')
    .where('id', '=', input.accountId)
    .executeTakeFirst();
  const grants = a ? await grantsOf(db, [a.id]) : [];
  const seen = grants.filter((g) => reach.some((p) => g.regionCode.startsWith(p)));
  if (!a || seen.length === 0) throw new AppError('ACCOUNT_NOT_FOUND');
  const refusal = manageRefusal({
    actorAccountId: input.actor.accountId,
    accountId: a.id,
    reach,
    grantRegionCodes: grants.map((g) => g.regionCode),
  });
  const links = await linksOf(db, { accountIds: [a.id], reach: input.linkReach });
  return {
    id: a.id,
    username: a.username,
    displayName: a.display_name,
    status: a.status,
    phoneMasked: a.phone_masked,
    residentId: a.resident_id,
    createdAt: new Date(a.created_at).toISOString(),
    grants: seen.map(({ accountId: _, ...g }) => g),
    availableActions: availableAccountActions(a.status, refusal === null),
    ...links.get(a.id)!,
  };
}
