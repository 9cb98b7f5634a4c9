/**
 * Per-field messages for schema validation errors in the caller's language (X-1: Chinese first).
 * Built from the zod issue (its code and parameters), never from user input. English keeps zod's
 * own wording; Chinese is written here. Pure.
 */
import type { Locale } from '../shared/problem.ts';

/** One validation entry as fastify-type-provider-zod reports it. */
export interface ValidationIssue {
  keyword?: string | undefined;
  message?: string | undefined;
  params?: Record<string, unknown> | undefined;
}

const TYPE_ZH: Record<string, string> = {
  string: '文字',
  number: '数字',
  int: '整数',
  bigint: '整数',
  boolean: '是或否（true/false）',
  array: '列表',
  object: '对象',
  date: '日期',
  null: '空值',
};

const FORMAT_ZH: Record<string, string> = {
  uuid: '编号格式不正确',
  guid: '编号格式不正确',
  email: '电子邮箱格式不正确',
  url: '网址格式不正确',
  date: '日期格式应为 YYYY-MM-DD',
  datetime: '时间格式不正确',
  regex: '格式不正确',
  starts_with: '开头不正确',
  ends_with: '结尾不正确',
  includes: '缺少必需的内容',
};

function num(v: unknown): string {
  return typeof v === 'number' || typeof v === 'bigint' ? String(v) : '?';
}

function zhMessage(issue: ValidationIssue): string {
  const p = issue.params ?? {};
  const msg = issue.message ?? '';
  switch (issue.keyword ?? '') {
    case 'invalid_type': {
      if (/received undefined/.test(msg)) return '必填';
      const expected = typeof p.expected === 'string' ? p.expected : '';
      return `类型不正确，应为${TYPE_ZH[expected] ?? expected}`;
    }
    case 'too_small': {
      const n = num(p.minimum);
      const strict = p.inclusive === false;
      if (p.origin === 'string')
        return n === '1' && !strict ? '不能为空' : `至少 ${n}${strict ? ' 个以上' : ' 个'}字符`;
      if (p.origin === 'array' || p.origin === 'set')
        return `至少 ${n}${strict ? ' 项以上' : ' 项'}`;
      return strict ? `应大于 ${n}` : `不能小于 ${n}`;
    }
    case 'too_big': {
      const n = num(p.maximum);
      const strict = p.inclusive === false;
      if (p.origin === 'string') return `最多 ${n} 个字符`;
      if (p.origin === 'array' || p.origin === 'set') return `最多 ${n} 项`;
      return strict ? `应小于 ${n}` : `不能大于 ${n}`;
    }
    case 'invalid_format': {
      const format = typeof p.format === 'string' ? p.format : '';
      return FORMAT_ZH[format] ?? '格式不正确';
    }
    case 'invalid_value': {
      const values = Array.isArray(p.values) ? p.values.map(String) : [];
      return values.length ? `只能是以下之一：${values.join('、')}` : '取值不正确';
    }
    case 'unrecognized_keys': {
      const keys = Array.isArray(p.keys) ? p.keys.map(String) : [];
      return `不认识的字段：${keys.join('、')}`;
    }
    case 'not_multiple_of':
      return `应为 ${num(p.divisor)} 的倍数`;
    case 'invalid_union':
      return '内容不符合任何一种允许的格式';
    case 'invalid_key':
      return '字段名不正确';
    case 'invalid_element':
      return '列表中有不正确的项';
    case 'custom':
      return msg ? `内容不符合要求（${msg}）` : '内容不符合要求';
    default:
      return '内容不符合要求';
  }
}

/** The field's message in the locale: Chinese from the issue's code, English as zod words it. */
export function fieldMessage(issue: ValidationIssue, locale: Locale): string {
  if (locale === 'en') return issue.message || 'invalid';
  return zhMessage(issue);
}
