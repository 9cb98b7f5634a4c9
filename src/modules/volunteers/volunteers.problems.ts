import { registerProblems, type ProblemSpec } from '../../shared/problem.ts';

/** Problem codes of volunteers, teams and the resource/project lists (VS-1, VS-2) (registered with the kernel below).
 * VS_TEAM_NOT_FOUND is owned by records.problems.ts, VS_PROJECT_NOT_FOUND by activities.problems.ts. */
export const VOLUNTEERS_PROBLEMS = {
  VOLUNTEER_TOO_YOUNG: {
    status: 422,
    zh: '未满 14 周岁不能注册为志愿者',
    en: 'Volunteers must be at least 14 years old',
  },
  VOLUNTEER_GUARDIAN_CONSENT_REQUIRED: {
    status: 422,
    zh: '14–17 周岁的志愿者须登记监护人同意（姓名、关系、电话、方式）',
    en: 'Volunteers aged 14–17 need a recorded guardian consent (name, relation, phone, method)',
  },
  VOLUNTEER_CONSENT_DATE_INVALID: {
    status: 400,
    zh: '监护人同意的记录时间不能晚于现在',
    en: 'The guardian consent cannot be recorded in the future',
  },
  VOLUNTEER_ALREADY_REGISTERED: {
    status: 409,
    zh: '该身份证号或账号已注册为志愿者',
    en: 'This ID number or account is already registered as a volunteer',
  },
  VOLUNTEER_NOT_REGISTERED: {
    status: 409,
    zh: '请先完成志愿者实名注册',
    en: 'Register as a volunteer first',
  },
  VOLUNTEER_NOT_FOUND: { status: 404, zh: '没有该志愿者', en: 'No such volunteer' },
  VOLUNTEER_ACCOUNT_LINKED: {
    status: 409,
    zh: '该志愿者记录已关联账号；如需更换，请先解除关联',
    en: 'This volunteer record is already linked to an account; unlink it first',
  },
  VOLUNTEER_ACCOUNT_NOT_LINKED: {
    status: 409,
    zh: '该志愿者记录尚未关联账号',
    en: 'This volunteer record is not linked to an account',
  },
  VOLUNTEER_LINK_ACCOUNT_NOT_FOUND: {
    status: 404,
    zh: '没有该账号',
    en: 'No such account',
  },
  VOLUNTEER_CLAIM_NO_PHONE: {
    status: 409,
    zh: '您的账号还没有验证过的手机号，请用手机验证码登录，或到服务站由工作人员关联',
    en: 'Your account has no verified phone; log in by SMS code, or ask staff at a station to link your record',
  },
  VOLUNTEER_CLAIM_NONE: {
    status: 404,
    zh: '没有找到登记了您手机号、尚未关联账号的志愿者记录，请联系文明实践站工作人员',
    en: 'No unlinked volunteer record has your phone number; ask the volunteer centre staff',
  },
  VOLUNTEER_REGION_INVALID: {
    status: 422,
    zh: '常住地须为街道/乡镇或社区/村，服务区域须为已有区划',
    en: 'The home region must be a town/street or community/village; service areas must be known regions',
  },
  VS_CATEGORY_EXISTS: { status: 409, zh: '该服务类别代码已存在', en: 'This category code exists' },
  VS_CATEGORY_NOT_FOUND: { status: 404, zh: '没有该服务类别', en: 'No such service category' },
  VS_CATEGORY_OUT_OF_REGION: {
    status: 422,
    zh: '该服务类别属于其他地区，只能在其所属地区内使用',
    en: 'This service category belongs to another region and can be used only inside it',
  },
  VS_CATEGORY_UNKNOWN: {
    status: 422,
    zh: '服务类别不存在或已停用',
    en: 'The service category does not exist or is inactive',
  },
  VS_TEAM_PARENT_INVALID: {
    status: 422,
    zh: '上级不符合要求：总队无上级；队伍的上级须为总队；分队的上级须为队伍；区域须在上级区域内',
    en: 'Invalid parent: a corps has none, a team sits under a corps, a sub-team under a team, inside its region',
  },
  VS_TEAM_LEADER_INVALID: {
    status: 422,
    zh: '队长须为在用的志愿队长账号',
    en: 'The leader must be an active team-leader account',
  },
  VS_TEAM_INACTIVE: { status: 409, zh: '该队伍已停用', en: 'This team is inactive' },
  VS_NOT_TEAM_LEADER: {
    status: 403,
    zh: '只有本队（或上级队伍）的队长或文明实践中心人员可以办理',
    en: 'Only a leader of this team (or of its parent) or centre staff may do this',
  },
  VS_JOIN_ALREADY: {
    status: 409,
    zh: '您已申请或已加入该队伍',
    en: 'You have already asked to join or are a member of this team',
  },
  VS_JOIN_REQUEST_NOT_FOUND: { status: 404, zh: '没有该入队申请', en: 'No such join request' },
  VS_JOIN_ALREADY_DECIDED: {
    status: 409,
    zh: '该入队申请已处理',
    en: 'This join request was already decided',
  },
  VS_RESOURCE_NOT_FOUND: { status: 404, zh: '没有该资源', en: 'No such resource' },
} as const satisfies Record<string, ProblemSpec>;

declare module '../../shared/problem.ts' {
  interface ProblemTables {
    volunteers: typeof VOLUNTEERS_PROBLEMS;
  }
}

registerProblems(VOLUNTEERS_PROBLEMS);
