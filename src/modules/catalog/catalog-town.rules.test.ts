import { describe, expect, it } from 'vitest';
import {
  decideImportRow,
  importRefusalMessage,
  isTownCode,
  stationFilesItem,
  visibleTownPrefixes,
} from './catalog-town.rules.ts';
import { CatalogItemSchema } from './catalog.schema.ts';
import { DEMO_CATALOG } from './demo-catalog.ts';
import { DEMO_TOWN, DEMO_TOWN_ITEMS } from './demo-catalog-town.ts';

const WEISHANZHUANG = '110115110000';
const YIZHUANG_VILLAGE = '110115110207';
const QINGYUNDIAN_VILLAGE = '110115111201';
const DAXING = '110115000000';
const BEIJING = '110000000000';
const TONGZHOU = '110112000000';

describe('issue #15 point 9: a catalog per town (47+N)', () => {
  it('a town code is a town, not a village, district or anything else', () => {
    expect(isTownCode(WEISHANZHUANG)).toBe(true);
    expect(isTownCode(YIZHUANG_VILLAGE)).toBe(false);
    expect(isTownCode(DAXING)).toBe(false);
    expect(isTownCode('11011511000')).toBe(false);
  });

  it('a shared item is filed at every station', () => {
    for (const station of [YIZHUANG_VILLAGE, QINGYUNDIAN_VILLAGE, DAXING, TONGZHOU])
      expect(stationFilesItem(station, null)).toBe(true);
  });

  it('a town item is filed inside the town or at a centre above it, never at another town', () => {
    expect(stationFilesItem(YIZHUANG_VILLAGE, WEISHANZHUANG)).toBe(true);
    expect(stationFilesItem(WEISHANZHUANG, WEISHANZHUANG)).toBe(true);
    expect(stationFilesItem(DAXING, WEISHANZHUANG)).toBe(true);
    expect(stationFilesItem(BEIJING, WEISHANZHUANG)).toBe(true);
    expect(stationFilesItem(QINGYUNDIAN_VILLAGE, WEISHANZHUANG)).toBe(false);
    expect(stationFilesItem('110115111000', WEISHANZHUANG)).toBe(false);
    expect(stationFilesItem(TONGZHOU, WEISHANZHUANG)).toBe(false);
  });

  it('a list sees the towns its regions reach; wider prefixes absorb narrower ones', () => {
    expect(visibleTownPrefixes([])).toEqual([]);
    expect(visibleTownPrefixes([YIZHUANG_VILLAGE])).toEqual(['110115110']);
    expect(visibleTownPrefixes([`${YIZHUANG_VILLAGE}001`])).toEqual(['110115110']);
    expect(visibleTownPrefixes([WEISHANZHUANG, YIZHUANG_VILLAGE])).toEqual(['110115110']);
    expect(visibleTownPrefixes([YIZHUANG_VILLAGE, DAXING])).toEqual(['110115']);
    expect(visibleTownPrefixes([QINGYUNDIAN_VILLAGE, TONGZHOU]).sort()).toEqual([
      '110112',
      '110115111',
    ]);
    expect(visibleTownPrefixes(['not-a-code'])).toEqual([]);
  });

  describe('import rows', () => {
    it('a new code joins the list imported into (the town, or the shared list)', () => {
      expect(decideImportRow(WEISHANZHUANG, undefined, false)).toEqual({ kind: 'create' });
      expect(decideImportRow(null, undefined, false)).toEqual({ kind: 'create' });
    });

    it('the town’s own items are versioned; the shared ones ride along only unchanged', () => {
      expect(decideImportRow(WEISHANZHUANG, { town: WEISHANZHUANG }, false)).toEqual({
        kind: 'version',
      });
      expect(decideImportRow(WEISHANZHUANG, { town: null }, true)).toEqual({ kind: 'unchanged' });
      const shared = decideImportRow(WEISHANZHUANG, { town: null }, false);
      expect(shared).toEqual({ kind: 'refused', reason: 'shared_item', ownerTown: null });
      if (shared.kind === 'refused')
        expect(importRefusalMessage(shared, 'DX-SB-001')).toContain('shared item');
    });

    it('another town’s item is refused; a shared import may not change a town’s item', () => {
      expect(decideImportRow('110115111000', { town: WEISHANZHUANG }, false)).toEqual({
        kind: 'refused',
        reason: 'other_town',
        ownerTown: WEISHANZHUANG,
      });
      const d = decideImportRow(null, { town: WEISHANZHUANG }, false);
      expect(d).toEqual({ kind: 'refused', reason: 'town_item', ownerTown: WEISHANZHUANG });
      if (d.kind === 'refused')
        expect(importRefusalMessage(d, 'WSZ-NY-001')).toContain(`town=${WEISHANZHUANG}`);
      expect(decideImportRow(null, { town: null }, false)).toEqual({ kind: 'version' });
    });
  });

  it('魏善庄镇’s demo items validate, are demo extras, and share no code with the shared list', () => {
    expect(isTownCode(DEMO_TOWN)).toBe(true);
    expect(DEMO_TOWN_ITEMS.length).toBeGreaterThanOrEqual(2);
    const shared = new Set(DEMO_CATALOG.map((i) => i.code));
    for (const item of DEMO_TOWN_ITEMS) {
      const parsed = CatalogItemSchema.safeParse(item);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
      expect(parsed.data).toEqual(item);
      expect(item).toMatchObject({ isDemo: true, tier: 'extra' });
      expect(shared.has(item.code)).toBe(false);
    }
  });
});
