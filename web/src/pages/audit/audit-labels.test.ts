import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '../../../../src/modules/audit/audit-actions';
import en from '../../i18n/en.json';
import zh from '../../i18n/zh-CN.json';
import { AUDIT_ACTION_CODES } from './audit-labels';

const words = (dict: typeof zh, code: string) => {
  const [group, name] = code.split('.') as [string, string];
  return (dict.audit.actions as Record<string, Record<string, string>>)[group]?.[name];
};

describe('audit log labels (#11: the log showed raw action codes)', () => {
  it('every action the server audits has words in Chinese and English', () => {
    for (const action of AUDIT_ACTIONS) {
      expect(words(zh, action), `zh ${action}`).toBeTruthy();
      expect(words(en, action), `en ${action}`).toBeTruthy();
    }
    expect([...AUDIT_ACTION_CODES].sort()).toEqual([...AUDIT_ACTIONS].sort());
  });
});
