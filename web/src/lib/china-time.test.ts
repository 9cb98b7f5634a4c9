import { describe, expect, it } from 'vitest';
import { chinaDay, formatChinaDateTime } from './china-time';

describe('China time', () => {
  it('shows an instant as a clock in Beijing showed it, whatever the device timezone', () => {
    // 16:30 UTC on the 10th is 00:30 on the 11th in China.
    expect(formatChinaDateTime('2026-03-10T16:30:00.000Z', 'zh-CN')).toContain('2026/3/11');
    expect(formatChinaDateTime('2026-03-10T16:30:00.000Z', 'zh-CN')).toContain('00:30');
    expect(formatChinaDateTime('2026-03-10T16:30:00.000Z', 'en')).toContain('00:30');
  });

  it('gives the China day of an instant', () => {
    expect(chinaDay(new Date('2026-03-10T15:59:59.000Z'))).toBe('2026-03-10');
    expect(chinaDay(new Date('2026-03-10T16:00:00.000Z'))).toBe('2026-03-11');
  });
});
