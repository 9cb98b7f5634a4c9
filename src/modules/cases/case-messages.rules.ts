/**
 * Issue #15 point 5: what a case's SMS say in words — the missing materials of a one-time
 * notice or a supplement request, and a decision's outcome. Every value fits one template variable
 * (templates.rules.ts: at most 35 characters). Pure.
 */
import { fitVar, MAX_VAR_CHARS } from '../notifications/templates.rules.ts';
import type { CaseAction } from './case.workflow.ts';

/** `身份证、户口簿` — or, when they do not fit, as many as fit and `等 5 项`. */
export function materialsText(names: readonly string[]): string {
  if (names.length === 0) return '';
  const all = names.join('、');
  if ([...all].length <= MAX_VAR_CHARS) return all;
  const more = (n: number) => `等${n}项`;
  let shown: string[] = [];
  for (const name of names) {
    const next = [...shown, name].join('、') + more(names.length);
    if ([...next].length > MAX_VAR_CHARS) break;
    shown = [...shown, name];
  }
  if (shown.length === 0) return fitVar(`${names[0]!}${more(names.length)}`);
  return `${shown.join('、')}${more(names.length)}`;
}

/**
 * The outcome of `case_decided`, read after 已 (您的办件 … 已办结): a decision (GS-4), approved or
 * not, or a refusal at intake (GS-7 不予受理). Null: the action decides nothing.
 */
export function outcomeText(
  action: CaseAction,
  result: 'approved' | 'not_approved' | null | undefined,
): string | null {
  if (action === 'refuse') return '不予受理';
  if (action !== 'decide') return null;
  return result === 'not_approved' ? '办结（不予批准）' : '办结（准予办理）';
}
