/** X-8: the volunteer registry and the teams list as Excel, through the lists' own queries. */
import type { ListExport } from '../../shared/list-export/list-export.route.ts';
import { offsetPages, wholeList } from '../../shared/list-export/export-pages.ts';
import { chinaDateTime, wordsOf } from '../../shared/list-export/xlsx-stream.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import { ALL_ROLES } from '../../shared/roles.ts';
import { TeamQuery, VolunteerQuery } from './volunteers.schema.ts';
import { listVolunteers } from './volunteers.service.ts';
import { listTeams } from './teams.service.ts';
import { VS_STAFF } from './vs.scope.ts';

const VolunteerFilters = VolunteerQuery.omit({ limit: true, offset: true });
type VolunteerRow = Awaited<ReturnType<typeof listVolunteers>>[number];
type TeamRow = Awaited<ReturnType<typeof listTeams>>[number];

const SEX = { male: ['男', 'Male'], female: ['女', 'Female'] } as const;
const STATUS = { active: ['在册', 'Active'], suspended: ['暂停', 'Suspended'] } as const;
const KIND = {
  corps: ['总队', 'Corps'],
  team: ['队伍', 'Team'],
  subteam: ['分队', 'Sub-team'],
} as const;

export function volunteerListExport(
  pii: PiiCipher,
): ListExport<typeof VolunteerFilters, VolunteerRow> {
  return {
    list: '/volunteers',
    tag: 'volunteers',
    roles: VS_STAFF,
    filters: VolunteerFilters,
    sheet: { zh: '志愿者', en: 'Volunteers' },
    file: 'volunteers',
    rows: ({ db, filters, actor, now }) =>
      offsetPages((limit, offset) =>
        listVolunteers({ db, pii }, { ...filters, actor, now, limit, offset }),
      ),
    columns: [
      { zh: '志愿者编号', en: 'Volunteer number', width: 16, value: (r) => r.volunteerNumber },
      { zh: '姓名', en: 'Name', width: 12, value: (r) => r.fullName },
      { zh: '性别', en: 'Sex', width: 6, value: (r, lang) => wordsOf(SEX, r.sex, lang) },
      { zh: '年龄', en: 'Age', width: 6, value: (r) => r.age },
      { zh: '身份证号', en: 'ID number', width: 22, value: (r) => r.idMasked },
      { zh: '手机号', en: 'Phone', width: 14, value: (r) => r.phoneMasked },
      { zh: '户籍地', en: 'Home region', width: 16, value: (r) => r.homeRegionName },
      { zh: '技能', en: 'Skills', width: 24, value: (r) => r.skills.join('、') },
      { zh: '状态', en: 'Status', width: 8, value: (r, lang) => wordsOf(STATUS, r.status, lang) },
      { zh: '自主注册', en: 'Self-registered', width: 10, value: (r) => r.selfRegistered },
      { zh: '登记时间', en: 'Registered at', width: 18, value: (r) => chinaDateTime(r.createdAt) },
    ],
  };
}

export const TEAM_LIST_EXPORT: ListExport<typeof TeamQuery, TeamRow> = {
  list: '/vs/teams',
  tag: 'vs-teams',
  roles: ALL_ROLES,
  filters: TeamQuery,
  sheet: { zh: '志愿队伍', en: 'Teams' },
  file: 'teams',
  // Not paged: the list is every team in the filtered regions (a city's worth).
  rows: ({ db, filters, actor }) => wholeList(() => listTeams(db, { ...filters, actor })),
  columns: [
    { zh: '名称', en: 'Name', width: 24, value: (r) => r.name },
    { zh: '层级', en: 'Kind', width: 8, value: (r, lang) => wordsOf(KIND, r.kind, lang) },
    { zh: '地区', en: 'Region', width: 16, value: (r) => r.regionName },
    { zh: '类别', en: 'Category', width: 14, value: (r) => r.categoryCode },
    { zh: '队长', en: 'Leader', width: 12, value: (r) => r.leaderName },
    { zh: '组织单位', en: 'Organisation', width: 20, value: (r) => r.organisationName },
    { zh: '负责人', en: 'Person in charge', width: 12, value: (r) => r.personInCharge },
    { zh: '联系电话', en: 'Contact phone', width: 14, value: (r) => r.contactPhone },
    { zh: '成员数', en: 'Members', width: 8, value: (r) => r.memberCount },
    { zh: '启用', en: 'Active', width: 6, value: (r) => r.active },
  ],
};
