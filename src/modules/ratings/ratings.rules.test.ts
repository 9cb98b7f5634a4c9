import { describe, expect, it } from 'vitest';
import {
  checkLevelReasons,
  isBadRating,
  isRateable,
  isSatisfied,
  nextRatingKind,
  RATING_CHANNELS,
  RATING_LEVELS,
} from './ratings.rules.ts';
import {
  availableTicketActions,
  TICKET_ACTIONS,
  TICKET_STATES,
  ticketTransition,
} from './ticket.workflow.ts';

describe('GS-13 rating rules', () => {
  it('the bottom two of five levels are 差评; the top three count as satisfied', () => {
    expect(RATING_LEVELS.filter(isBadRating)).toEqual([2, 1]);
    expect(RATING_LEVELS.filter(isSatisfied)).toEqual([5, 4, 3]);
  });

  it('差评 need reasons, the others take none', () => {
    expect(checkLevelReasons(1, [])).toBe('RATING_REASONS_REQUIRED');
    expect(checkLevelReasons(2, [])).toBe('RATING_REASONS_REQUIRED');
    expect(checkLevelReasons(2, ['slow'])).toBeNull();
    expect(checkLevelReasons(3, [])).toBeNull();
    expect(checkLevelReasons(5, ['slow'])).toBe('RATING_REASONS_NOT_ALLOWED');
  });

  it('once, then one follow-up, then no more', () => {
    expect(nextRatingKind([])).toBe('first');
    expect(nextRatingKind(['first'])).toBe('follow_up');
    expect(nextRatingKind(['first', 'follow_up'])).toBe('RATING_ALREADY_GIVEN');
  });

  it('only finished services are rateable', () => {
    expect(isRateable({ type: 'case', state: 'delivered' })).toBe(true);
    expect(isRateable({ type: 'case', state: 'closed' })).toBe(true);
    expect(isRateable({ type: 'case', state: 'in_progress' })).toBe(false);
    expect(isRateable({ type: 'case', state: 'decided' })).toBe(false);
    expect(isRateable({ type: 'inquiry', state: 'closed' })).toBe(true);
    expect(isRateable({ type: 'inquiry', state: 'open' })).toBe(false);
    expect(isRateable({ type: 'home_visit', state: 'done' })).toBe(true);
    expect(isRateable({ type: 'home_visit', state: 'planned' })).toBe(false);
  });

  it('every channel has a distinct national code', () => {
    const codes = Object.values(RATING_CHANNELS).map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
  });
});

describe('GS-13 ticket workflow, cell by cell', () => {
  const expected: Record<string, string | null> = {
    'opened/call_back': 'called_back',
    'called_back/classify': 'classified',
    'rectified/record_reply': 'resident_replied',
    'explained/record_reply': 'resident_replied',
    'resident_replied/close': 'closed',
  };
  for (const state of TICKET_STATES)
    for (const action of TICKET_ACTIONS) {
      if (state === 'classified' && (action === 'rectify' || action === 'explain')) continue;
      it(`${state} × ${action}`, () => {
        expect(ticketTransition(state, action, null)).toBe(expected[`${state}/${action}`] ?? null);
      });
    }

  it('a classified ticket is rectified or explained by its classification', () => {
    expect(ticketTransition('classified', 'rectify', 'fix_now')).toBe('rectified');
    expect(ticketTransition('classified', 'rectify', 'fix_by_date')).toBe('rectified');
    expect(ticketTransition('classified', 'rectify', 'explain')).toBeNull();
    expect(ticketTransition('classified', 'explain', 'explain')).toBe('explained');
    expect(ticketTransition('classified', 'explain', 'fix_now')).toBeNull();
    expect(ticketTransition('classified', 'rectify', null)).toBeNull();
  });

  it('available actions come from the table', () => {
    expect(availableTicketActions('opened', null)).toEqual(['call_back']);
    expect(availableTicketActions('classified', 'explain')).toEqual(['explain']);
    expect(availableTicketActions('classified', 'fix_by_date')).toEqual(['rectify']);
    expect(availableTicketActions('closed', 'fix_now')).toEqual([]);
  });
});
