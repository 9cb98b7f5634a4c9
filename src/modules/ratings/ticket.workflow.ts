/**
 * GS-13: the rectification ticket of a 差评 as a transition table (pure). Services refuse by it; the
 * view carries `availableActions` from it and the web shows only those buttons.
 *   opened → called_back → classified → rectified | explained → resident_replied → closed
 * Overdue is not a state: a ticket past its due date escalates once (ratings.sweep.ts).
 */
import type { TicketClassification, TicketState } from '../../db/schema.ts';

export const TICKET_STATES = [
  'opened',
  'called_back',
  'classified',
  'rectified',
  'explained',
  'resident_replied',
  'closed',
] as const satisfies readonly TicketState[];
type Missing = Exclude<TicketState, (typeof TICKET_STATES)[number]>;
const _allStates: Missing extends never ? true : never = true;
void _allStates;

export const TICKET_ACTIONS = [
  'call_back',
  'classify',
  'rectify',
  'explain',
  'record_reply',
  'close',
] as const;
export type TicketAction = (typeof TICKET_ACTIONS)[number];

export const TICKET_TRANSITIONS = {
  call_back: { from: ['opened'], to: 'called_back' },
  classify: { from: ['called_back'], to: 'classified' },
  rectify: { from: ['classified'], to: 'rectified', needs: ['fix_now', 'fix_by_date'] },
  explain: { from: ['classified'], to: 'explained', needs: ['explain'] },
  record_reply: { from: ['rectified', 'explained'], to: 'resident_replied' },
  close: { from: ['resident_replied'], to: 'closed' },
} as const satisfies Record<
  TicketAction,
  { from: readonly TicketState[]; to: TicketState; needs?: readonly TicketClassification[] }
>;

/** The target state of an action from a state, or null when the table does not allow it. */
export function ticketTransition(
  state: TicketState,
  action: TicketAction,
  classification: TicketClassification | null,
): TicketState | null {
  const t: {
    from: readonly TicketState[];
    to: TicketState;
    needs?: readonly TicketClassification[];
  } = TICKET_TRANSITIONS[action];
  if (!t.from.includes(state)) return null;
  if (t.needs && (!classification || !t.needs.includes(classification))) return null;
  return t.to;
}

export function availableTicketActions(
  state: TicketState,
  classification: TicketClassification | null,
): TicketAction[] {
  return TICKET_ACTIONS.filter((a) => ticketTransition(state, a, classification) !== null);
}

export function isTicketOpen(state: TicketState): boolean {
  return state !== 'closed';
}

/** The ticket's working-day budget: default 5, complex 15; the call-back 1 (configurable). */
export interface TicketDeadlines {
  callbackDays: number;
  days: number;
  complexDays: number;
}
export const DEFAULT_TICKET_DEADLINES: TicketDeadlines = {
  callbackDays: 1,
  days: 5,
  complexDays: 15,
};
