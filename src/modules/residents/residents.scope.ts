/**
 * Which residents a caller reads (X-2, GS-6): staff every resident their grant reaches; an agent
 * only the residents in reach who authorized them (a live authorization of any items).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import {
  assertAgentMaySeeResident,
  liveAuthorizedResidentIds,
} from '../agents/authorization.check.ts';
import {
  authorize,
  isPartyBound,
  partyReach,
  regionReach,
  standingIn,
  type Actor,
  type Grant,
} from '../../shared/actor.ts';
import type { Role } from '../../shared/roles.ts';

/** The list filter's parts: full prefixes, and prefixes where only authorized residents count. */
export function residentReach(
  db: Kysely<Database>,
  actor: Actor,
  roles: readonly Role[],
  now: Date,
) {
  const region = regionReach(actor, roles);
  const party = partyReach(actor, roles);
  if (region.length + party.length === 0) throw new AppError('FORBIDDEN');
  return {
    region,
    party,
    authorized: liveAuthorizedResidentIds(db, { agentAccountId: actor.accountId, now }),
  };
}

/**
 * The grant under which the actor reaches this resident, or a refusal: FORBIDDEN / OUT_OF_SCOPE as
 * `authorize` says, AUTHORIZATION_MISSING / _EXPIRED for an agent the resident has not authorized.
 */
export async function residentGrant(
  db: Kysely<Database>,
  input: {
    actor: Actor;
    roles: readonly Role[];
    resident: { id: string; home_region_code: string };
    now: Date;
  },
): Promise<Grant> {
  const { actor, roles, resident } = input;
  const code = resident.home_region_code;
  const standing = standingIn(actor, roles, code);
  if (standing === 'none') return authorize(actor, roles, code); // throws
  if (standing === 'party') {
    await assertAgentMaySeeResident(db, {
      agentAccountId: actor.accountId,
      residentId: resident.id,
      now: input.now,
    });
  }
  const wantParty = standing === 'party';
  return actor.grants.find(
    (g) =>
      roles.includes(g.role) && isPartyBound(g) === wantParty && code.startsWith(g.reachPrefix),
  )!;
}
