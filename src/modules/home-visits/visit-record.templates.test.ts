import { describe, expect, it } from 'vitest';
import {
  checkupFlags,
  ChronicCheckup,
  NewVisitRecord,
  recordFlags,
} from './visit-record.templates.ts';

const flags = (v: object) => checkupFlags(ChronicCheckup.parse(v));

describe('GS-10 chronic checkup ranges', () => {
  it('normal blood pressure and glucose carry no flag', () => {
    expect(flags({ systolic: 120, diastolic: 80, glucose: 5.6, glucoseTiming: 'fasting' })).toEqual(
      [],
    );
  });
  it('systolic ≥ 140 or diastolic ≥ 90 is high (boundaries included)', () => {
    expect(flags({ systolic: 140, diastolic: 80 })).toEqual(['blood_pressure_high']);
    expect(flags({ systolic: 139, diastolic: 89 })).toEqual([]);
    expect(flags({ systolic: 130, diastolic: 90 })).toEqual(['blood_pressure_high']);
    expect(flags({ systolic: 150, diastolic: 95 })).toEqual(['blood_pressure_high']);
  });
  it('below 90/60 is low (boundaries excluded)', () => {
    expect(flags({ systolic: 89, diastolic: 65 })).toEqual(['blood_pressure_low']);
    expect(flags({ systolic: 100, diastolic: 59 })).toEqual(['blood_pressure_low']);
    expect(flags({ systolic: 90, diastolic: 60 })).toEqual([]);
  });
  it('high wins over low when one value is high and the other low', () => {
    expect(flags({ systolic: 145, diastolic: 55 })).toEqual(['blood_pressure_high']);
  });
  it('fasting glucose ≥ 7.0 is high, post-meal ≥ 11.1; < 3.9 low either way', () => {
    expect(flags({ glucose: 7.0, glucoseTiming: 'fasting' })).toEqual(['glucose_high']);
    expect(flags({ glucose: 6.9, glucoseTiming: 'fasting' })).toEqual([]);
    expect(flags({ glucose: 9.5, glucoseTiming: 'post_meal' })).toEqual([]);
    expect(flags({ glucose: 11.1, glucoseTiming: 'post_meal' })).toEqual(['glucose_high']);
    expect(flags({ glucose: 3.8, glucoseTiming: 'post_meal' })).toEqual(['glucose_low']);
    expect(flags({ glucose: 3.9, glucoseTiming: 'fasting' })).toEqual([]);
  });
  it('both kinds flagged together, pressure first', () => {
    expect(
      flags({ systolic: 160, diastolic: 100, glucose: 12.4, glucoseTiming: 'post_meal' }),
    ).toEqual(['blood_pressure_high', 'glucose_high']);
  });
  it('advice or notes alone are a record without flags', () => {
    expect(flags({ medicationAdvice: '按时服用降压药' })).toEqual([]);
    expect(flags({ notes: '精神好' })).toEqual([]);
  });
  it('recordFlags dispatches on the template', () => {
    const r = NewVisitRecord.parse({
      template: 'chronic_checkup',
      values: { systolic: 150, diastolic: 95 },
    });
    expect(recordFlags(r)).toEqual(['blood_pressure_high']);
  });
});

describe('GS-10 chronic checkup bad values are refused', () => {
  const bad: [string, object][] = [
    ['systolic without diastolic', { systolic: 120 }],
    ['diastolic without systolic', { diastolic: 80 }],
    ['systolic not above diastolic', { systolic: 80, diastolic: 80 }],
    ['implausible systolic', { systolic: 400, diastolic: 80 }],
    ['implausible diastolic', { systolic: 120, diastolic: 10 }],
    ['fractional pressure', { systolic: 120.5, diastolic: 80 }],
    ['pressure as text', { systolic: '120', diastolic: '80' }],
    ['glucose without timing', { glucose: 6.1 }],
    ['timing without glucose', { glucoseTiming: 'fasting' }],
    ['unknown timing', { glucose: 6.1, glucoseTiming: 'bedtime' }],
    ['implausible glucose', { glucose: 80, glucoseTiming: 'fasting' }],
    ['negative glucose', { glucose: -1, glucoseTiming: 'fasting' }],
    ['an empty record', {}],
    ['an unknown field', { systolic: 120, diastolic: 80, pulse: 70 }],
    ['a mobile number in the advice', { medicationAdvice: '有事打13912345678' }],
    ['an ID number in the notes', { notes: '身份证110115194803120019' }],
    ['advice too long', { medicationAdvice: '药'.repeat(501) }],
  ];
  for (const [name, values] of bad)
    it(name, () => {
      expect(ChronicCheckup.safeParse(values).success).toBe(false);
    });
  it('an unknown template', () => {
    expect(NewVisitRecord.safeParse({ template: 'dental', values: { notes: 'x' } }).success).toBe(
      false,
    );
  });
});
