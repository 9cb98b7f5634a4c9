import { registerProblems, type ProblemSpec } from '../../shared/problem.ts';

/** Problem codes of CP-1/CP-2 community programs and enrolment. */
export const PROGRAM_PROBLEMS = {
  CP_PROGRAM_NOT_FOUND: { status: 404, zh: '没有该项目', en: 'No such program' },
  CP_CLASS_NOT_FOUND: { status: 404, zh: '没有该班级', en: 'No such class' },
  CP_CHILD_NOT_FOUND: { status: 404, zh: '没有该儿童的登记', en: 'No such child registered' },
  CP_ENROLMENT_NOT_FOUND: { status: 404, zh: '没有该报名', en: 'No such enrolment' },
  CP_PROGRAM_INVALID: {
    status: 400,
    zh: '项目内容不合理：结束日期不得早于开始日期，班级容量不得超过上限，年龄下限不得高于上限',
    en: 'The program is not plausible: the season ends after it starts, capacity within the hard maximum, minimum age not above the maximum',
  },
  CP_CHILD_EXISTS: {
    status: 409,
    zh: '您已登记过该身份证号的儿童',
    en: 'You have already registered a child with this ID number',
  },
  CP_CHILD_AGE: {
    status: 422,
    zh: '儿童年龄不符合该班级的要求',
    en: 'The child’s age does not fit this class',
  },
  CP_OUTSIDE_CATCHMENT: {
    status: 422,
    zh: '该班级只面向指定小区的儿童',
    en: 'This class is only for children from the neighbourhoods it serves',
  },
  CP_CLASS_NOT_OPEN: {
    status: 409,
    zh: '该班级尚未开始报名，或项目已取消',
    en: 'Enrolment for this class has not opened yet, or the program is cancelled',
  },
  CP_ENROLMENT_DUPLICATE: {
    status: 409,
    zh: '该儿童已报名该班级',
    en: 'This child is already enrolled or waiting for this class',
  },
  CP_ENROLMENT_STATE: {
    status: 409,
    zh: '该报名当前的状态不允许此操作',
    en: 'The enrolment’s status does not allow this',
  },
  CP_REASON_REQUIRED: {
    status: 400,
    zh: '请填写理由',
    en: 'A reason is required',
  },
  CP_OFFER_EXPIRED: {
    status: 409,
    zh: '该名额保留已过期，已转给下一位',
    en: 'This offer has expired and passed to the next family',
  },
} as const satisfies Record<string, ProblemSpec>;

declare module '../../shared/problem.ts' {
  interface ProblemTables {
    programs: typeof PROGRAM_PROBLEMS;
  }
}

registerProblems(PROGRAM_PROBLEMS);
