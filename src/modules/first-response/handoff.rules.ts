/**
 * 首问负责 (GS-4) as pure rules: who handles a matter now, who is accountable for it, who may hand
 * it on, and when a hand-off is overdue. No I/O.
 */
import { addWorkingDays, type WorkCalendar } from '../calendar/working-days.ts';
import { chinaDate } from '../../shared/china-time.ts';

export type HandoffStatus = 'pending' | 'accepted' | 'declined';

export interface HandoffFacts {
  seq: number;
  status: HandoffStatus;
  fromAccountId: string;
  toAccountId: string;
  /** GS-11: the post (AB岗) the hand-off was addressed to, if any. */
  postId?: string | null | undefined;
}

/** The default deadline of a hand-off, in working days. */
export const DEFAULT_HANDOFF_DAYS = 1;

/** The handler: the receiver of the latest accepted hand-off, else the first responder. */
export function handlerOf(firstResponderId: string, handoffs: readonly HandoffFacts[]): string {
  let last: HandoffFacts | null = null;
  for (const h of handoffs) if (h.status === 'accepted' && (!last || h.seq > last.seq)) last = h;
  return last ? last.toAccountId : firstResponderId;
}

/**
 * Who answers for the matter now: while a hand-off is pending the first responder stays
 * accountable; once no hand-off is pending, the handler (the first responder or the receiver who
 * accepted). The first responder itself never changes.
 */
export function accountableOf(firstResponderId: string, handoffs: readonly HandoffFacts[]): string {
  if (handoffs.some((h) => h.status === 'pending')) return firstResponderId;
  return handlerOf(firstResponderId, handoffs);
}

/**
 * GS-11: the post that handles the matter — the post of the latest accepted hand-off when it was
 * addressed to a post; null when a person handles it.
 */
export function handlingPostOf(handoffs: readonly HandoffFacts[]): string | null {
  let last: HandoffFacts | null = null;
  for (const h of handoffs) if (h.status === 'accepted' && (!last || h.seq > last.seq)) last = h;
  return last?.postId ?? null;
}

/**
 * Only the current handler or the first responder may hand a matter on (or close an inquiry).
 * GS-11: when a post handles it (`handlingPostOf`), so may whoever holds that post now
 * (`postHolderNow`: A, or B while A is away) — the matter follows the post, as hand-offs do.
 */
export function mayActOnMatter(
  accountId: string,
  firstResponderId: string,
  handoffs: readonly HandoffFacts[],
  postHolderNow: string | null = null,
): boolean {
  return (
    accountId === firstResponderId ||
    accountId === handlerOf(firstResponderId, handoffs) ||
    (postHolderNow !== null && handlingPostOf(handoffs) !== null && accountId === postHolderNow)
  );
}

/** Who answers for the matter as far as one hand-off goes. */
export function accountableForHandoff(h: {
  status: HandoffStatus;
  firstResponderId: string;
  fromAccountId: string;
  toAccountId: string;
}): string {
  switch (h.status) {
    case 'pending':
      return h.firstResponderId;
    case 'accepted':
      return h.toAccountId;
    case 'declined':
      return h.fromAccountId;
  }
}

/** The hand-off's deadline: `days` working days after the China date it was made. */
export function handoffDueDate(now: Date, days: number, cal: WorkCalendar): string {
  return addWorkingDays(chinaDate(now), days, cal);
}

/** Overdue: still pending once a China date after its due date has begun. */
export function isHandoffOverdue(
  h: { status: HandoffStatus; dueDate: string },
  now: Date,
): boolean {
  return h.status === 'pending' && chinaDate(now) > h.dueDate;
}
