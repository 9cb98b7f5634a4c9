/**
 * Issue #15 point 4: an account's links as the account pages show them — the resident record and
 * the volunteer record linked to it (read from those records' tables; the links are changed by
 * residents' resident-account-link.ts and volunteers' volunteer-account-link.ts), what the caller
 * may change (account-links.rules.ts), and the accounts a linker may pick when linking a record
 * (by name, username or the full mobile number; only accounts with a grant inside the linker's
 * reach, as the accounts list does).
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../shared/actor.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import { AppError } from '../../shared/problem.ts';
import { normaliseMobile, phoneLookupHash } from './account-phone.ts';
import {
  accountLinkActions,
  type AccountLinkAction,
  type LinkReach,
} from './account-links.rules.ts';
import type { Capability, CapabilityResolver } from './capability-names.ts';
import { underAnyPrefix } from '../../shared/region-range.ts';
import { likeText } from '../../shared/like-pattern.ts';

export interface LinkedRecords {
  resident: { id: string; fullName: string; homeRegionCode: string } | null;
  volunteer: {
    id: string;
    fullName: string;
    volunteerNumber: string;
    homeRegionCode: string;
  } | null;
}

export interface AccountLinks extends LinkedRecords {
  linkActions: AccountLinkAction[];
}

/** The capability that lets a grant link each kind of record. */
export const LINK_CAPABILITY = {
  resident: 'residents.login',
  volunteer: 'volunteers.staff',
} as const satisfies Record<keyof LinkReach, Capability>;

/** The caller's reach for each kind of link: their grants that give its capability. */
export function linkReachOf(actor: Actor, capabilities: CapabilityResolver): LinkReach {
  const reach = (capability: Capability) =>
    actor.grants
      .filter((g) => capabilities.ofGrant(g).includes(capability))
      .map((g) => g.reachPrefix);
  return { resident: reach(LINK_CAPABILITY.resident), volunteer: reach(LINK_CAPABILITY.volunteer) };
}

/** The records linked to each of these accounts, with what the caller may change. */
export async function linksOf(
  db: Kysely<Database>,
  input: { accountIds: string[]; reach: LinkReach },
): Promise<Map<string, AccountLinks>> {
  const out = new Map<string, AccountLinks>();
  if (input.accountIds.length === 0) return out;
  const [residents, volunteers] = await Promise.all([
    db
      .selectFrom('accounts as a')
      .innerJoin('residents as r', 'r.id', 'a.resident_id')
      .select(['a.id as account_id', 'r.id', 'r.full_name', 'r.home_region_code'])
      .where('a.id', 'in', input.accountIds)
      .execute(),
    db
      .selectFrom('vs_volunteers')
      .select(['account_id', 'id', 'full_name', 'volunteer_number', 'home_region_code'])
      .where('account_id', 'in', input.accountIds)
      .execute(),
  ]);
  for (const id of input.accountIds) {
    const r = residents.find((x) => x.account_id === id);
    const v = volunteers.find((x) => x.account_id === id);
    const resident = r
      ? { id: r.id, fullName: r.full_name, homeRegionCode: r.home_region_code }
      : null;
    const volunteer = v
      ? {
          id: v.id,
          fullName: v.full_name,
          volunteerNumber: v.volunteer_number,
          homeRegionCode: v.home_region_code,
        }
      : null;
    out.set(id, {
      resident,
      volunteer,
      linkActions: accountLinkActions({
        reach: input.reach,
        residentHome: resident?.homeRegionCode ?? null,
        volunteerHome: volunteer?.homeRegionCode ?? null,
      }),
    });
  }
  return out;
}

export interface LinkCandidate {
  id: string;
  username: string;
  displayName: string;
  phoneMasked: string | null;
  status: 'active' | 'disabled';
  /** Already linked to a record of this kind (linking it again is refused). */
  linked: boolean;
}

/**
 * Accounts a linker may pick for a record of this kind: a grant inside the caller's reach for the
 * kind, matching the username or name (part of it) or the full mobile number (exactly).
 */
export async function linkCandidates(
  deps: { db: Kysely<Database>; pii: PiiCipher },
  input: { reach: LinkReach; kind: keyof LinkReach; q: string; limit: number },
): Promise<LinkCandidate[]> {
  const { db, pii } = deps;
  const reach = input.reach[input.kind];
  if (reach.length === 0) throw new AppError('FORBIDDEN');
  const mobile = normaliseMobile(input.q);
  const text = input.q.toLowerCase();
  const rows = await db
    .selectFrom('accounts as a')
    .select(['a.id', 'a.username', 'a.display_name', 'a.phone_masked', 'a.status', 'a.resident_id'])
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('vs_volunteers as v')
            .select(sql`1`.as('one'))
            .whereRef('v.account_id', '=', 'a.id'),
        )
        .as('has_volunteer'),
    )
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('role_grants as g')
          .select(sql`1`.as('one'))
          .whereRef('g.account_id', '=', 'a.id')
          .where(underAnyPrefix('g.region_code', reach)),
      ),
    )
    .where((eb) =>
      eb.or([
        likeText(eb, eb.fn<string>('lower', ['a.username']), text),
        likeText(eb, eb.fn<string>('lower', ['a.display_name']), text),
        ...(mobile ? [eb('a.phone_hash', '=', phoneLookupHash(pii, mobile))] : []),
      ]),
    )
    .orderBy('a.username')
    .limit(input.limit)
    .execute();
  return rows.map((a) => ({
    id: a.id,
    username: a.username,
    displayName: a.display_name,
    phoneMasked: a.phone_masked,
    status: a.status,
    linked: input.kind === 'resident' ? a.resident_id !== null : Boolean(a.has_volunteer),
  }));
}
