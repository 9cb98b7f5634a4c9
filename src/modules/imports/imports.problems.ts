import { registerProblems, type ProblemSpec } from '../../shared/problem.ts';

/** Problem codes of the Excel imports of people (issue #15 point 3). Nothing is written on any. */
export const IMPORT_PROBLEMS = {
  IMPORT_FILE_UNREADABLE: {
    status: 400,
    zh: '无法读取该文件，请上传由模板填写的 .xlsx 文件',
    en: 'The file cannot be read; upload the .xlsx filled in from the template',
  },
  IMPORT_FILE_TOO_LARGE: {
    status: 413,
    zh: '文件过大，请分批导入',
    en: 'The file is too large; import it in parts',
  },
  IMPORT_HEADERS: {
    status: 422,
    zh: '表头与模板不符：缺少必填列或有无法识别的列，请按模板填写',
    en: 'The headers do not match the template: a required column is missing or a column is unknown',
  },
  IMPORT_EMPTY: {
    status: 422,
    zh: '文件中没有数据行',
    en: 'The file has no data rows',
  },
  IMPORT_TOO_MANY_ROWS: {
    status: 413,
    zh: '行数超过一次导入的上限，请分批导入',
    en: 'More rows than one import allows; import the file in parts',
  },
  IMPORT_REFUSED: {
    status: 422,
    zh: '导入未执行：有被拒绝的行，请全部改正后重新导入',
    en: 'Nothing was imported: some rows were refused; correct every one and import again',
  },
} as const satisfies Record<string, ProblemSpec>;

declare module '../../shared/problem.ts' {
  interface ProblemTables {
    imports: typeof IMPORT_PROBLEMS;
  }
}

registerProblems(IMPORT_PROBLEMS);
