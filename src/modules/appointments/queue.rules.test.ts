import { describe, expect, it } from 'vitest';
import {
  BOOKING_ACTIONS,
  callOrder,
  maskedName,
  minutesBetween,
  ticketActions,
  ticketCaseChannel,
  ticketCounterName,
  ticketLabel,
  ticketTarget,
  TICKET_ACTIONS,
  type WaitingTicket,
} from './queue.rules.ts';

const now = new Date('2026-03-03T02:00:00.000Z'); // 10:00 China time
function tk(id: string, p: Partial<WaitingTicket>): WaitingTicket {
  return {
    id,
    lane: 'B',
    number: 1,
    priority: null,
    windowStartsAt: null,
    issuedAt: '2026-03-03T01:00:00.000Z',
    ...p,
  };
}

describe('GS-10 ticket numbers', () => {
  it('lane letter and three digits per day', () => {
    expect(ticketLabel('A', 1)).toBe('A001');
    expect(ticketLabel('B', 42)).toBe('B042');
    expect(ticketLabel('A', 1000)).toBe('A1000');
    expect(() => ticketLabel('A', 0)).toThrow(RangeError);
  });
  it('one counter per station, day and lane', () => {
    expect(ticketCounterName('s1', '2026-03-03', 'A')).not.toBe(
      ticketCounterName('s1', '2026-03-03', 'B'),
    );
    expect(ticketCounterName('s1', '2026-03-03', 'A')).not.toBe(
      ticketCounterName('s1', '2026-03-04', 'A'),
    );
  });
});

describe("GS-10 'call next' order", () => {
  it('priority first, then due appointments, then walk-ins, then early appointments', () => {
    const order = callOrder(
      [
        tk('early-A', {
          lane: 'A',
          windowStartsAt: '2026-03-03T02:30:00.000Z',
          issuedAt: '2026-03-03T00:10:00.000Z',
        }),
        tk('walk-1', { issuedAt: '2026-03-03T00:20:00.000Z' }),
        tk('due-A', {
          lane: 'A',
          windowStartsAt: '2026-03-03T02:00:00.000Z',
          issuedAt: '2026-03-03T01:50:00.000Z',
        }),
        tk('prio-walk', { priority: 'elderly', issuedAt: '2026-03-03T01:55:00.000Z' }),
      ],
      now,
    );
    expect(order.map((t) => t.id)).toEqual(['prio-walk', 'due-A', 'walk-1', 'early-A']);
  });

  it('due appointments by slot start, not by arrival', () => {
    const order = callOrder(
      [
        tk('late-slot', {
          lane: 'A',
          windowStartsAt: '2026-03-03T01:30:00.000Z',
          issuedAt: '2026-03-03T00:00:00.000Z',
        }),
        tk('early-slot', {
          lane: 'A',
          windowStartsAt: '2026-03-03T01:00:00.000Z',
          issuedAt: '2026-03-03T01:40:00.000Z',
        }),
      ],
      now,
    );
    expect(order.map((t) => t.id)).toEqual(['early-slot', 'late-slot']);
  });

  it('walk-ins in issue order; several priorities in issue order', () => {
    const order = callOrder(
      [
        tk('b2', { number: 2, issuedAt: '2026-03-03T01:10:00.000Z' }),
        tk('p2', { priority: 'pregnant', issuedAt: '2026-03-03T01:20:00.000Z' }),
        tk('b1', { number: 1, issuedAt: '2026-03-03T01:00:00.000Z' }),
        tk('p1', {
          priority: 'disabled',
          lane: 'A',
          windowStartsAt: '2026-03-03T05:00:00.000Z',
          issuedAt: '2026-03-03T01:15:00.000Z',
        }),
      ],
      now,
    );
    expect(order.map((t) => t.id)).toEqual(['p1', 'p2', 'b1', 'b2']);
  });

  it('an empty queue has no next', () => {
    expect(callOrder([], now)).toEqual([]);
  });
});

describe('GS-10 transition tables', () => {
  it('a booked booking may be cancelled or checked in; every other state is final', () => {
    expect(BOOKING_ACTIONS.booked).toEqual(['cancel', 'check_in']);
    expect(BOOKING_ACTIONS.cancelled).toEqual([]);
    expect(BOOKING_ACTIONS.checked_in).toEqual([]);
    expect(BOOKING_ACTIONS.no_show).toEqual([]);
  });
  it('tickets: called → start/recall/skip, serving → finish/file case once', () => {
    expect(TICKET_ACTIONS.waiting).toEqual(['skip']);
    expect(ticketActions('called', false)).toEqual(['start', 'recall', 'skip']);
    expect(ticketActions('serving', false)).toEqual(['finish', 'file_case']);
    expect(ticketActions('serving', true)).toEqual(['finish']);
    expect(ticketActions('done', false)).toEqual([]);
    expect(ticketTarget('start')).toBe('serving');
    expect(ticketTarget('finish')).toBe('done');
    expect(ticketTarget('skip')).toBe('skipped');
    expect(ticketTarget('recall')).toBe('called');
    expect(ticketTarget('file_case')).toBeNull();
  });
});

describe('GS-10 times and names', () => {
  it('minutes between instants, null when one is missing', () => {
    expect(minutesBetween('2026-03-03T01:00:00.000Z', '2026-03-03T01:12:00.000Z')).toBe(12);
    expect(minutesBetween(null, '2026-03-03T01:12:00.000Z')).toBeNull();
  });
  it('masked names keep only the family name', () => {
    expect(maskedName('李长福')).toBe('李某某');
    expect(maskedName('王五')).toBe('王某');
    expect(maskedName('')).toBe('');
  });
});

describe('issue #14 the channel of a case filed for a ticket', () => {
  it('booked (A) → appointment; walk-in (B) → window', () => {
    expect(ticketCaseChannel('A')).toBe('appointment');
    expect(ticketCaseChannel('B')).toBe('window');
  });
});
