/**
 * The signed-in account, kept for this tab (sessionStorage) so that a reload during a network cut
 * still opens the workbench and its outbox instead of the login page. The server's cookie still
 * decides every request; the copy is dropped on logout and on any 401.
 */
import type { Me } from '../api/types';

const KEY = 'doorstep.lastAccount';

export function rememberAccount(me: Me): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(me));
  } catch {
    // Storage full or disabled: an offline reload then shows the login page.
  }
}

export function forgetAccount(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // nothing kept
  }
}

export function lastAccount(): Me | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Me) : null;
  } catch {
    return null;
  }
}
