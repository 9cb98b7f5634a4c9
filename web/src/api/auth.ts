import { apiClient, must } from './client';
import type { Preferences } from './types';

/** `otp`: the authenticator code (or a recovery code) when the server answered TOTP_REQUIRED. */
export const login = (username: string, password: string, otp?: string) =>
  must(
    apiClient.POST('/api/v1/auth/login', {
      body: otp ? { username, password, otp } : { username, password },
    }),
  );

export const logout = () => must(apiClient.POST('/api/v1/auth/logout'));

export const fetchMe = () => must(apiClient.GET('/api/v1/auth/me'));

export const updatePreferences = (changes: Partial<Preferences>) =>
  must(apiClient.PATCH('/api/v1/auth/preferences', { body: changes }));

export const changePassword = (currentPassword: string, newPassword: string) =>
  must(apiClient.POST('/api/v1/auth/password', { body: { currentPassword, newPassword } }));

/** X-2 two-step verification of one's own account. */
export const startTotpEnrolment = () => must(apiClient.POST('/api/v1/auth/totp/enrolment'));

export const confirmTotpEnrolment = (code: string) =>
  must(apiClient.POST('/api/v1/auth/totp/confirmation', { body: { code } }));

export const removeTotp = (code: string) =>
  must(apiClient.POST('/api/v1/auth/totp/removal', { body: { code } }));

/** Issue #11: phone login — ask for an SMS code, then log in with it. */
export const requestSmsCode = (phone: string) =>
  must(apiClient.POST('/api/v1/auth/sms-code', { body: { phone } }));

export const smsLogin = (phone: string, code: string) =>
  must(apiClient.POST('/api/v1/auth/sms-login', { body: { phone, code } }));
