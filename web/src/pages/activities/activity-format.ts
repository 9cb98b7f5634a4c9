import type { TFunction } from 'i18next';
import type { Activity, RecordStatus, SignupStatus } from '../../api/activities';

/** "3月7日 周六 09:00–11:30" in the UI language, Beijing time. */
export function formatWhen(a: Pick<Activity, 'startsAt' | 'endsAt'>, language: string): string {
  const tz = { timeZone: 'Asia/Shanghai' } as const;
  const day = new Date(a.startsAt).toLocaleDateString(language, {
    ...tz,
    month: 'short',
    day: 'numeric',
    weekday: 'short',
  });
  const time = (iso: string) =>
    new Date(iso).toLocaleTimeString(language, {
      ...tz,
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    });
  return `${day} ${time(a.startsAt)}–${time(a.endsAt)}`;
}

export function formatTime(iso: string | null, language: string): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleTimeString(language, {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
}

export const SIGNUP_COLOR: Record<SignupStatus, string> = {
  confirmed: 'green',
  waitlisted: 'gold',
  cancelled: 'default',
};

export const RECORD_COLOR: Record<RecordStatus, string> = {
  checked_in: 'blue',
  pending_confirmation: 'gold',
  confirmed: 'green',
  rejected: 'red',
};

export function signupLabel(
  t: TFunction,
  s: { status: SignupStatus; waitlistRank: number | null },
): string {
  if (s.status === 'waitlisted')
    return t('activities.signup.waitlistedRank', { rank: s.waitlistRank ?? '?' });
  return t(`activities.signup.${s.status}`);
}
