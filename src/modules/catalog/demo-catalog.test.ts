import { describe, expect, it } from 'vitest';
import { CatalogItemSchema } from './catalog.schema.ts';
import { DEMO_CATALOG, DEMO_SOCIAL_CARD_REPLACEMENT } from './demo-catalog.ts';

describe('GS-1 demo catalog (47+N)', () => {
  it.each(DEMO_CATALOG.map((i) => [i.code, i] as const))(
    '%s validates unchanged',
    (_code, item) => {
      const parsed = CatalogItemSchema.safeParse(item);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
      expect(parsed.data).toEqual(item);
    },
  );

  it('has exactly 47 base items and at least 5 extras, all demo, with unique codes', () => {
    expect(DEMO_CATALOG.filter((i) => i.tier === 'base')).toHaveLength(47);
    expect(DEMO_CATALOG.filter((i) => i.tier === 'extra').length).toBeGreaterThanOrEqual(5);
    expect(new Set(DEMO_CATALOG.map((i) => i.code)).size).toBe(DEMO_CATALOG.length);
    expect(new Set(DEMO_CATALOG.map((i) => i.name.zh)).size).toBe(DEMO_CATALOG.length);
    expect(DEMO_CATALOG.every((i) => i.isDemo)).toBe(true);
  });

  it('社会保障卡补办 is decided by the town centre within 5 working days (the 李大爷 story)', () => {
    const card = DEMO_CATALOG.find((i) => i.code === DEMO_SOCIAL_CARD_REPLACEMENT)!;
    expect(card).toMatchObject({
      code: 'DX-SB-001',
      name: { zh: '社会保障卡补办', en: 'Social security card replacement' },
      tier: 'base',
      promisedLimitDays: 5,
      route: { accepts: 'station', decides: 'town_centre' },
    });
    expect(card.materials.map((m) => m.key)).toContain('id_card');
  });

  it('includes the extras the article names: 水电气缴费 and 交通处罚', () => {
    const extras = DEMO_CATALOG.filter((i) => i.tier === 'extra');
    const categories = new Set(extras.map((i) => i.category));
    expect(categories).toEqual(new Set(['utilities', 'traffic']));
    expect(extras.map((i) => i.name.zh)).toEqual(
      expect.arrayContaining(['水费缴纳', '电费缴纳', '燃气费缴纳', '交通违法罚款缴纳']),
    );
  });

  it('has 即办件 done on the spot, and items decided by district departments', () => {
    const onTheSpot = DEMO_CATALOG.filter((i) => i.promisedLimitDays === 0);
    expect(onTheSpot.length).toBeGreaterThan(5);
    expect(onTheSpot.every((i) => i.route.decides === 'station')).toBe(true);
    expect(
      DEMO_CATALOG.filter((i) => i.route.decides === 'district_department').length,
    ).toBeGreaterThan(10);
  });
});
