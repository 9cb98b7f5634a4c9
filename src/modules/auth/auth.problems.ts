import { registerProblems, type ProblemSpec } from '../../shared/problem.ts';

/** Problem codes of logins, accounts, passwords and the second factor. */
export const AUTH_PROBLEMS = {
  INVALID_CREDENTIALS: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  ACCOUNT_DISABLED: { status: 403, zh: '账号已停用', en: 'This account is disabled' },
  LOGIN_RATE_LIMITED: {
    status: 429,
    zh: '登录失败次数过多，请稍后再试',
    en: 'Too many failed logins; try again later',
  },
  WRONG_PASSWORD: { status: 400, zh: '当前密码不正确', en: 'The current password is wrong' },
  WEAK_PASSWORD: {
    status: 400,
    zh: '密码至少 12 位，且新密码须与旧密码不同',
    en: 'A password needs at least 12 characters, and a new one must differ from the old one',
  },
  USERNAME_TAKEN: { status: 409, zh: '用户名已被使用', en: 'That username is taken' },
  UNKNOWN_ROLE: { status: 400, zh: '未知角色', en: 'Unknown role' },
  PASSWORD_TOO_COMMON: {
    status: 400,
    zh: '该密码过于常见或容易被猜到，请换一个更长、更不常见的密码',
    en: 'This password is too common or easy to guess; choose a longer, less common one',
  },
  TOTP_REQUIRED: {
    status: 401,
    zh: '请输入身份验证器应用中的 6 位动态验证码',
    en: 'Enter the 6-digit code from your authenticator app',
  },
  TOTP_INVALID: {
    status: 401,
    zh: '动态验证码不正确或已使用',
    en: 'The authenticator code is wrong or already used',
  },
  TOTP_ENROLMENT_REQUIRED: {
    status: 403,
    zh: '管理员须先启用双重验证（身份验证器应用），请到“账号设置”中启用',
    en: 'Administrators must turn on two-step verification first (Account settings)',
  },
  PASSWORD_CHANGE_REQUIRED: {
    status: 403,
    zh: '请先修改初始密码（一次性密码），再进行其他操作',
    en: 'Change your one-time password first; nothing else is allowed until then',
  },
  TOTP_NOT_STARTED: {
    status: 409,
    zh: '请先开始启用双重验证',
    en: 'Start setting up two-step verification first',
  },
  TOTP_ALREADY_ENABLED: {
    status: 409,
    zh: '双重验证已启用',
    en: 'Two-step verification is already on',
  },
  TOTP_REQUIRED_BY_POLICY: {
    status: 409,
    zh: '本系统要求管理员使用双重验证，不能关闭',
    en: 'Administrators must keep two-step verification on here',
  },
  SMS_COOLDOWN: {
    status: 429,
    zh: '验证码已发送，请稍候再重新获取',
    en: 'A code was just sent; wait a moment before asking for another',
  },
  SMS_RATE_LIMITED: {
    status: 429,
    zh: '获取验证码次数过多，请一小时后再试',
    en: 'Too many codes asked for; try again in an hour',
  },
  SMS_CODE_INVALID: {
    status: 401,
    zh: '验证码不正确，请核对短信中的 6 位数字',
    en: 'The code is wrong; check the 6 digits in the text message',
  },
  SMS_CODE_EXPIRED: {
    status: 401,
    zh: '验证码已失效（超过 5 分钟或输错次数过多），请重新获取',
    en: 'The code has expired (over 5 minutes, or too many wrong tries); ask for a new one',
  },
  ACCOUNT_NOT_FOUND: {
    status: 404,
    zh: '未找到该账号，或该账号不在您的管理范围内',
    en: 'No such account within your scope',
  },
  ACCOUNT_OUT_OF_SCOPE: {
    status: 403,
    zh: '该账号还有超出您管理范围的角色，只能由上级管理员修改',
    en: 'This account holds roles beyond your scope; a higher administrator must change it',
  },
  ACCOUNT_SELF_CHANGE: {
    status: 409,
    zh: '不能停用、重置或修改自己的账号角色，请由其他管理员操作',
    en: 'You cannot disable, reset or change the roles of your own account; ask another administrator',
  },
  ACCOUNT_LAST_GRANT: {
    status: 409,
    zh: '这是该账号的最后一个角色；如不再使用，请停用账号',
    en: 'This is the account’s last role; disable the account instead',
  },
  ACCOUNT_TRANSITION_NOT_ALLOWED: {
    status: 409,
    zh: '账号当前状态下不能进行此操作',
    en: 'This cannot be done to the account in its current state',
  },
  ACCOUNT_GRANT_EXISTS: {
    status: 409,
    zh: '该账号已在此范围拥有此角色',
    en: 'The account already holds this role over this scope',
  },
  ACCOUNT_GRANT_NOT_FOUND: {
    status: 404,
    zh: '未找到该角色授权',
    en: 'No such role grant on this account',
  },
} as const satisfies Record<string, ProblemSpec>;

declare module '../../shared/problem.ts' {
  interface ProblemTables {
    auth: typeof AUTH_PROBLEMS;
  }
}

registerProblems(AUTH_PROBLEMS);
