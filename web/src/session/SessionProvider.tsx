import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import * as authApi from '../api/auth';
import { isApiError, onUnauthenticated } from '../api/client';
import type { Me, Preferences } from '../api/types';
import i18n from '../i18n';
import { readLocalPreferences, writeLocalPreferences } from '../lib/local-preferences';
import { forgetAccount, lastAccount, rememberAccount } from '../offline/last-account';
import { SessionContext, type SessionStatus, type SessionValue } from './session-context';

function applyPreferences(preferences: Preferences): void {
  if (i18n.language !== preferences.locale) void i18n.changeLanguage(preferences.locale);
  document.body.classList.toggle('elderly', preferences.elderlyMode);
  document.body.dataset.elderly = String(preferences.elderlyMode);
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<SessionStatus>('loading');
  const [me, setMe] = useState<Me | null>(null);
  const [expired, setExpired] = useState(false);
  const [preferences, setPreferences] = useState<Preferences>(readLocalPreferences);
  const preferencesRef = useRef(preferences);
  preferencesRef.current = preferences;
  const meRef = useRef(me);
  meRef.current = me;

  useEffect(() => {
    applyPreferences(preferences);
    writeLocalPreferences(preferences);
  }, [preferences]);

  const signedIn = useCallback((account: Me) => {
    rememberAccount(account);
    setMe(account);
    setPreferences(account.preferences);
    setExpired(false);
    setStatus('authenticated');
  }, []);

  useEffect(() => {
    let cancelled = false;
    authApi.fetchMe().then(
      (account) => {
        if (!cancelled) signedIn(account);
      },
      (error: unknown) => {
        if (cancelled) return;
        // A reload during a network cut keeps the tab's account (the offline outbox, #11).
        const kept = isApiError(error) && error.code === 'NETWORK_ERROR' ? lastAccount() : null;
        if (kept) signedIn(kept);
        else setStatus('anonymous');
      },
    );
    return () => {
      cancelled = true;
    };
  }, [signedIn]);

  useEffect(
    () =>
      onUnauthenticated(() => {
        if (meRef.current) setExpired(true);
        forgetAccount();
        setMe(null);
        setStatus('anonymous');
      }),
    [],
  );

  const login = useCallback(
    async (username: string, password: string, otp?: string) => {
      signedIn(await authApi.login(username, password, otp));
    },
    [signedIn],
  );

  /** Reads the account again (e.g. after turning on two-step verification). */
  const refresh = useCallback(async () => {
    signedIn(await authApi.fetchMe());
  }, [signedIn]);

  const logout = useCallback(async () => {
    try {
      await authApi.logout();
    } catch (error) {
      // Already logged out on the server: the result is the same.
      if (!isApiError(error)) throw error;
    }
    forgetAccount();
    setMe(null);
    setExpired(false);
    setStatus('anonymous');
  }, []);

  const updatePreferences = useCallback(
    async (changes: Partial<Preferences>) => {
      const before = preferencesRef.current;
      setPreferences({ ...before, ...changes });
      if (status !== 'authenticated') return;
      try {
        const saved = await authApi.updatePreferences(changes);
        setPreferences(saved);
        setMe((current) => (current ? { ...current, preferences: saved } : current));
      } catch (error) {
        setPreferences(before);
        throw error;
      }
    },
    [status],
  );

  const value = useMemo<SessionValue>(
    () => ({ status, me, expired, preferences, login, logout, updatePreferences, refresh }),
    [status, me, expired, preferences, login, logout, updatePreferences, refresh],
  );

  return <SessionContext value={value}>{children}</SessionContext>;
}
