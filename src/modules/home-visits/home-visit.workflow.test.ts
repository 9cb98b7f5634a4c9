import { describe, expect, it } from 'vitest';
import { availableVisitActions, HOME_VISIT_STATUSES, visitRefusal } from './home-visit.workflow.ts';

describe('GS-10 the home visit workflow', () => {
  it('requested → scheduled → on_route → done', () => {
    expect(availableVisitActions('requested', 'visiting_unit')).toEqual(['schedule', 'cancel']);
    expect(availableVisitActions('scheduled', 'visiting_unit')).toEqual(['depart', 'cancel']);
    expect(availableVisitActions('on_route', 'visiting_unit')).toEqual([
      'complete',
      'not_home',
      'record',
    ]);
    expect(availableVisitActions('done', 'visiting_unit')).toEqual(['record']);
  });
  it('not at home: scheduled again or cancelled', () => {
    expect(availableVisitActions('not_home', 'visiting_unit')).toEqual(['schedule', 'cancel']);
  });
  it('cancelled is final', () => {
    expect(availableVisitActions('cancelled', 'visiting_unit')).toEqual([]);
  });
  it('a caller outside the visiting unit is offered nothing and refused', () => {
    for (const s of HOME_VISIT_STATUSES) expect(availableVisitActions(s, 'observer')).toEqual([]);
    expect(visitRefusal('depart', 'scheduled', 'observer')).toBe('FORBIDDEN');
  });
  it('a wrong status is VISIT_STATE', () => {
    expect(visitRefusal('complete', 'scheduled', 'visiting_unit')).toBe('VISIT_STATE');
    expect(visitRefusal('record', 'requested', 'visiting_unit')).toBe('VISIT_STATE');
  });
  it('the applicant may only cancel, and only before the visit starts (issue #14)', () => {
    expect(availableVisitActions('requested', 'applicant')).toEqual(['cancel']);
    expect(availableVisitActions('scheduled', 'applicant')).toEqual(['cancel']);
    for (const s of ['on_route', 'done', 'not_home', 'cancelled'] as const)
      expect(availableVisitActions(s, 'applicant')).toEqual([]);
    expect(visitRefusal('cancel', 'on_route', 'applicant')).toBe('VISIT_STATE');
    expect(visitRefusal('depart', 'scheduled', 'applicant')).toBe('FORBIDDEN');
    expect(visitRefusal('record', 'done', 'applicant')).toBe('FORBIDDEN');
  });
});
