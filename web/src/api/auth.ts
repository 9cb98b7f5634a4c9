import { api } from './client';
import type { Me, Preferences } from './types';

/** `otp`: the authenticator code (or a recovery code) when the server answered TOTP_REQUIRED. */
export const login = (username: string, password: string, otp?: string) =>
  api<Me>('/auth/login', {
    method: 'POST',
    body: otp ? { username, password, otp } : { username, password },
  });

export const logout = () => api<undefined>('/auth/logout', { method: 'POST' });

export const fetchMe = () => api<Me>('/auth/me');

export const updatePreferences = (changes: Partial<Preferences>) =>
  api<Preferences>('/auth/preferences', { method: 'PATCH', body: changes });

export const changePassword = (currentPassword: string, newPassword: string) =>
  api<undefined>('/auth/password', { method: 'POST', body: { currentPassword, newPassword } });

/** X-2 two-step verification of one's own account. */
export const startTotpEnrolment = () =>
  api<{ secret: string; uri: string; qrSvg: string }>('/auth/totp/enrolment', { method: 'POST' });

export const confirmTotpEnrolment = (code: string) =>
  api<{ recoveryCodes: string[] }>('/auth/totp/confirmation', {
    method: 'POST',
    body: { code },
  });

export const removeTotp = (code: string) =>
  api<undefined>('/auth/totp/removal', { method: 'POST', body: { code } });

/** Issue #11: phone login — ask for an SMS code, then log in with it. */
export const requestSmsCode = (phone: string) =>
  api<{ cooldownSeconds: number; expiresInSeconds: number }>('/auth/sms-code', {
    method: 'POST',
    body: { phone },
  });

export const smsLogin = (phone: string, code: string) =>
  api<Me>('/auth/sms-login', { method: 'POST', body: { phone, code } });
