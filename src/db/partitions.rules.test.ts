import { describe, expect, it } from 'vitest';
import {
  addMonths,
  chinaMonth,
  monthBounds,
  monthOfPartition,
  monthsWanted,
  partitionName,
} from './partitions.rules.ts';

describe('#16 p5 monthly partitions (pure rules)', () => {
  it('counts months across years, both ways', () => {
    expect(addMonths('2026-11', 3)).toBe('2027-02');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-12', 0)).toBe('2026-12');
    expect(() => addMonths('2026-13', 1)).toThrow(RangeError);
  });

  it('takes the China month: 31 March 20:00 UTC is already April in Beijing', () => {
    expect(chinaMonth(new Date('2026-03-31T15:59:59Z'))).toBe('2026-03');
    expect(chinaMonth(new Date('2026-03-31T16:00:00Z'))).toBe('2026-04');
  });

  it('wants this month and the next ones, plus the months that hold rows, sorted, once', () => {
    expect(monthsWanted(new Date('2026-11-20T00:00:00Z'), 3)).toEqual([
      '2026-11',
      '2026-12',
      '2027-01',
      '2027-02',
    ]);
    expect(
      monthsWanted(new Date('2026-11-20T00:00:00Z'), 1, ['2028-01', '2026-12', 'junk', '2020-02']),
    ).toEqual(['2020-02', '2026-11', '2026-12', '2028-01']);
  });

  it('names a partition by its month and reads the month back', () => {
    expect(partitionName('audit_events', '2026-03')).toBe('audit_events_p2026_03');
    expect(monthOfPartition('audit_events', 'audit_events_p2026_03')).toBe('2026-03');
    expect(monthOfPartition('audit_events', 'audit_events_default')).toBeNull();
    expect(monthOfPartition('audit_events', 'vs_service_records_p2026_03')).toBeNull();
  });

  it('bounds an instant month at China midnight and a date month at its first day', () => {
    expect(monthBounds('instant', '2026-12')).toEqual({
      from: '2026-12-01 00:00:00+08',
      to: '2027-01-01 00:00:00+08',
    });
    expect(monthBounds('china-date', '2026-02')).toEqual({ from: '2026-02-01', to: '2026-03-01' });
  });
});
