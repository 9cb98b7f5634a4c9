import { describe, expect, it } from 'vitest';
import { checkVar, MAX_VAR_CHARS } from '../notifications/templates.rules.ts';
import { materialsText, outcomeText } from './case-messages.rules.ts';

describe('issue #15 point 5: a case’s SMS in words', () => {
  it('names the missing materials, or as many as fit and how many in all', () => {
    expect(materialsText(['户口簿'])).toBe('户口簿');
    expect(materialsText(['户口簿', '近期免冠照片'])).toBe('户口簿、近期免冠照片');
    const many = [
      '居民身份证原件',
      '户口簿',
      '近期一寸免冠照片',
      '村委会出具的证明',
      '银行卡复印件',
    ];
    const text = materialsText(many);
    expect(text.endsWith('等5项')).toBe(true);
    expect([...text].length).toBeLessThanOrEqual(MAX_VAR_CHARS);
    expect(materialsText(['很'.repeat(60)])).toHaveLength(MAX_VAR_CHARS);
    for (const t of [text, materialsText(['很'.repeat(60), '户口簿'])])
      expect(checkVar('materials', 'text', t)).toEqual([]);
  });

  it('says the outcome of a decision or a refusal, nothing for other actions', () => {
    expect(outcomeText('decide', 'approved')).toBe('办结（准予办理）');
    expect(outcomeText('decide', 'not_approved')).toBe('办结（不予批准）');
    expect(outcomeText('refuse', null)).toBe('不予受理');
    expect(outcomeText('route', null)).toBeNull();
  });
});
