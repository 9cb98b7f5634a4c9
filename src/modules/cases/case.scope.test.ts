import { describe, expect, it } from 'vitest';
import { decideScope } from './case.scope.ts';

const SANSHUNZHUANG = '110115110222'; // 三顺庄村, 魏善庄镇
const YIZHUANG = '110115110207'; // 伊庄村, 魏善庄镇
const QINGYUNDIAN_VILLAGE = '110115103201'; // 青云店镇
const TOWN_CENTRE = '110115110000'; // 魏善庄镇政务服务中心
const OTHER_DISTRICT = '110116001001';

describe('通办 scope (GS-3)', () => {
  it('town scope: any station of the home town accepts, and away from home it is 通办', () => {
    expect(
      decideScope({ scope: 'town', homeRegionCode: SANSHUNZHUANG, stationRegionCode: YIZHUANG }),
    ).toEqual({
      allowed: true,
      tongban: true,
      fileWithin: TOWN_CENTRE,
    });
    expect(
      decideScope({
        scope: 'town',
        homeRegionCode: SANSHUNZHUANG,
        stationRegionCode: SANSHUNZHUANG,
      }),
    ).toMatchObject({
      allowed: true,
      tongban: false,
    });
    expect(
      decideScope({ scope: 'town', homeRegionCode: SANSHUNZHUANG, stationRegionCode: TOWN_CENTRE }),
    ).toMatchObject({
      allowed: true,
      tongban: true,
    });
  });

  it('town scope: a station of another town refuses and names the home town', () => {
    expect(
      decideScope({
        scope: 'town',
        homeRegionCode: SANSHUNZHUANG,
        stationRegionCode: QINGYUNDIAN_VILLAGE,
      }),
    ).toEqual({ allowed: false, tongban: false, fileWithin: TOWN_CENTRE });
  });

  it('village scope: only the home village', () => {
    expect(
      decideScope({ scope: 'village', homeRegionCode: SANSHUNZHUANG, stationRegionCode: YIZHUANG }),
    ).toEqual({
      allowed: false,
      tongban: false,
      fileWithin: SANSHUNZHUANG,
    });
    expect(
      decideScope({
        scope: 'village',
        homeRegionCode: SANSHUNZHUANG,
        stationRegionCode: SANSHUNZHUANG,
      }).allowed,
    ).toBe(true);
  });

  it('district and city scopes reach further', () => {
    expect(
      decideScope({
        scope: 'district',
        homeRegionCode: SANSHUNZHUANG,
        stationRegionCode: QINGYUNDIAN_VILLAGE,
      }),
    ).toMatchObject({
      allowed: true,
      tongban: true,
      fileWithin: '110115000000',
    });
    expect(
      decideScope({
        scope: 'district',
        homeRegionCode: SANSHUNZHUANG,
        stationRegionCode: OTHER_DISTRICT,
      }).allowed,
    ).toBe(false);
    expect(
      decideScope({
        scope: 'city',
        homeRegionCode: SANSHUNZHUANG,
        stationRegionCode: OTHER_DISTRICT,
      }),
    ).toMatchObject({
      allowed: true,
      fileWithin: '110100000000',
    });
  });
});
