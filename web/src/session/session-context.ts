import { createContext, useContext } from 'react';
import type { Me, Preferences } from '../api/types';

export type SessionStatus = 'loading' | 'anonymous' | 'authenticated';

export interface SessionValue {
  status: SessionStatus;
  me: Me | null;
  /** True when the last session ended by itself (expired or revoked), not by logging out. */
  expired: boolean;
  /** Effective preferences: the account's after login, this browser's before. */
  preferences: Preferences;
  login: (username: string, password: string, otp?: string) => Promise<void>;
  logout: () => Promise<void>;
  /** Reads the logged-in account again from the server. */
  refresh: () => Promise<void>;
  /** Applies at once; saved to the account when logged in. Rejects (and reverts) on failure. */
  updatePreferences: (changes: Partial<Preferences>) => Promise<void>;
}

export const SessionContext = createContext<SessionValue | null>(null);

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside <SessionProvider>');
  return value;
}

/** For pages inside the authenticated shell. */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe without a logged-in user');
  return me;
}
