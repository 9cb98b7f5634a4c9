import { api } from './client';
import type { Me, Preferences } from './types';

export const login = (username: string, password: string) =>
  api<Me>('/auth/login', { method: 'POST', body: { username, password } });

export const logout = () => api<undefined>('/auth/logout', { method: 'POST' });

export const fetchMe = () => api<Me>('/auth/me');

export const updatePreferences = (changes: Partial<Preferences>) =>
  api<Preferences>('/auth/preferences', { method: 'PATCH', body: changes });

export const changePassword = (currentPassword: string, newPassword: string) =>
  api<undefined>('/auth/password', { method: 'POST', body: { currentPassword, newPassword } });
