/**
 * Issue #15 point 4: the columns of the staff roster template (Chinese header first, English
 * accepted, spellings met in the wild as aliases). Pure data.
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
  {
    key: 'post',
    zh: '岗位',
    en: 'Post',
    aliases: ['AB岗', 'AB 岗位', '所在岗位', 'A/B岗', 'post (A/B)'],
    required: false,
    width: 16,
    example: '综合窗口A岗',
  },
];
