/**
 * Issue #15 point 3: why a row of the volunteer teams import is refused (zh + en), by code.
 */

export const TEAM_REASONS = {
  TEAM_NAME_MISSING: { zh: '缺少队伍名称', en: 'Team name missing' },
  TEAM_NAME_TOO_LONG: {
    zh: '队伍名称过长（最多 100 字）',
    en: 'Team name too long (100 characters at most)',
  },
  TEAM_KIND_UNKNOWN: {
    zh: '类型应为“总队”“队伍”或“分队”',
    en: 'Kind must be corps, team or sub-team',
  },
  TEAM_KIND_PARENT: {
    zh: '类型与上级队伍不符：总队没有上级，队伍的上级是总队，分队的上级是队伍',
    en: 'Kind does not fit the parent: a corps has none, a team sits under a corps, a sub-team under a team',
  },
  TEAM_KIND_DIFFERENT: {
    zh: '已有同名队伍但类型不同；类型不能由导入修改',
    en: 'A team of this name exists with another kind; an import does not change the kind',
  },
  TEAM_PARENT_UNKNOWN: {
    zh: '您的管辖范围内和文件中都没有这个上级队伍',
    en: 'No parent team of that name in your scope or in the file',
  },
  TEAM_PARENT_AMBIGUOUS: {
    zh: '有多个同名的上级队伍，请改名区分',
    en: 'Several teams have the parent’s name',
  },
  TEAM_PARENT_REFUSED: {
    zh: '上级队伍所在行被拒绝',
    en: 'The parent team’s row is refused',
  },
  TEAM_PARENT_CYCLE: {
    zh: '上级队伍循环引用（队伍不能是自己的上级）',
    en: 'The parent teams form a cycle',
  },
  TEAM_PARENT_REGION: {
    zh: '所属区域不在上级队伍的区域内',
    en: 'The region lies outside the parent team’s region',
  },
  TEAM_REGION_MISSING: { zh: '缺少所属区域', en: 'Region missing' },
  TEAM_REGION_UNKNOWN: { zh: '没有这个区划', en: 'No such region' },
  TEAM_REGION_AMBIGUOUS: {
    zh: '有多个同名区划，请填写 12 位区划代码',
    en: 'Several regions have this name; give the 12-digit region code',
  },
  TEAM_REGION_LEVEL: {
    zh: '队伍的所属区域应为区、镇（街道）或村（社区）',
    en: 'A team belongs to a district, a town or a village',
  },
  TEAM_REGION_OUT_OF_SCOPE: {
    zh: '该区划不在您的管辖范围内',
    en: 'That region is outside your scope',
  },
  TEAM_CATEGORY_UNKNOWN: { zh: '没有这个服务类别', en: 'No such service category' },
  TEAM_CATEGORY_OUT_OF_REGION: {
    zh: '该服务类别属于其他地区，不能在此使用',
    en: 'That category belongs to another region',
  },
  TEAM_LEADER_PHONE_INVALID: {
    zh: '负责人手机号应为 11 位手机号码',
    en: 'Leader mobile must have 11 digits',
  },
  TEAM_LEADER_UNKNOWN: {
    zh: '没有使用该手机号的账号（请先导入人员名册）',
    en: 'No account with this mobile (import the staff roster first)',
  },
  TEAM_LEADER_NOT_LEADER: {
    zh: '该账号没有“志愿队长”角色或已停用',
    en: 'That account is not an active team leader',
  },
  TEAM_PERSON_MISSING: {
    zh: '请填写负责人姓名或负责人手机号',
    en: 'Give the person in charge or the leader’s mobile',
  },
  TEAM_PERSON_TOO_LONG: {
    zh: '负责人姓名过长（最多 50 字）',
    en: 'Person in charge too long (50 characters at most)',
  },
  TEAM_CONTACT_MISSING: {
    zh: '请填写联系电话或负责人手机号',
    en: 'Give a contact phone or the leader’s mobile',
  },
  TEAM_CONTACT_INVALID: {
    zh: '联系电话应为 11 位手机号或带区号的固定电话',
    en: 'Contact phone must be an 11-digit mobile or a landline with area code',
  },
  TEAM_ORGANISATION_TOO_LONG: {
    zh: '所属单位过长（最多 100 字）',
    en: 'Organisation too long (100 characters at most)',
  },
  TEAM_DESCRIPTION_TOO_LONG: {
    zh: '简介过长（最多 1000 字）',
    en: 'Description too long (1000 characters at most)',
  },
  TEAM_DUPLICATE_IN_FILE: {
    zh: '与文件中另一行重复（同一名称、区域和上级队伍）',
    en: 'Same name, region and parent as another row of the file',
  },
} as const satisfies Record<string, { zh: string; en: string }>;

export type TeamReasonCode = keyof typeof TEAM_REASONS;
export interface TeamReason {
  code: TeamReasonCode;
  detail?: string;
}
