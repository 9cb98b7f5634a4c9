import { registerProblems, type ProblemSpec } from '../../shared/problem.ts';

/** Problem codes of the region tree and stations. */
export const REGION_PROBLEMS = {
  UNKNOWN_REGION: { status: 400, zh: '区划代码不存在', en: 'Unknown region code' },
  REGION_NOT_VILLAGE: {
    status: 400,
    zh: '户籍地须为村/社区一级区划',
    en: 'The home region must be a village or community',
  },
  REGION_EXISTS: { status: 409, zh: '该区划代码已存在', en: 'That region code already exists' },
  REGION_INVALID: { status: 400, zh: '区划数据无效', en: 'Invalid region data' },
  REGION_QUERY_INVALID: {
    status: 400,
    zh: '请输入地区名称、拼音或拼音首字母',
    en: 'Type part of a region name, its pinyin or its initials',
  },
  UNKNOWN_STATION: { status: 400, zh: '服务站不存在', en: 'Unknown station' },
  STATION_CODE_TAKEN: { status: 409, zh: '服务站编码已被使用', en: 'That station code is taken' },
  STATION_KIND_MISMATCH: {
    status: 400,
    zh: '服务站类型与所在区划级别不符',
    en: 'The station kind does not fit the region level',
  },
} as const satisfies Record<string, ProblemSpec>;

declare module '../../shared/problem.ts' {
  interface ProblemTables {
    regions: typeof REGION_PROBLEMS;
  }
}

registerProblems(REGION_PROBLEMS);
