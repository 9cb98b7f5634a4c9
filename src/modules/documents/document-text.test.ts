import { describe, expect, it } from 'vitest';
import {
  dateZh,
  dueText,
  provisionalNote,
  feeText,
  limitText,
  procedureSteps,
  requirementText,
  trackingUrl,
} from './document-text.ts';

describe('GS-5 GS-9 wording of the printed papers', () => {
  it('writes dates the Chinese way', () => {
    expect(dateZh('2026-03-09')).toBe('2026年3月9日');
    expect(dateZh('2026-12-31')).toBe('2026年12月31日');
  });

  it('says how each material is handed in', () => {
    expect(requirementText('original', 0)).toBe('原件（现场核验后退还）');
    expect(requirementText('original', 2)).toBe('原件 2 份');
    expect(requirementText('copy', 1)).toBe('复印件 1 份');
    expect(requirementText('original_and_copy', 1)).toBe('原件核验，复印件 1 份');
    expect(requirementText('e_licence', 0)).toBe('电子证照（无需纸质材料）');
  });

  it('states fees, limits and the expected completion', () => {
    expect(feeText({ amountFen: 0, waivers: [] })).toBe('不收费');
    expect(feeText({ amountFen: 1250, waivers: ['低保户免收'] })).toBe(
      '收费 12.50 元；减免：低保户免收',
    );
    expect(limitText(0, 0)).toBe('即办件，当场办结');
    expect(limitText(5, 20)).toMatch(/^承诺 5 个工作日（法定 20 个工作日）/);
    expect(dueText('2026-03-09', 5)).toBe('2026年3月9日前办结');
    expect(dueText(null, 10)).toBe('材料补齐、正式受理后 10 个工作日内办结');
    expect(dueText(null, 0)).toBe('材料齐全后当场办结');
  });

  it('puts each numbered step of a procedure on its own line', () => {
    expect(procedureSteps('1. 核验身份；2. 提交申请，收费 2.5 元；3. 办结。')).toEqual([
      '1. 核验身份',
      '2. 提交申请，收费 2.5 元',
      '3. 办结。',
    ]);
    expect(procedureSteps('窗口受理，当场办结。')).toEqual(['窗口受理，当场办结。']);
  });

  it('links the QR code to the public tracking page', () => {
    expect(trackingUrl('https://jmk.example.cn', '20260302-00001', '03418826')).toBe(
      'https://jmk.example.cn/track?number=20260302-00001&code=03418826',
    );
  });

  it('notes a provisional due date (GS-8)', () => {
    expect(provisionalNote([2027])).toBe('注：2027 年节假日安排尚未公布，办结时限为暂定。');
    expect(provisionalNote([2027, 2028])).toContain('2027、2028 年');
    expect(provisionalNote([])).toBeNull();
  });
});
