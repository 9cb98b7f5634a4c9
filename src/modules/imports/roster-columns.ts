/**
 * Issue #15 points 3–4: the columns of the staff roster, volunteer and team templates (Chinese
 * header first, English accepted, spellings met in the wild as aliases). Pure data.
 */
import type { ImportColumn } from './import-columns.ts';

const NAME = {
  key: 'fullName',
  zh: '姓名',
  en: 'Name',
  aliases: ['fullName', 'full name', 'full_name', '真实姓名'],
  required: true,
  width: 12,
  example: '李秀英',
} as const satisfies ImportColumn;

const MOBILE = {
  key: 'phone',
  zh: '手机号',
  en: 'Phone',
  aliases: ['联系电话', '电话', '手机', '手机号码', 'mobile', 'phone number'],
  required: true,
  text: true,
  width: 16,
  example: '13900139001',
} as const satisfies ImportColumn;

/** Staff accounts: one per person (by mobile), the roles granted over a station or a scope. */
export const STAFF_COLUMNS: readonly ImportColumn[] = [
  NAME,
  MOBILE,
  {
    key: 'station',
    zh: '所属站点',
    en: 'Station',
    aliases: ['站点', '服务站', '站点编号', 'station code', 'station name'],
    required: false,
    width: 24,
    example: '伊庄村便民服务站',
  },
  {
    key: 'roles',
    zh: '角色',
    en: 'Roles',
    aliases: ['身份', 'role'],
    required: true,
    width: 22,
    example: '村级专管员',
  },
  {
    key: 'scope',
    zh: '管辖范围（区划代码）',
    en: 'Scope (region code)',
    aliases: ['管辖范围', '区划代码', '范围', 'scope', 'region code', 'regionCode'],
    required: false,
    text: true,
    width: 22,
    example: '',
  },
];

/** Volunteers by real name: the ID number is validated (GB 11643) and encrypted. */
export const VOLUNTEER_COLUMNS: readonly ImportColumn[] = [
  NAME,
  {
    key: 'idNumber',
    zh: '身份证号',
    en: 'ID number',
    aliases: ['公民身份号码', '身份证号码', '身份证', 'idNumber', 'id_number', 'ID'],
    required: true,
    text: true,
    width: 24,
    example: '110115199001010012',
  },
  { ...MOBILE, required: false, example: '13900139002' },
  {
    key: 'village',
    zh: '所在村（社区）',
    en: 'Home village',
    aliases: ['村（社区）', '所在村', '村', '社区', '村社区', 'village', 'homeRegionCode'],
    required: true,
    width: 20,
    example: '伊庄村',
  },
  {
    key: 'team',
    zh: '志愿团队',
    en: 'Team',
    aliases: ['团队', '所属团队', 'team'],
    required: false,
    width: 24,
    example: '',
  },
];

/** Teams: corps (总队, no parent), teams and sub-teams under a parent named in the file or registry. */
export const TEAM_COLUMNS: readonly ImportColumn[] = [
  {
    key: 'name',
    zh: '团队名称',
    en: 'Team name',
    aliases: ['名称', '团队', 'name', 'team'],
    required: true,
    width: 28,
    example: '伊庄村邻里守望志愿服务队',
  },
  {
    key: 'parent',
    zh: '上级团队',
    en: 'Parent team',
    aliases: ['上级', '所属总队', 'parent'],
    required: false,
    width: 28,
    example: '魏善庄镇志愿服务总队',
  },
  {
    key: 'category',
    zh: '服务类别',
    en: 'Category',
    aliases: ['类别', '类别代码', 'category', 'categoryCode'],
    required: false,
    width: 16,
    example: '',
  },
  {
    key: 'region',
    zh: '所在区划',
    en: 'Region',
    aliases: ['区划', '区划代码', '所在村（社区）', 'region', 'regionCode'],
    required: true,
    width: 20,
    example: '伊庄村',
  },
  {
    key: 'leaderPhone',
    zh: '队长手机号',
    en: 'Leader phone',
    aliases: ['队长电话', '队长', 'leader', 'leader phone'],
    required: false,
    text: true,
    width: 16,
    example: '',
  },
];
