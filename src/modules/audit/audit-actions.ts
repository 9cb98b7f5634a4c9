/** Every audited action, one name each. Later modules add theirs here. */
export const AUDIT_ACTIONS = [
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
  'calendar.override_set',
  'calendar.override_removed',
  'catalog.item_created',
  'catalog.item_versioned',
  'catalog.item_activated',
  'catalog.item_deactivated',
  'catalog.imported',
  'case.filed',
  'case.transitioned',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];
