import type { TFunction } from 'i18next';
import { isRole } from '../../lib/role-names';
import zh from '../../i18n/zh-CN.json';

/** Every audited action the web has words for (the i18n test checks it covers the server's list). */
export const AUDIT_ACTION_CODES: string[] = Object.entries(zh.audit.actions).flatMap(
  ([group, names]) => Object.keys(names).map((name) => `${group}.${name}`),
);

const ENTITY_TYPES = Object.keys(zh.audit.entities);

/** "resident.revealed" → "查看完整号码"; an action added later shows as its code. */
export function actionLabel(t: TFunction, action: string): string {
  return AUDIT_ACTION_CODES.includes(action) ? t(`audit.actions.${action}` as never) : action;
}

/** "vs_order" → "服务单"; an unknown type shows as its code. */
export function entityTypeLabel(t: TFunction, type: string): string {
  return ENTITY_TYPES.includes(type) ? t(`audit.entities.${type}` as never) : type;
}

/** A role code in the UI language. */
export function roleName(t: TFunction, role: string): string {
  return isRole(role) ? t(`roles.${role}`) : role;
}
