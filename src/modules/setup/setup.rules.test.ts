import { describe, expect, it } from 'vitest';
import { setupActionAllowed, setupState, type SetupCounts } from './setup.rules.ts';

const EMPTY: SetupCounts = {
  towns: 0,
  regions: 0,
  admins: 0,
  catalogItems: 0,
  stations: 0,
  staff: 0,
  residents: 0,
};

describe('issue #15 point 1: first-run setup steps', () => {
  it('an empty database is open and starts with the regions', () => {
    const s = setupState(EMPTY);
    expect(s.open).toBe(true);
    expect(s.next).toBe('regions');
    expect(s.steps.map((x) => x.key)).toEqual([
      'regions',
      'admin',
      'catalog',
      'stations',
      'staff',
      'residents',
    ]);
    expect(s.steps.every((x) => !x.done)).toBe(true);
  });

  it('regions loaded: the administrator is next, still open', () => {
    const s = setupState({ ...EMPTY, regions: 120, towns: 20 });
    expect(s.next).toBe('admin');
    expect(s.open).toBe(true);
    expect(s.steps[0]).toEqual({ key: 'regions', done: true, count: 20, optional: false });
  });

  it('only country/province/city/district regions do not count as loaded (no town to serve)', () => {
    expect(setupState({ ...EMPTY, regions: 3, towns: 0 }).next).toBe('regions');
  });

  it('the first administrator closes the token-guarded part', () => {
    const s = setupState({ ...EMPTY, regions: 5, towns: 1, admins: 1 });
    expect(s.open).toBe(false);
    expect(s.next).toBe('catalog');
  });

  it('steps are reported in order whatever was done out of order', () => {
    const s = setupState({ ...EMPTY, towns: 1, regions: 2, admins: 1, stations: 3 });
    expect(s.next).toBe('catalog');
    expect(s.steps.find((x) => x.key === 'stations')?.done).toBe(true);
  });

  it('residents are optional; everything done → next is null', () => {
    const all = { towns: 1, regions: 1, admins: 1, catalogItems: 47, stations: 1, staff: 2 };
    expect(setupState({ ...all, residents: 0 }).steps.at(-1)?.optional).toBe(true);
    expect(setupState({ ...all, residents: 0 }).next).toBe('residents');
    expect(setupState({ ...all, residents: 9 }).next).toBeNull();
  });
});

describe('issue #15 point 1: who may take a setup action', () => {
  const open = { open: true };
  const closed = { open: false };
  const none = { hasToken: false, isAdmin: false };
  const token = { hasToken: true, isAdmin: false };
  const admin = { hasToken: false, isAdmin: true };

  it('regions: the token while open; an administrator always; nobody else', () => {
    expect(setupActionAllowed('regions', open, { towns: 0 }, token)).toBe('ok');
    expect(setupActionAllowed('regions', open, { towns: 0 }, none)).toBe('token_required');
    expect(setupActionAllowed('regions', closed, { towns: 3 }, token)).toBe('closed');
    expect(setupActionAllowed('regions', closed, { towns: 3 }, admin)).toBe('ok');
  });

  it('the first administrator: token, open, and regions first', () => {
    expect(setupActionAllowed('admin', open, { towns: 0 }, token)).toBe('regions_first');
    expect(setupActionAllowed('admin', open, { towns: 2 }, token)).toBe('ok');
    expect(setupActionAllowed('admin', open, { towns: 2 }, none)).toBe('token_required');
    expect(setupActionAllowed('admin', closed, { towns: 2 }, token)).toBe('closed');
    expect(setupActionAllowed('admin', closed, { towns: 2 }, admin)).toBe('closed');
  });
});
