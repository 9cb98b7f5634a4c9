/**
 * A matter is what a hand-off moves: an inquiry or a case. One shape for both — where it is, who
 * first responded, whether it is still open — and who may see it or receive it.
 */
import type { Kysely, Transaction } from 'kysely';
import type { CaseTable, Database } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { isPartyBound, type Actor, type Grant } from '../../shared/actor.ts';
import type { Role } from '../../shared/roles.ts';
import { STAFF_ROLES } from '../../shared/roles.ts';
import { agentMaySee } from '../agents/authorization.rules.ts';
import { canSeeCase } from '../cases/case-parties.ts';
import { TERMINAL_STATES } from '../cases/case.workflow.ts';
import type { HandoffFacts } from './handoff.rules.ts';

type Conn = Kysely<Database> | Transaction<Database>;
export type MatterType = 'case' | 'inquiry';

/** Who may record inquiries, hand matters on and receive them. */
export const HANDLER_ROLES = [
  'clerk',
  'agent',
  'town_officer',
  'district_officer',
] as const satisfies readonly Role[];

export interface Matter {
  type: MatterType;
  id: string;
  /** The inquiry's station region, or the case's accepting region. */
  regionCode: string;
  firstResponderId: string;
  open: boolean;
  /** The case number, or the start of the inquiry's question (for notices). */
  label: string;
  kase: CaseTable | null;
  /** An inquiry's parties: its first responder and everyone a hand-off of it came from or went to. */
  partyIds: string[];
}

export async function loadMatter(db: Conn, type: MatterType, id: string): Promise<Matter> {
  if (type === 'case') {
    const c = await db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
    if (!c) throw new AppError('CASE_NOT_FOUND');
    return {
      type,
      id,
      regionCode: c.accepting_region_code,
      firstResponderId: c.first_responder_id,
      open: !TERMINAL_STATES.includes(c.state),
      label: c.number,
      kase: c,
      partyIds: [c.first_responder_id],
    };
  }
  const q = await db.selectFrom('inquiries').selectAll().where('id', '=', id).executeTakeFirst();
  if (!q) throw new AppError('INQUIRY_NOT_FOUND');
  const handoffs = await matterHandoffs(db, type, id);
  return {
    type,
    id,
    regionCode: q.region_code,
    firstResponderId: q.first_responder_id,
    open: q.status === 'open',
    label: q.question.slice(0, 30),
    kase: null,
    partyIds: [
      ...new Set([
        q.first_responder_id,
        ...handoffs.flatMap((h) => [h.fromAccountId, h.toAccountId]),
      ]),
    ],
  };
}

/**
 * Inquiries: staff in reach of the station — an agent (party-bound) only when party to it (GS-6,
 * Cases: the case rules, agents only their own.
 */
function grantsSee(who: { accountId: string; grants: readonly Grant[] }, m: Matter): boolean {
  if (m.kase) return canSeeCase(who.grants, m.kase) && agentMaySee(who, m.kase);
  const party = m.partyIds.includes(who.accountId);
  return who.grants.some(
    (g) =>
      (STAFF_ROLES as readonly Role[]).includes(g.role) &&
      m.regionCode.startsWith(g.reachPrefix) &&
      (party || !isPartyBound(g)),
  );
}

export function canSeeMatter(actor: Actor, m: Matter): boolean {
  return grantsSee(actor, m);
}

/** A receiver must be handler staff who could see (and so work on) the matter. */
export function receiverReaches(accountId: string, grants: readonly Grant[], m: Matter): boolean {
  const handling = grants.filter((g) => (HANDLER_ROLES as readonly Role[]).includes(g.role));
  // Receiving an inquiry makes one a party to it: an agent in reach may be handed one.
  const asParty = { ...m, partyIds: [...m.partyIds, accountId] };
  return handling.length > 0 && grantsSee({ accountId, grants: handling }, asParty);
}

/** The grant an actor acts under on a matter (for the audit trail). */
export function grantOn(actor: Actor, m: Pick<Matter, 'regionCode'>): Grant | undefined {
  return (
    actor.grants.find(
      (g) =>
        (HANDLER_ROLES as readonly Role[]).includes(g.role) &&
        m.regionCode.startsWith(g.reachPrefix),
    ) ?? actor.grants.find((g) => m.regionCode.startsWith(g.reachPrefix))
  );
}

export async function matterHandoffs(
  db: Conn,
  type: MatterType,
  id: string,
): Promise<HandoffFacts[]> {
  const rows = await db
    .selectFrom('handoffs as h')
    .leftJoin('post_handoffs as ph', 'ph.handoff_id', 'h.id')
    .select(['h.seq', 'h.status', 'h.from_account_id', 'h.to_account_id', 'ph.post_id'])
    .where('h.entity_type', '=', type)
    .where('h.entity_id', '=', id)
    .execute();
  return rows.map((r) => ({
    seq: Number(r.seq),
    status: r.status,
    fromAccountId: r.from_account_id,
    toAccountId: r.to_account_id,
    postId: r.post_id,
  }));
}
