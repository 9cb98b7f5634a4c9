import { describe, expect, it } from 'vitest';
import { chosenChild, splitPickupCode, spokenCode } from './child-day';
import { translator } from './i18n';
import { personBody, type PersonDraft } from './pickup-person-form';

const t = translator('en');
const draft = (over: Partial<PersonDraft> = {}): PersonDraft => ({
  kind: 'authorised',
  name: '王秀英',
  relation: '奶奶',
  phone: '',
  validity: 'today',
  validFrom: '',
  validUntil: '',
  ...over,
});

describe('CP-3 the pickup code as the guardian reads it out', () => {
  it('marks the tag (the first two characters) apart from the rest', () => {
    expect(splitPickupCode('K7M3QX', 'K7')).toEqual({ tag: 'K7', rest: 'M3QX' });
  });
  it('marks nothing when the tag is not the start of the code', () => {
    expect(splitPickupCode('K7M3QX', 'QX')).toEqual({ tag: '', rest: 'K7M3QX' });
    expect(splitPickupCode('K7M3QX', '')).toEqual({ tag: '', rest: 'K7M3QX' });
  });
  it('is spoken one character at a time', () => {
    expect(spokenCode('K7M3')).toBe('K 7 M 3');
  });
});

describe('CP-3 which child the pickup-persons page shows', () => {
  it('takes the child the address names when it is mine', () => {
    expect(chosenChild('?child=b', ['a', 'b'])).toBe('b');
  });
  it('falls back to my first child for a stranger’s id or none', () => {
    expect(chosenChild('?child=zzz', ['a', 'b'])).toBe('a');
    expect(chosenChild('', ['a'])).toBe('a');
    expect(chosenChild('?child=a', [])).toBeNull();
  });
});

describe('CP-3 the pickup-person form (authorised, not-authorised, validity)', () => {
  it('sends "today only" as todayOnly with no window', () => {
    expect(personBody(draft(), t).body).toEqual({
      kind: 'authorised',
      name: '王秀英',
      relation: '奶奶',
      todayOnly: true,
    });
  });
  it('sends a window between dates, the end optional', () => {
    const body = personBody(draft({ validity: 'window', validFrom: '2026-12-07' }), t).body;
    expect(body).toMatchObject({ todayOnly: false, validFrom: '2026-12-07' });
    expect(body).not.toHaveProperty('validUntil');
  });
  it('refuses an end before the start and a window without a start', () => {
    const wrong = personBody(
      draft({ validity: 'window', validFrom: '2026-12-07', validUntil: '2026-12-01' }),
      t,
    );
    expect(wrong.body).toBeUndefined();
    expect(wrong.errors.validUntil).toBeTruthy();
    expect(personBody(draft({ validity: 'window' }), t).errors.validFrom).toBeTruthy();
  });
  it('sends a not-authorised person without validity, whatever was chosen', () => {
    const body = personBody(draft({ kind: 'blocked', validity: 'window' }), t).body;
    expect(body).toEqual({ kind: 'blocked', name: '王秀英', relation: '奶奶', todayOnly: false });
  });
  it('checks a phone given (spaces allowed) and requires name and relation', () => {
    expect(personBody(draft({ phone: '138 0013 8000' }), t).body?.phone).toBe('13800138000');
    expect(personBody(draft({ phone: '12345' }), t).errors.phone).toBeTruthy();
    const empty = personBody(draft({ name: ' ', relation: '' }), t);
    expect(Object.keys(empty.errors).sort()).toEqual(['name', 'relation']);
  });
});
