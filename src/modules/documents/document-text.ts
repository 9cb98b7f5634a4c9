/** Wording of the printed papers (GS-9): dates, material requirements, limits, fees. Pure. */
import type { CaseState } from '../cases/case.workflow.ts';

export const STATE_LABELS: Record<CaseState, string> = {
  awaiting_supplement: '待补正材料',
  accepted: '已受理',
  in_progress: '办理中',
  suspended: '已中止',
  decided: '已办结',
  delivered: '已送达',
  closed: '已归档',
  refused: '不予受理',
  withdrawn: '已撤回',
};

/** `2026-03-09` → `2026年3月9日` */
export function dateZh(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** How a material is handed in (catalog `form` + `copies`): `原件核验，复印件 1 份`. */
export function requirementText(form: string, copies: number): string {
  switch (form) {
    case 'original':
      return copies > 0 ? `原件 ${copies} 份` : '原件（现场核验后退还）';
    case 'copy':
      return `复印件 ${copies} 份`;
    case 'original_and_copy':
      return `原件核验，复印件 ${copies} 份`;
    case 'e_licence':
      return '电子证照（无需纸质材料）';
    default:
      return copies > 0 ? `${copies} 份` : '现场出示';
  }
}

export function feeText(fee: { amountFen: number; waivers: readonly string[] }): string {
  const amount = fee.amountFen === 0 ? '不收费' : `收费 ${(fee.amountFen / 100).toFixed(2)} 元`;
  return fee.waivers.length > 0 ? `${amount}；减免：${fee.waivers.join('；')}` : amount;
}

export function limitText(promisedDays: number, legalDays: number): string {
  if (promisedDays === 0) return '即办件，当场办结';
  return `承诺 ${promisedDays} 个工作日（法定 ${legalDays} 个工作日），自受理之日起计算；补正材料、中止期间不计入`;
}

/** The expected completion: a date once accepted, otherwise how it will be counted. */
/** GS-8: the note under a provisional due date, e.g. 注：2027 年节假日安排尚未公布，办结时限为暂定。 */
export function provisionalNote(years: readonly number[]): string | null {
  if (years.length === 0) return null;
  return `注：${years.join('、')} 年节假日安排尚未公布，办结时限为暂定。`;
}

export function dueText(dueDate: string | null, promisedDays: number): string {
  if (dueDate) return `${dateZh(dueDate)}前办结`;
  if (promisedDays === 0) return '材料齐全后当场办结';
  return `材料补齐、正式受理后 ${promisedDays} 个工作日内办结`;
}

/** `1. 核验身份；2. 提交申请` → ['1. 核验身份；', '2. 提交申请'] (one step a line). */
export function procedureSteps(text: string): string[] {
  return text
    .split(/(?=[；;。\s]\s*\d+[.、．](?!\d))/)
    .map((s) => s.replace(/^[；;。\s]+/, '').trim())
    .filter((s) => s.length > 0);
}

/** The QR code's link (X-2): the cases' own, which the filing SMS carries too. */
export { trackingUrl } from '../cases/case.tracking-code.ts';
