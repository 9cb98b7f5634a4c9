import { registerProblems, type ProblemSpec } from '../../shared/problem.ts';

/** Problem codes of scans (GS-5) and printed documents (GS-9). */
export const DOCUMENT_PROBLEMS = {
  ATTACHMENT_TYPE_UNSUPPORTED: {
    status: 415,
    zh: '扫描件仅支持 JPEG、PNG 或 PDF 格式，请按文件类型提交',
    en: 'Scans must be sent as JPEG, PNG or PDF with that content type',
  },
  ATTACHMENT_TYPE_MISMATCH: {
    status: 415,
    zh: '文件内容与声明的类型不符',
    en: 'The file’s content does not match its declared type',
  },
  ATTACHMENT_EMPTY: { status: 400, zh: '文件为空', en: 'The file is empty' },
  ATTACHMENT_NOT_FOUND: { status: 404, zh: '没有该扫描件', en: 'No such scan' },
  DOCUMENT_FONT_MISSING: {
    status: 503,
    zh: '服务器未安装中文字体，无法生成 PDF；请安装 fonts-noto-cjk 或设置 DOORSTEP_CJK_FONT',
    en: 'No CJK font is installed on the server, so the PDF cannot be made; install fonts-noto-cjk or set DOORSTEP_CJK_FONT',
  },
  DOCUMENT_BUSY: {
    status: 503,
    zh: '打印任务过多，请稍后重试',
    en: 'Too many documents are being printed; try again shortly',
  },
  DOCUMENT_RENDER_FAILED: {
    status: 503,
    zh: '文书生成失败（超时或内存不足），请稍后重试',
    en: 'The document could not be drawn (timeout or out of memory); try again shortly',
  },
} as const satisfies Record<string, ProblemSpec>;

declare module '../../shared/problem.ts' {
  interface ProblemTables {
    documents: typeof DOCUMENT_PROBLEMS;
  }
}

registerProblems(DOCUMENT_PROBLEMS);
