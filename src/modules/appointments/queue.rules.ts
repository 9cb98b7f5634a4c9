/**
 * GS-10 the window queue, pure: ticket numbers per lane and day, the order 'call next' takes, and
 * the transition tables of bookings and tickets (the web shows only `availableActions`).
 *
 * The call order (one queue, two lanes, state here once):
 * 1. 绿色通道 first: a waiting ticket with a priority flag (elderly, disabled, pregnant), in issue order;
 * 2. then appointment-lane tickets whose slot window has begun (slot start ≤ now), by slot start,
 *    then issue order — an early arrival waits for its slot;
 * 3. then walk-in tickets, in issue order;
 * 4. then early appointment tickets (slot not yet begun), by slot start: a free clerk never idles.
 */
import type { BookingStatus, TicketLane, TicketPriority, TicketStatus } from '../../db/schema.ts';

export const LANES = ['A', 'B'] as const satisfies readonly TicketLane[];
export const PRIORITIES = [
  'elderly',
  'disabled',
  'pregnant',
] as const satisfies readonly TicketPriority[];

/** A001 … A999, then A1000: the lane letter and the day's number, at least three digits. */
export function ticketLabel(lane: TicketLane, n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError('ticket number must be ≥ 1');
  return `${lane}${String(n).padStart(3, '0')}`;
}

/** The counter row of a station's lane on a day (`counters.name`). */
export function ticketCounterName(stationId: string, date: string, lane: TicketLane): string {
  return `queue:${stationId}:${date}:${lane}`;
}

export interface WaitingTicket {
  id: string;
  lane: TicketLane;
  number: number;
  priority: TicketPriority | null;
  windowStartsAt: string | null;
  issuedAt: string;
}

function band(t: WaitingTicket, now: number): number {
  if (t.priority) return 0;
  if (t.lane === 'A' && t.windowStartsAt !== null && Date.parse(t.windowStartsAt) <= now) return 1;
  if (t.lane === 'B') return 2;
  return 3;
}

/** Waiting tickets in the order 'call next' takes them (see the rule above). */
export function callOrder(tickets: readonly WaitingTicket[], now: Date): WaitingTicket[] {
  const t = now.getTime();
  return [...tickets].sort((a, b) => {
    const d = band(a, t) - band(b, t);
    if (d !== 0) return d;
    if (a.lane === 'A' && b.lane === 'A' && a.windowStartsAt && b.windowStartsAt) {
      const w = Date.parse(a.windowStartsAt) - Date.parse(b.windowStartsAt);
      if (w !== 0) return w;
    }
    const i = Date.parse(a.issuedAt) - Date.parse(b.issuedAt);
    if (i !== 0) return i;
    return a.lane === b.lane ? a.number - b.number : a.lane < b.lane ? -1 : 1;
  });
}

export type BookingAction = 'cancel' | 'check_in';
/** What may happen to a booking in each state (no-show marking is the sweep's). */
export const BOOKING_ACTIONS = {
  booked: ['cancel', 'check_in'],
  checked_in: [],
  cancelled: [],
  no_show: [],
} as const satisfies Record<BookingStatus, readonly BookingAction[]>;

export type TicketAction = 'start' | 'recall' | 'skip' | 'finish' | 'file_case';
export const TICKET_ACTIONS = {
  waiting: ['skip'],
  called: ['start', 'recall', 'skip'],
  serving: ['finish', 'file_case'],
  done: [],
  skipped: [],
} as const satisfies Record<TicketStatus, readonly TicketAction[]>;

export function bookingActions(status: BookingStatus): readonly BookingAction[] {
  return BOOKING_ACTIONS[status];
}

export function ticketActions(status: TicketStatus, hasCase: boolean): readonly TicketAction[] {
  return TICKET_ACTIONS[status].filter((a) => !(a === 'file_case' && hasCase));
}

/**
 * Issue #14: the channel a case filed for a ticket records — a booked ticket (lane A) came by
 * appointment, a walk-in (lane B) to the window. Linking a case of another channel is refused.
 */
export function ticketCaseChannel(lane: TicketLane): 'appointment' | 'window' {
  return lane === 'A' ? 'appointment' : 'window';
}

/** The state a ticket action leads to (null: it keeps its state). */
export function ticketTarget(action: TicketAction): TicketStatus | null {
  switch (action) {
    case 'start':
      return 'serving';
    case 'recall':
      return 'called';
    case 'skip':
      return 'skipped';
    case 'finish':
      return 'done';
    case 'file_case':
      return null;
  }
}

/** Minutes between two instants (wait: issued → called; service: started → finished). */
export function minutesBetween(from: string | null, to: string | null): number | null {
  if (!from || !to) return null;
  return Math.round((Date.parse(to) - Date.parse(from)) / 60_000);
}

/** A name shown at a window beside the number: the family name and 某 (李某某). */
export function maskedName(fullName: string): string {
  const chars = [...fullName];
  if (chars.length === 0) return '';
  return chars[0] + '某'.repeat(Math.max(1, chars.length - 1));
}
