import { describe, expect, it } from 'vitest';
import type { StationFigures } from '../../api/case-types';
import { drillInto, drillRows, levelOf, regionOf } from './figures-drill';

const station = (
  id: string,
  town: [string, string],
  district: [string, string],
  overdue: number,
): StationFigures => ({
  stationId: id,
  stationName: id,
  regionCode: `${town[0].slice(0, 9)}200`,
  districtCode: district[0],
  districtName: district[1],
  townCode: town[0],
  townName: town[1],
  filed: 10,
  accepted: 8,
  open: 4,
  overdue,
  paused: 0,
  tongban: 1,
  secondRequests: 1,
  secondRequestRate: 0.125,
});

const DX: [string, string] = ['110115000000', '大兴区'];
const FS: [string, string] = ['110111000000', '房山区'];
const WSZ: [string, string] = ['110115110000', '魏善庄镇'];
const QYD: [string, string] = ['110115104000', '青云店镇'];
const LX: [string, string] = ['110111100000', '良乡镇'];
const FIGURES = [
  station('伊庄村', WSZ, DX, 2),
  station('三顺庄村', WSZ, DX, 0),
  station('青云店', QYD, DX, 1),
  station('良乡', LX, FS, 0),
];

describe('X-8 case dashboard drill-down: district → town → station', () => {
  it('sums each district, most overdue first', () => {
    const rows = drillRows(FIGURES, {});
    expect(levelOf({})).toBe('district');
    expect(rows.map((r) => [r.name, r.stations, r.overdue, r.filed])).toEqual([
      ['大兴区', 3, 3, 30],
      ['房山区', 1, 0, 10],
    ]);
    expect(rows[0]!.secondRequestRate).toBeCloseTo(3 / 24);
    expect(regionOf({})).toBeUndefined();
  });

  it('opens a district into its towns, a town into its stations, and stops there', () => {
    const district = drillInto({}, drillRows(FIGURES, {})[0]!)!;
    expect(levelOf(district)).toBe('town');
    expect(regionOf(district)).toBe('110115000000');
    const towns = drillRows(FIGURES, district);
    expect(towns.map((r) => [r.name, r.stations])).toEqual([
      ['魏善庄镇', 2],
      ['青云店镇', 1],
    ]);
    const town = drillInto(district, towns[0]!)!;
    expect(levelOf(town)).toBe('station');
    expect(regionOf(town)).toBe('110115110000');
    const stations = drillRows(FIGURES, town);
    expect(stations.map((r) => r.name)).toEqual(['伊庄村', '三顺庄村']);
    expect(drillInto(town, stations[0]!)).toBeNull();
  });
});
