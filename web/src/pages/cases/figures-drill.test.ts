import { describe, expect, it } from 'vitest';
import { drillInto, levelOf, regionOf, type DrillRow } from './figures-drill';

const row = (key: string, name: string): DrillRow => ({
  key,
  name,
  stations: 1,
  filed: 10,
  accepted: 8,
  open: 4,
  overdue: 1,
  yellow: 1,
  green: 1,
  paused: 0,
  none: 1,
  tongban: 1,
  secondRequests: 1,
  secondRequestRate: 0.125,
});

describe('X-8 case dashboard drill-down: district → town → station', () => {
  it('starts at the districts of the whole reach', () => {
    expect(levelOf({})).toBe('district');
    expect(regionOf({})).toBeUndefined();
  });

  it('opens a district into its towns, a town into its stations, and stops there', () => {
    const district = drillInto({}, row('110115000000', '大兴区'))!;
    expect(levelOf(district)).toBe('town');
    expect(regionOf(district)).toBe('110115000000');
    const town = drillInto(district, row('110115110000', '魏善庄镇'))!;
    expect(town).toEqual({
      district: { code: '110115000000', name: '大兴区' },
      town: { code: '110115110000', name: '魏善庄镇' },
    });
    expect(levelOf(town)).toBe('station');
    expect(regionOf(town)).toBe('110115110000');
    expect(drillInto(town, row('station-id', '伊庄村政务服务站'))).toBeNull();
  });
});
