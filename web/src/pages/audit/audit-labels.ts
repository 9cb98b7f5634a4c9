import type { TFunction } from 'i18next';
import type { Role } from '../../api/types';
import { ROLES } from '../../lib/roles';

const KNOWN = [
  'region.created',
  'region.imported',
  'station.created',
  'station.updated',
  'resident.registered',
  'resident.updated',
  'resident.revealed',
  'account.created',
  'account.password_changed',
  'account.preferences_changed',
  'account.logged_in',
  'account.logged_out',
  'account.token_issued',
] as const;

type KnownAction = (typeof KNOWN)[number];
const isKnown = (action: string): action is KnownAction =>
  (KNOWN as readonly string[]).includes(action);

/** "resident.revealed" → "查看完整身份证号"; an action added later shows as its code. */
export function actionLabel(t: TFunction, action: string): string {
  return isKnown(action) ? t(`audit.actions.${action}`) : action;
}

const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/** A role code in the UI language. */
export function roleName(t: TFunction, role: string): string {
  return isRole(role) ? t(`roles.${role}`) : role;
}
