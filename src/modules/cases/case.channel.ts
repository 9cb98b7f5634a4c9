/**
 * Issue #14 point 3 (GS-10): how a case reached Doorstep. A case records its channel: at the window,
 * from an appointment, on a home visit, through a village agent, online (不打烊) or by phone. Pure.
 */
import type { CaseChannel as StoredCaseChannel } from '../../db/schema.ts';
import type { Channel } from '../catalog/catalog.schema.ts';

export const CASE_CHANNELS = [
  'window',
  'appointment',
  'home_visit',
  'agent',
  'online',
  'phone',
] as const;
export type CaseChannel = (typeof CASE_CHANNELS)[number];
// The column's union (db/schema/cases.ts) and this list cannot drift: checked both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameAsColumn: Same<CaseChannel, StoredCaseChannel> = true;
void sameAsColumn;

/** What staff may record when they file: `online` belongs to the resident's own filing. */
export const STAFF_CHANNELS = [
  'window',
  'appointment',
  'home_visit',
  'agent',
  'phone',
] as const satisfies readonly CaseChannel[];
export type StaffChannel = (typeof STAFF_CHANNELS)[number];

export type ChannelDecision =
  | { allowed: true; channel: CaseChannel }
  | { allowed: false; channel: CaseChannel; offered: readonly Channel[] };

/**
 * The channel a filing records. Omitted, it is `agent` for an agent's filing and `window` otherwise.
 * 赶集式: any item can be handled at any station's window, and staff may take a matter by phone; an
 * agent's filing is governed by the resident's authorization (GS-6, checked before this). An
 * appointment, a home visit or online filing needs the item to offer that channel.
 */
export function decideChannel(input: {
  requested: CaseChannel | undefined;
  filedByAgent: boolean;
  offered: readonly Channel[];
}): ChannelDecision {
  const channel = input.requested ?? (input.filedByAgent ? 'agent' : 'window');
  if (channel === 'window' || channel === 'phone') return { allowed: true, channel };
  if (channel === 'agent' && input.filedByAgent) return { allowed: true, channel };
  if ((input.offered as readonly string[]).includes(channel)) return { allowed: true, channel };
  return { allowed: false, channel, offered: input.offered };
}
