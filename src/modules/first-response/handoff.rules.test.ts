import { describe, expect, it } from 'vitest';
import { createWorkCalendar } from '../calendar/working-days.ts';
import {
  accountableForHandoff,
  accountableOf,
  handlerOf,
  handlingPostOf,
  handoffDueDate,
  isHandoffOverdue,
  mayActOnMatter,
  type HandoffFacts,
} from './handoff.rules.ts';

const h = (seq: number, status: HandoffFacts['status'], from: string, to: string) => ({
  seq,
  status,
  fromAccountId: from,
  toAccountId: to,
});

describe('handler and accountability (GS-4)', () => {
  it('without hand-offs the first responder handles and answers for the matter', () => {
    expect(handlerOf('A', [])).toBe('A');
    expect(accountableOf('A', [])).toBe('A');
  });
  it('while a hand-off is pending the first responder stays accountable', () => {
    const hs = [h(1, 'pending', 'A', 'B')];
    expect(handlerOf('A', hs)).toBe('A');
    expect(accountableOf('A', hs)).toBe('A');
  });
  it('after acceptance the receiver handles and answers for it', () => {
    const hs = [h(1, 'accepted', 'A', 'B')];
    expect(handlerOf('A', hs)).toBe('B');
    expect(accountableOf('A', hs)).toBe('B');
  });
  it('a declined hand-off changes nothing', () => {
    const hs = [h(1, 'declined', 'A', 'B')];
    expect(handlerOf('A', hs)).toBe('A');
    expect(accountableOf('A', hs)).toBe('A');
  });
  it('the latest accepted hand-off wins, whatever the order rows arrive in', () => {
    const hs = [h(2, 'accepted', 'B', 'C'), h(1, 'accepted', 'A', 'B'), h(3, 'declined', 'C', 'D')];
    expect(handlerOf('A', hs)).toBe('C');
    expect(accountableOf('A', [...hs, h(4, 'pending', 'C', 'E')])).toBe('A');
  });
  it('the first responder and the handler may act; the others may not', () => {
    const hs = [h(1, 'accepted', 'A', 'B'), h(2, 'pending', 'B', 'C')];
    expect(mayActOnMatter('A', 'A', hs)).toBe(true);
    expect(mayActOnMatter('B', 'A', hs)).toBe(true);
    expect(mayActOnMatter('C', 'A', hs)).toBe(false);
  });
  it('per hand-off: pending → first responder, accepted → receiver, declined → sender', () => {
    const base = { firstResponderId: 'A', fromAccountId: 'B', toAccountId: 'C' };
    expect(accountableForHandoff({ ...base, status: 'pending' })).toBe('A');
    expect(accountableForHandoff({ ...base, status: 'accepted' })).toBe('C');
    expect(accountableForHandoff({ ...base, status: 'declined' })).toBe('B');
  });
});

describe('GS-4 hand-off deadline', () => {
  const cal = createWorkCalendar();
  it('one working day by default: Friday → Monday; before a holiday it skips the break', () => {
    expect(handoffDueDate(new Date('2026-03-06T02:00:00Z'), 1, cal)).toBe('2026-03-09');
    expect(handoffDueDate(new Date('2026-03-02T02:00:00Z'), 3, cal)).toBe('2026-03-05');
    expect(handoffDueDate(new Date('2026-09-30T02:00:00Z'), 1, cal)).toBe('2026-10-08'); // 国庆 1–7 October
  });
  it('uses the China date: 23:30 UTC is already the next day in Beijing', () => {
    expect(handoffDueDate(new Date('2026-03-02T23:30:00Z'), 1, cal)).toBe('2026-03-04');
  });
  it('overdue only while pending, from the first China day after the due date', () => {
    const due = { status: 'pending' as const, dueDate: '2026-03-03' };
    expect(isHandoffOverdue(due, new Date('2026-03-03T15:59:59Z'))).toBe(false); // 23:59:59 Beijing
    expect(isHandoffOverdue(due, new Date('2026-03-03T16:00:00Z'))).toBe(true); // 00:00 next day
    expect(isHandoffOverdue({ ...due, status: 'accepted' }, new Date('2026-04-01'))).toBe(false);
    expect(isHandoffOverdue({ ...due, status: 'declined' }, new Date('2026-04-01'))).toBe(false);
  });
});

describe('a post handles the matter after accepting a hand-off addressed to it (GS-11)', () => {
  const viaPost = (seq: number, status: HandoffFacts['status'], from: string, to: string) => ({
    ...h(seq, status, from, to),
    postId: 'P',
  });
  it('the handling post is the latest accepted hand-off’s post, if any', () => {
    expect(handlingPostOf([viaPost(1, 'pending', 'F', 'A')])).toBeNull();
    expect(handlingPostOf([viaPost(1, 'accepted', 'F', 'A')])).toBe('P');
    expect(handlingPostOf([viaPost(1, 'accepted', 'F', 'A'), h(2, 'accepted', 'A', 'C')])).toBe(
      null,
    );
  });
  it('whoever holds the post now may act; nobody else besides handler and first responder', () => {
    const hs = [viaPost(1, 'accepted', 'F', 'A')];
    expect(mayActOnMatter('B', 'F', hs, 'B')).toBe(true); // A away: B holds the post now
    expect(mayActOnMatter('A', 'F', hs, 'B')).toBe(true); // the one who accepted still may
    expect(mayActOnMatter('B', 'F', hs, null)).toBe(false);
    expect(mayActOnMatter('X', 'F', hs, 'B')).toBe(false);
    // a person (not a post) handles it: holding some post now gives nothing
    expect(mayActOnMatter('B', 'F', [h(1, 'accepted', 'F', 'A')], 'B')).toBe(false);
  });
});
