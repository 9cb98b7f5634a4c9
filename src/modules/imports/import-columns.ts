/**
 * The columns of each import's template: the Chinese header a clerk sees, the English header the
 * importer also accepts, and other spellings met in the wild (aliases). Pure data.
 */
import { STAFF_COLUMNS } from './roster-columns.ts';
import { TEAM_COLUMNS, VOLUNTEER_COLUMNS } from './volunteer-columns.ts';

export const IMPORT_KINDS = [
  'residents',
  'hours',
  'stations',
  'staff',
  'teams',
  'volunteers',
] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface ImportColumn {
  key: string;
  zh: string;
  en: string;
  aliases: readonly string[];
  required: boolean;
  /** Stored as text in the template, so Excel does not turn an ID number into 1.10115E+17. */
  text?: boolean;
  width: number;
  example: string;
}

export const RESIDENT_COLUMNS: readonly ImportColumn[] = [
  {
    key: 'idNumber',
    zh: '身份证号',
    en: 'ID number',
    aliases: ['公民身份号码', '身份证号码', '身份证', 'idNumber', 'id_number', 'ID'],
    required: true,
    text: true,
    width: 24,
    example: '110115198001010019',
  },
  {
    key: 'fullName',
    zh: '姓名',
    en: 'Name',
    aliases: ['fullName', 'full name', 'full_name'],
    required: true,
    width: 12,
    example: '张三',
  },
  {
    key: 'phone',
    zh: '手机号',
    en: 'Phone',
    aliases: ['联系电话', '电话', '手机', '手机号码', 'mobile', 'phone number'],
    required: false,
    text: true,
    width: 16,
    example: '13800138000',
  },
  {
    key: 'village',
    zh: '所在村（社区）',
    en: 'Home village',
    aliases: [
      '村（社区）',
      '所在村',
      '村',
      '社区',
      '村社区',
      'village',
      'homeRegionCode',
      'home region',
    ],
    required: true,
    width: 20,
    example: '伊庄村',
  },
  {
    key: 'address',
    zh: '住址',
    en: 'Address',
    aliases: ['地址', '家庭住址', 'home address'],
    required: false,
    width: 30,
    example: '伊庄村东街 8 号',
  },
];

/** Historic confirmed volunteer hours: one row per volunteer, team, day and content. */
export const HOURS_COLUMNS: readonly ImportColumn[] = [
  {
    key: 'volunteer',
    zh: '志愿者身份证号或手机号',
    en: 'Volunteer ID number or phone',
    aliases: ['志愿者', '身份证号', '手机号', 'volunteer', 'ID number', 'phone'],
    required: true,
    text: true,
    width: 26,
    example: '110115198001010019',
  },
  {
    key: 'date',
    zh: '服务日期',
    en: 'Service date',
    aliases: ['日期', 'date'],
    required: true,
    text: true,
    width: 14,
    example: '2024-03-05',
  },
  {
    key: 'hours',
    zh: '服务时长（小时）',
    en: 'Hours',
    aliases: ['时长', '服务时长', '小时', 'hours'],
    required: true,
    width: 16,
    example: '2.5',
  },
  {
    key: 'content',
    zh: '服务内容',
    en: 'Service content',
    aliases: ['内容', 'content'],
    required: true,
    width: 30,
    example: '为独居老人送餐',
  },
  {
    key: 'place',
    zh: '服务地点',
    en: 'Place',
    aliases: ['地点', 'place'],
    required: false,
    width: 20,
    example: '伊庄村',
  },
  {
    key: 'team',
    zh: '记录团队',
    en: 'Recording team',
    aliases: ['记录组织', '团队', '志愿团队', 'team', 'recording organisation'],
    required: true,
    width: 24,
    example: '魏善庄镇邻里守望志愿服务队',
  },
];

/** Stations (便民服务站 / 便民服务中心): the kind follows the region's level. */
export const STATION_COLUMNS: readonly ImportColumn[] = [
  {
    key: 'region',
    zh: '所在区划',
    en: 'Region',
    aliases: ['村（社区）', '所在村（社区）', '区划', '区划代码', 'region code', 'village'],
    required: true,
    text: true,
    width: 20,
    example: '伊庄村',
  },
  {
    key: 'name',
    zh: '站点名称',
    en: 'Station name',
    aliases: ['名称', '站点', 'name'],
    required: false,
    width: 26,
    example: '伊庄村便民服务站',
  },
  {
    key: 'code',
    zh: '站点编码',
    en: 'Station code',
    aliases: ['编码', 'code'],
    required: false,
    text: true,
    width: 18,
    example: 'WSZ-YZ',
  },
  {
    key: 'address',
    zh: '地址',
    en: 'Address',
    aliases: ['站点地址', '办公地址', 'address'],
    required: true,
    width: 30,
    example: '伊庄村村委会一层',
  },
  {
    key: 'phone',
    zh: '电话',
    en: 'Phone',
    aliases: ['联系电话', '咨询电话', 'phone number'],
    required: true,
    text: true,
    width: 16,
    example: '010-89211234',
  },
  {
    key: 'openingHours',
    zh: '开放时间',
    en: 'Opening hours',
    aliases: ['办公时间', '服务时间', 'hours', 'opening hours'],
    required: false,
    width: 36,
    example: '周一至周五 09:00-17:00；周六 09:00-12:00',
  },
];

export const COLUMNS_OF: Record<ImportKind, readonly ImportColumn[]> = {
  residents: RESIDENT_COLUMNS,
  hours: HOURS_COLUMNS,
  stations: STATION_COLUMNS,
  staff: STAFF_COLUMNS,
  teams: TEAM_COLUMNS,
  volunteers: VOLUNTEER_COLUMNS,
};

export const SHEET_NAME_OF: Record<ImportKind, string> = {
  residents: '居民',
  hours: '历史服务时长',
  stations: '便民服务站',
  staff: '工作人员名册',
  teams: '志愿队伍',
  volunteers: '志愿者',
};

/** "身份证号 *", " ID Number ", "所在村(社区)" → one comparable spelling. */
export function normaliseHeader(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/[*＊]/g, '')
    .replace(/[\s_-]+/g, '')
    .toLowerCase();
}

/** Which column a header names, or null. */
export function columnOfHeader(columns: readonly ImportColumn[], raw: string): ImportColumn | null {
  const h = normaliseHeader(raw);
  if (h === '') return null;
  return (
    columns.find((c) => [c.zh, c.en, c.key, ...c.aliases].some((n) => normaliseHeader(n) === h)) ??
    null
  );
}
