/**
 * Issue #15 point 4: an account's status as a transition table. The accounts page enables
 * its buttons from `availableActions`, so it offers exactly what the server would accept.
 */
export type AccountStatus = 'active' | 'disabled';
export type AccountAction = 'disable' | 'enable' | 'reset_password' | 'grant' | 'revoke';

export const ACCOUNT_TRANSITIONS = {
  active: ['disable', 'reset_password', 'grant', 'revoke'],
  disabled: ['enable', 'grant', 'revoke'],
} as const satisfies Record<AccountStatus, readonly AccountAction[]>;

/** The status an action leads to (actions that keep the status answer it unchanged). */
export function statusAfter(status: AccountStatus, action: AccountAction): AccountStatus {
  switch (action) {
    case 'disable':
      return 'disabled';
    case 'enable':
      return 'active';
    case 'reset_password':
    case 'grant':
    case 'revoke':
      return status;
  }
}

export function canTransition(status: AccountStatus, action: AccountAction): boolean {
  return (ACCOUNT_TRANSITIONS[status] as readonly AccountAction[]).includes(action);
}

/** What this administrator may do to the account now: none when it is out of their hands. */
export function availableAccountActions(
  status: AccountStatus,
  manageable: boolean,
): AccountAction[] {
  return manageable ? [...ACCOUNT_TRANSITIONS[status]] : [];
}
