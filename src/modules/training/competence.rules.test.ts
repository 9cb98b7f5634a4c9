import { describe, expect, it } from 'vitest';
import {
  addYears,
  availableCompetenceActions,
  checkPeriod,
  COMPETENCE_ACTIONS,
  COMPETENCE_STATUSES,
  competenceStatus,
  daysBetween,
  isChinaDate,
  isExpiringSoon,
  isValidOn,
} from './competence.rules.ts';

const c = (certifiedOn: string, expiresOn: string, revokedAt: string | null = null) => ({
  certifiedOn,
  expiresOn,
  revokedAt,
});

describe('GS-12 competence validity', () => {
  it('is valid on the day it was certified and on its expiry day (both inclusive)', () => {
    const k = c('2026-03-02', '2027-03-01');
    expect(isValidOn(k, '2026-03-02')).toBe(true);
    expect(isValidOn(k, '2027-03-01')).toBe(true);
  });
  it('is expired the day after its expiry and not yet valid the day before certification', () => {
    const k = c('2026-03-02', '2027-03-01');
    expect(competenceStatus(k, '2027-03-02')).toBe('expired');
    expect(competenceStatus(k, '2026-03-01')).toBe('not_yet_valid');
  });
  it('a revoked competence is revoked whatever the dates', () => {
    expect(
      competenceStatus(c('2026-01-01', '2030-01-01', '2026-02-01T00:00:00Z'), '2026-03-01'),
    ).toBe('revoked');
  });
  it('works in years past the working-day data (2027+) and across a leap day', () => {
    const k = c('2028-02-29', '2031-02-28');
    expect(isValidOn(k, '2031-02-28')).toBe(true);
    expect(isValidOn(k, '2031-03-01')).toBe(false);
    expect(isValidOn(k, '2029-12-31')).toBe(true);
  });
  it('a one-day certification is valid on that day only', () => {
    const k = c('2026-12-31', '2026-12-31');
    expect(isValidOn(k, '2026-12-30')).toBe(false);
    expect(isValidOn(k, '2026-12-31')).toBe(true);
    expect(isValidOn(k, '2027-01-01')).toBe(false);
  });
  it('expiring soon: valid and ending within 30 days', () => {
    expect(isExpiringSoon(c('2026-01-01', '2026-03-31'), '2026-03-02')).toBe(true);
    expect(isExpiringSoon(c('2026-01-01', '2026-04-01'), '2026-03-02')).toBe(false);
    expect(isExpiringSoon(c('2026-01-01', '2026-03-01'), '2026-03-02')).toBe(false); // expired
  });
});

describe('GS-12 competence transition table', () => {
  it('has a row for every status', () => {
    expect(Object.keys(COMPETENCE_ACTIONS).sort()).toEqual([...COMPETENCE_STATUSES].sort());
  });
  it.each([
    ['valid', c('2026-01-01', '2027-01-01'), ['renew', 'revoke']],
    ['not yet valid', c('2026-04-01', '2027-01-01'), ['renew', 'revoke']],
    ['expired', c('2025-01-01', '2026-01-01'), ['renew']],
    ['revoked', c('2026-01-01', '2027-01-01', '2026-02-01T00:00:00Z'), ['renew']],
  ])('%s offers %j', (_label, k, actions) => {
    expect(availableCompetenceActions(k, '2026-03-02')).toEqual(actions);
  });
});

describe('GS-12 China dates', () => {
  it.each([
    ['2026-03-02', true],
    ['2028-02-29', true],
    ['2026-02-29', false],
    ['2100-02-29', false], // not a leap year
    ['2000-02-29', true],
    ['2026-13-01', false],
    ['2026-04-31', false],
    ['2026-4-1', false],
    ['1999-12-31', false],
    ['2199-12-31', true],
    ['2026-03-02T00:00', false],
  ])('%s is a date: %s', (s, ok) => {
    expect(isChinaDate(s)).toBe(ok);
  });
  it('adds years, falling back from 29 February in a common year', () => {
    expect(addYears('2028-02-29', 1)).toBe('2029-02-28');
    expect(addYears('2028-02-29', 4)).toBe('2032-02-29');
    expect(addYears('2026-12-31', 5)).toBe('2031-12-31');
  });
  it('counts days across a year end and a leap day', () => {
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2026-03-02', '2026-03-02')).toBe(0);
  });
});

describe('GS-12 certification period', () => {
  const today = '2026-03-02';
  it('accepts today through up to five years', () => {
    expect(checkPeriod({ certifiedOn: today, expiresOn: '2031-03-02', today })).toBeNull();
    expect(checkPeriod({ certifiedOn: '2026-02-01', expiresOn: today, today })).toBeNull();
  });
  it.each([
    ['2026-02-30', '2027-01-01', 'not_a_date'],
    ['2026-03-03', '2027-01-01', 'certified_in_future'],
    ['2026-03-01', '2026-02-28', 'expires_before_certified'],
    ['2025-01-01', '2026-03-01', 'expires_in_past'],
    ['2026-03-02', '2031-03-03', 'too_long'],
  ])('%s → %s is %s', (certifiedOn, expiresOn, problem) => {
    expect(checkPeriod({ certifiedOn, expiresOn, today })).toBe(problem);
  });
});
