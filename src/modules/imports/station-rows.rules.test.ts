import { describe, expect, it } from 'vitest';
import {
  checkStationRow,
  defaultStationName,
  parseDays,
  parseOpeningHours,
  stationRegionIndex,
  stationRowAction,
  type StationRegionRef,
} from './station-rows.rules.ts';

const REGIONS: StationRegionRef[] = [
  { code: '110115000000', name: '大兴区', level: 'district' },
  { code: '110115110000', name: '魏善庄镇', level: 'town' },
  { code: '110115110201', name: '伊庄村村委会', level: 'village' },
  { code: '110115110202', name: '三顺庄村村委会', level: 'village' },
  { code: '110115111201', name: '东庄村村委会', level: 'village' },
  { code: '110115112201', name: '东庄村村委会', level: 'village' },
  { code: '110101000000', name: '东城区', level: 'district' },
  { code: '110101001001', name: '多福巷社区居委会', level: 'village' },
  { code: '110000000000', name: '北京市', level: 'province' },
];
const regions = stationRegionIndex(REGIONS);
const reach = ['110115'];
const row = (v: Record<string, string>) => checkStationRow(v, { regions, reach });
const reasons = (v: Record<string, string>) => {
  const r = row(v);
  return r.ok ? [] : r.reasons.map((x) => x.code);
};
const GOOD = { region: '伊庄村', address: '伊庄村村委会一层', phone: '010-89211234' };

describe('issue #15 go-live: stations by Excel — opening hours as people write them', () => {
  it('reads day words and ranges', () => {
    expect(parseDays('周一至周五')).toEqual([1, 2, 3, 4, 5]);
    expect(parseDays('星期一、星期三')).toEqual([1, 3]);
    expect(parseDays('每天')).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(parseDays('工作日')).toEqual([1, 2, 3, 4, 5]);
    expect(parseDays('Mon-Fri')).toEqual([1, 2, 3, 4, 5]);
    expect(parseDays('周日')).toEqual([7]);
    expect(parseDays('周五至周一')).toBeNull();
    expect(parseDays('明天')).toBeNull();
  });

  it('reads segments, several ranges a day, full-width colons; empty is weekdays 9–5', () => {
    expect(parseOpeningHours('周一至周五 08:30-12:00,14:00-17:30；周六 9:00-12:00')).toEqual([
      { days: [1, 2, 3, 4, 5], open: '08:30', close: '12:00' },
      { days: [1, 2, 3, 4, 5], open: '14:00', close: '17:30' },
      { days: [6], open: '09:00', close: '12:00' },
    ]);
    expect(parseOpeningHours('每天 09：00—17：00')).toEqual([
      { days: [1, 2, 3, 4, 5, 6, 7], open: '09:00', close: '17:00' },
    ]);
    expect(parseOpeningHours('')).toEqual([
      { days: [1, 2, 3, 4, 5], open: '09:00', close: '17:00' },
    ]);
  });

  it('refuses what it cannot read: closing before opening, no times, nonsense', () => {
    expect(parseOpeningHours('周一至周五 17:00-09:00')).toBeNull();
    expect(parseOpeningHours('周一至周五')).toBeNull();
    expect(parseOpeningHours('看情况')).toBeNull();
    expect(parseOpeningHours('周一 25:00-26:00')).toBeNull();
  });
});

describe('issue #15 go-live: a station row', () => {
  it('takes the kind from the level, and a default code and name', () => {
    const r = row(GOOD);
    expect(r).toMatchObject({
      ok: true,
      value: {
        code: 'S110115110201',
        name: '伊庄村便民服务站',
        kind: 'village_station',
        regionCode: '110115110201',
        phone: '010-89211234',
      },
    });
    expect(row({ ...GOOD, region: '110115110000' })).toMatchObject({
      ok: true,
      value: { kind: 'town_centre', name: '魏善庄镇便民服务中心' },
    });
    expect(row({ ...GOOD, region: '大兴区' })).toMatchObject({
      ok: true,
      value: { kind: 'district_centre', name: '大兴区政务服务中心' },
    });
    expect(defaultStationName({ code: '1', name: '东华门街道办事处', level: 'town' })).toBe(
      '东华门街道便民服务中心',
    );
  });

  it('refuses each bad cell with its reason, all at once', () => {
    expect(reasons({ region: '', address: '', phone: '' })).toEqual([
      'STATION_REGION_MISSING',
      'STATION_ADDRESS_MISSING',
      'STATION_PHONE_MISSING',
    ]);
    expect(reasons({ ...GOOD, phone: '12345' })).toEqual(['STATION_PHONE_INVALID']);
    expect(reasons({ ...GOOD, code: 'a b' })).toEqual(['STATION_CODE_INVALID']);
    expect(reasons({ ...GOOD, openingHours: '随时' })).toEqual(['STATION_HOURS_INVALID']);
    expect(reasons({ ...GOOD, region: '北京市' })).toEqual(['STATION_REGION_UNKNOWN']);
    expect(reasons({ ...GOOD, region: '110000000000' })).toEqual(['STATION_REGION_LEVEL']);
    expect(reasons({ ...GOOD, region: '多福巷社区' })).toEqual(['STATION_REGION_OUT_OF_SCOPE']);
    expect(reasons({ ...GOOD, region: '东庄村' })).toEqual(['STATION_REGION_AMBIGUOUS']);
    expect(reasons({ ...GOOD, region: '110115112201' })).toEqual([]);
    expect(reasons({ ...GOOD, address: 'x'.repeat(201) })).toEqual(['STATION_ADDRESS_TOO_LONG']);
  });

  it('re-importing the same row changes nothing; a changed phone is a change; another region is refused', () => {
    const r = row(GOOD);
    if (!r.ok) throw new Error('row refused');
    const existing = { id: 's1', ...r.value };
    expect(stationRowAction(r.value, null)).toEqual({ action: 'create' });
    expect(stationRowAction(r.value, existing)).toEqual({ action: 'unchanged' });
    expect(stationRowAction({ ...r.value, phone: '13800138000' }, existing)).toEqual({
      action: 'change',
      id: 's1',
      changes: ['phone'],
    });
    expect(stationRowAction(r.value, { ...existing, regionCode: '110115110202' })).toEqual({
      action: 'refused',
      reasons: [{ code: 'STATION_CODE_ELSEWHERE' }],
    });
  });
});
