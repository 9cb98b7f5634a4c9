import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldMessage } from './validation-messages.ts';

/** The issues zod reports for `value`, in the shape fastify-type-provider-zod passes on. */
function issues(schema: z.ZodType, value: unknown) {
  const r = schema.safeParse(value);
  if (r.success) throw new Error('expected a failure');
  return r.error.issues.map(({ code, message, path, ...params }) => ({
    keyword: code,
    message,
    params,
    path: path.join('.'),
  }));
}

const zh = (schema: z.ZodType, value: unknown) =>
  issues(schema, value).map((i) => fieldMessage(i, 'zh-CN'));

describe('X-6 X-9 per-field validation messages', () => {
  it('says in Chinese what is wrong with each kind of field', () => {
    const s = z.strictObject({
      name: z.string().trim().min(1).max(5),
      code: z.string().min(3),
      n: z.number().int().min(1).max(9),
      list: z.array(z.string()).min(1).max(2),
      kind: z.enum(['a', 'b']),
      id: z.string().uuid(),
      day: z.string().regex(/^\d{4}$/),
      must: z.string(),
    });
    expect(
      zh(s, {
        name: '',
        code: 'ab',
        n: 0,
        list: [],
        kind: 'c',
        id: 'x',
        day: 'y',
        extra: 1,
      }),
    ).toEqual([
      '不能为空',
      '至少 3 个字符',
      '不能小于 1',
      '至少 1 项',
      '只能是以下之一：a、b',
      '编号格式不正确',
      '格式不正确',
      '必填',
      '不认识的字段：extra',
    ]);
    expect(zh(s.shape.name, '123456')).toEqual(['最多 5 个字符']);
    expect(zh(s.shape.n, 10)).toEqual(['不能大于 9']);
    expect(zh(s.shape.n, 1.5)).toEqual(['类型不正确，应为整数']);
    expect(zh(s.shape.list, ['a', 'b', 'c'])).toEqual(['最多 2 项']);
    expect(zh(s.shape.must, 5)).toEqual(['类型不正确，应为文字']);
    expect(zh(z.number().gt(0), 0)).toEqual(['应大于 0']);
    expect(
      zh(
        z.string().refine(() => false, 'not a calendar date'),
        'x',
      ),
    ).toEqual(['内容不符合要求（not a calendar date）']);
  });

  it('keeps zod’s English wording for English, and never echoes the input', () => {
    const [short] = issues(z.string().min(20), 'secret-value');
    expect(fieldMessage(short!, 'en')).toMatch(/Too small/);
    expect(fieldMessage(short!, 'zh-CN')).not.toContain('secret');
    expect(fieldMessage(short!, 'en')).not.toContain('secret');
    expect(fieldMessage({ keyword: 'something_new' }, 'zh-CN')).toBe('内容不符合要求');
    expect(fieldMessage({}, 'en')).toBe('invalid');
  });
});
