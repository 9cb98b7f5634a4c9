import { registerProblems, type ProblemSpec } from '../../shared/problem.ts';

/** Problem codes of CP-1/CP-2 community programs and enrolment. */
export const PROGRAM_PROBLEMS = {
  CP_PROGRAM_NOT_FOUND: { status: 404, zh: '没有该项目', en: 'No such program' },
  CP_CLASS_NOT_FOUND: { status: 404, zh: '没有该班级', en: 'No such class' },
  CP_CHILD_NOT_FOUND: { status: 404, zh: '没有该儿童的登记', en: 'No such child registered' },
  CP_ENROLMENT_NOT_FOUND: { status: 404, zh: '没有该报名', en: 'No such enrolment' },
  CP_PROGRAM_INVALID: {
    status: 400,
    zh: '项目内容不合理：结束日期不得早于开始日期，班级容量不得超过上限，年龄、年级下限不得高于上限',
    en: 'The program is not plausible: the season ends after it starts, capacity within the hard maximum, minimum age or grade not above the maximum',
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
  CP_CHILD_GRADE: {
    status: 422,
    zh: '儿童所在年级不符合该班级的要求',
    en: 'The child’s school grade does not fit this class',
  },
  CP_CHILD_GRADE_UNKNOWN: {
    status: 422,
    zh: '该班级按年级招收，请先填写儿童所在年级',
    en: 'This class admits by school grade: record the child’s grade first',
  },
  CP_GRADE_INVALID: {
    status: 400,
    zh: '年级所属学年不合理：应为本学年、上一学年或下一学年',
    en: 'The grade’s school year is not plausible: this school year, the last or the next',
  },
  CP_OUTSIDE_NEIGHBOURHOOD: {
    status: 422,
    zh: '该班级只面向指定小区的儿童，您孩子所在小区不在其中',
    en: 'This class is only for children from the neighbourhoods it serves; your child’s is not one of them',
  },
  CP_NEIGHBOURHOOD_UNKNOWN: {
    status: 422,
    zh: '没有这个小区：请从社区登记的小区中选择',
    en: 'No such neighbourhood: choose one of those the community lists',
  },
  CP_NEIGHBOURHOOD_RENAME: {
    status: 422,
    zh: '改名不成立：原名须在原名单中且不在新名单中，新名须在新名单中，每个小区只能改一次',
    en: 'The rename does not fit: the old name must be on the old list and not the new one, the new name on the new list, each neighbourhood renamed once',
  },
  CP_NEIGHBOURHOOD_REGION: {
    status: 400,
    zh: '小区只能登记在社区（村）一级',
    en: 'Neighbourhoods are listed for a community (village-level region) only',
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
  CP_SIBLINGS_INVALID: {
    status: 400,
    zh: '兄弟姐妹一起报名时，每个孩子只能出现一次',
    en: 'Siblings applying together: each child may appear only once',
  },
  CP_NOT_LOTTERY: {
    status: 409,
    zh: '该班级不是摇号班级',
    en: 'This class does not draw lots',
  },
  CP_DRAW_NOT_DUE: {
    status: 409,
    zh: '报名窗口尚未结束，不能摇号',
    en: 'The application window has not closed yet: the draw cannot run',
  },
  CP_DRAW_DONE: {
    status: 409,
    zh: '该班级已经摇过号',
    en: 'This class has already been drawn',
  },
  CP_DRAW_NOT_FOUND: {
    status: 404,
    zh: '该班级还没有摇号记录',
    en: 'This class has no recorded draw yet',
  },
} as const satisfies Record<string, ProblemSpec>;

declare module '../../shared/problem.ts' {
  interface ProblemTables {
    programs: typeof PROGRAM_PROBLEMS;
  }
}

registerProblems(PROGRAM_PROBLEMS);
