import { describe, expect, it } from 'vitest';
import { procedureSteps } from './procedure-steps';

describe('procedure steps', () => {
  it('splits numbered steps on one line or several', () => {
    expect(procedureSteps('1. 核验身份；2. 提交申请；3. 镇中心审核。')).toEqual([
      '核验身份',
      '提交申请',
      '镇中心审核。',
    ]);
    expect(procedureSteps('1、受理\n2、审核')).toEqual(['受理', '审核']);
    expect(procedureSteps('1. Check the ID.\n2. File it.')).toEqual(['Check the ID.', 'File it.']);
  });

  it('leaves unnumbered or oddly numbered text alone', () => {
    expect(procedureSteps('当场办结')).toBeNull();
    expect(procedureSteps('1. 只有一步')).toBeNull();
    expect(procedureSteps('2. 先; 1. 后')).toBeNull();
    expect(procedureSteps('费用 2.5 元，当场办结')).toBeNull();
  });
});
