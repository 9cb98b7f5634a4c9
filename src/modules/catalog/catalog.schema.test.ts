import { describe, expect, it } from 'vitest';
import { CatalogItemSchema, type CatalogItemInput } from './catalog.schema.ts';
import { DEMO_CATALOG } from './demo-catalog.ts';

const base = (): CatalogItemInput => structuredClone(DEMO_CATALOG[0]!);
const issues = (input: unknown) => {
  const r = CatalogItemSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('service item definition (GS-1)', () => {
  it('accepts a demo item and fills defaults (scope town, no aliases, not demo)', () => {
    expect(issues(base())).toEqual([]);
    const minimal: Partial<CatalogItemInput> = base();
    delete minimal.scope;
    delete minimal.aliases;
    delete minimal.isDemo;
    const parsed = CatalogItemSchema.parse(minimal);
    expect(parsed).toMatchObject({ scope: 'town', aliases: [], isDemo: false });
  });

  it('the promised limit may not exceed the legal limit', () => {
    expect(issues({ ...base(), legalLimitDays: 3, promisedLimitDays: 5 })).toEqual([
      expect.stringMatching(/^promisedLimitDays: .*legal limit/),
    ]);
    expect(issues({ ...base(), legalLimitDays: 0, promisedLimitDays: 0 })).toEqual([]);
  });

  it('limits are whole working days ≥ 0', () => {
    expect(issues({ ...base(), legalLimitDays: 2.5 })).not.toEqual([]);
    expect(issues({ ...base(), promisedLimitDays: -1 })).not.toEqual([]);
  });

  it('material keys are unique within the item', () => {
    const item = base();
    item.materials = [...item.materials, { ...item.materials[0]! }];
    expect(issues(item)).toEqual([
      expect.stringMatching(/^materials\.\d+\.key: duplicate material key "id_card"/),
    ]);
  });

  it('a copy needs copies ≥ 1, an e-licence none', () => {
    const item = base();
    item.materials[0] = { ...item.materials[0]!, form: 'copy', copies: 0 };
    expect(issues(item)).toEqual(['materials.0.copies: a copy needs copies ≥ 1']);
    item.materials[0] = { ...item.materials[0], form: 'e_licence', copies: 1 };
    expect(issues(item)).toEqual(['materials.0.copies: an e-licence has copies = 0']);
  });

  it('a district department route names the department', () => {
    expect(
      issues({ ...base(), route: { accepts: 'station', decides: 'district_department' } }),
    ).toEqual(['route.department: required when a district department decides']);
    expect(
      issues({
        ...base(),
        route: { accepts: 'station', decides: 'district_department', department: '区民政局' },
      }),
    ).toEqual([]);
  });

  it('only stations accept (the route starts at the village station)', () => {
    expect(
      issues({ ...base(), route: { accepts: 'town_centre', decides: 'town_centre' } }),
    ).not.toEqual([]);
  });

  it('0 visits needs a channel that does not bring the resident in', () => {
    expect(issues({ ...base(), inPersonVisits: 0, channels: ['window'] })).toEqual([
      'inPersonVisits: 0 visits needs an online, home-visit or agent channel',
    ]);
    expect(issues({ ...base(), inPersonVisits: 0, channels: ['window', 'online'] })).toEqual([]);
  });

  it('refuses unknown fields, a repeated channel, an unknown category and a bad code', () => {
    expect(issues({ ...base(), stationId: 'x' })).toEqual([expect.stringContaining('stationId')]);
    expect(issues({ ...base(), materials: [{ ...base().materials[0], colour: 'red' }] })).toEqual([
      expect.stringContaining('colour'),
    ]);
    expect(issues({ ...base(), channels: ['window', 'window'] })).toEqual([
      'channels: a channel is listed twice',
    ]);
    expect(issues({ ...base(), category: 'fishing' })).toHaveLength(1);
    expect(issues({ ...base(), code: 'dx-sb-1' })).toHaveLength(1);
  });

  it('has no station field: the same definition everywhere (GS-2)', () => {
    expect(Object.keys(CatalogItemSchema.parse(base()))).not.toContain('station');
  });

  it('list entries are one line each (a cell in the workbook holds one per line)', () => {
    expect(issues({ ...base(), conditions: ['a\nb'] })).toEqual([
      expect.stringMatching(/^conditions\.0: one line/),
    ]);
  });
});
