import { describe, expect, it } from 'vitest';
import { regionCellIndex } from './region-cell.rules.ts';
import {
  checkTeamRow,
  kindFitsParent,
  parseTeamKind,
  planTeamRows,
  resolveCategory,
  type ExistingTeam,
  type TeamRowValue,
} from './team-rows.rules.ts';

const TOWN = '110115110000';
const VILLAGE = '110115110207';
const regions = regionCellIndex(
  [
    { code: TOWN, name: '魏善庄镇', level: 'town' },
    { code: VILLAGE, name: '伊庄村村委会', level: 'village' },
    { code: '110115103000', name: '青云店镇', level: 'town' },
  ],
  ['district', 'town', 'village', 'grid'],
);
const ctx = {
  regions,
  reach: ['110115110'],
  categories: [
    { code: 'elderly', nameZh: '助老助残', nameEn: 'Elderly', regionCode: null },
    { code: 'qyd_own', nameZh: '青云店特色', nameEn: 'QYD', regionCode: '110115103000' },
  ],
  leaders: new Map([
    ['13800000003', { id: 'L', displayName: '王队长', isLeader: true }],
    ['13800000002', { id: 'V', displayName: '赵', isLeader: false }],
  ]),
};

const value = (v: Partial<TeamRowValue> & { name: string }): TeamRowValue => ({
  kind: undefined,
  parent: null,
  regionCode: TOWN,
  regionPrefix: '110115110',
  categoryCode: null,
  leaderAccountId: null,
  personInCharge: '李',
  contactPhone: '13800138000',
  organisationName: null,
  description: null,
  ...v,
});

describe('team rows (issue #15 p3)', () => {
  it('kinds in words; the parent decides what fits', () => {
    expect(parseTeamKind('总队')).toBe('corps');
    expect(parseTeamKind(' 分队 ')).toBe('subteam');
    expect(parseTeamKind('')).toBeUndefined();
    expect(parseTeamKind('大队')).toBeNull();
    expect(kindFitsParent('corps', null)).toBe(true);
    expect(kindFitsParent('corps', 'corps')).toBe(false);
    expect(kindFitsParent('team', 'corps')).toBe(true);
    expect(kindFitsParent('subteam', null)).toBe(false);
    expect(kindFitsParent('subteam', 'team')).toBe(true);
  });

  it('a category by name or code, a centre’s own only inside its region', () => {
    expect(resolveCategory('助老助残', ctx.categories, TOWN)).toEqual({
      ok: true,
      code: 'elderly',
    });
    expect(resolveCategory('', ctx.categories, TOWN)).toEqual({ ok: true, code: null });
    expect(resolveCategory('青云店特色', ctx.categories, TOWN)).toEqual({
      ok: false,
      reason: 'TEAM_CATEGORY_OUT_OF_REGION',
    });
    expect(resolveCategory('无', ctx.categories, TOWN)).toEqual({
      ok: false,
      reason: 'TEAM_CATEGORY_UNKNOWN',
    });
  });

  it('a row: the leader’s mobile fills person and phone; every reason listed', () => {
    const ok = checkTeamRow({ name: '助老队', region: '伊庄村', leaderPhone: '13800000003' }, ctx);
    expect(ok).toMatchObject({
      ok: true,
      value: {
        regionCode: VILLAGE,
        regionPrefix: VILLAGE,
        leaderAccountId: 'L',
        personInCharge: '王队长',
        contactPhone: '13800000003',
      },
    });
    const bad = checkTeamRow(
      { name: '', kind: '大队', region: '青云店镇', leaderPhone: '13800000002', contactPhone: '1' },
      ctx,
    );
    expect(bad).toEqual({
      ok: false,
      reasons: [
        { code: 'TEAM_NAME_MISSING' },
        { code: 'TEAM_KIND_UNKNOWN' },
        { code: 'TEAM_REGION_OUT_OF_SCOPE' },
        { code: 'TEAM_LEADER_NOT_LEADER' },
        { code: 'TEAM_CONTACT_INVALID' },
      ],
    });
    expect(checkTeamRow({ name: '队', region: TOWN }, ctx)).toEqual({
      ok: false,
      reasons: [{ code: 'TEAM_PERSON_MISSING' }, { code: 'TEAM_CONTACT_MISSING' }],
    });
  });

  it('the tree: parents first whatever the order; defaults from the parent; a cycle refused', () => {
    const plan = planTeamRows(
      [
        {
          row: 2,
          value: value({ name: '分队', parent: '队', regionCode: VILLAGE, regionPrefix: VILLAGE }),
        },
        { row: 3, value: value({ name: '队', parent: '总队' }) },
        { row: 4, value: value({ name: '总队', kind: 'corps', organisationName: '实践所' }) },
        { row: 5, value: value({ name: 'A', parent: 'B' }) },
        { row: 6, value: value({ name: 'B', parent: 'A' }) },
      ],
      [],
    );
    expect(plan.map((p) => [p.row, p.action])).toEqual([
      [4, 'create'],
      [3, 'create'],
      [2, 'create'],
      [5, 'refused'],
      [6, 'refused'],
    ]);
    expect(plan[1]).toMatchObject({
      parent: 'row:4',
      team: { kind: 'team', organisationName: '实践所' },
    });
    expect(plan[2]).toMatchObject({ parent: 'row:3', team: { kind: 'subteam' } });
    expect(plan[3]).toMatchObject({ reasons: [{ code: 'TEAM_PARENT_CYCLE' }] });
  });

  it('re-import: the same name, region and parent is the same team; empty cells keep its values', () => {
    const existing: ExistingTeam = {
      id: 'T1',
      parentId: null,
      kind: 'team',
      name: '队',
      regionCode: TOWN,
      regionPrefix: '110115110',
      categoryCode: 'elderly',
      leaderAccountId: null,
      organisationName: '实践所',
      personInCharge: '李',
      contactPhone: '13800138000',
      description: '旧',
    };
    const same = planTeamRows([{ row: 2, value: value({ name: '队' }) }], [existing]);
    expect(same).toEqual([{ row: 2, action: 'unchanged', id: 'T1' }]);
    const changed = planTeamRows(
      [{ row: 2, value: value({ name: '队', contactPhone: '010-89211234', description: '新' }) }],
      [existing],
    );
    expect(changed).toMatchObject([
      { action: 'change', id: 'T1', changes: ['contactPhone', 'description'] },
    ]);
    const corps = planTeamRows(
      [{ row: 2, value: value({ name: '队', kind: 'corps' }) }],
      [existing],
    );
    expect(corps).toMatchObject([
      { action: 'refused', reasons: [{ code: 'TEAM_KIND_DIFFERENT' }] },
    ]);
    // A child names the existing team as its parent.
    const child = planTeamRows(
      [
        {
          row: 2,
          value: value({ name: '分队', parent: '队', regionCode: VILLAGE, regionPrefix: VILLAGE }),
        },
      ],
      [existing],
    );
    expect(child).toMatchObject([{ action: 'create', parent: 'T1', team: { kind: 'subteam' } }]);
  });
});
