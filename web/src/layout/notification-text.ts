import type { TFunction } from 'i18next';
import type { AppNotification } from '../api/notifications';

/**
 * Issue #11: a notification in the reader's language, from the web's own texts
 * (firstresponse.notifications.kinds.<kind>), and where it leads: the case, the order list the
 * reader works from, the activity — a link rather than a raw number. Pure.
 */
export interface NotificationText {
  subject: string;
  body: string;
  link: { to: string; label: string } | null;
}

const KINDS_KEY = 'firstresponse.notifications.kinds';

/** Where each kind leads (the reader's own page for it). */
type Loose = (key: string, options?: Record<string, unknown>) => string;

function linkOf(
  t: Loose,
  n: Pick<AppNotification, 'kind' | 'params' | 'entityType' | 'entityId'>,
): NotificationText['link'] {
  const open = t('firstresponse.notifications.open');
  const id = n.entityId ? encodeURIComponent(n.entityId) : null;
  const orderLabel =
    typeof n.params.orderNumber === 'string'
      ? t('firstresponse.notifications.openOrder', { number: n.params.orderNumber })
      : open;
  switch (n.kind) {
    case 'case_closed':
    case 'case_overdue':
      return id
        ? {
            to: `/cases/${id}`,
            label: t('firstresponse.notifications.openCase', {
              number: typeof n.params.caseNumber === 'string' ? n.params.caseNumber : '',
            }),
          }
        : null;
    case 'inquiry_closed':
      return { to: '/inquiries', label: open };
    case 'handoff_received':
    case 'handoff_declined':
    case 'handoff_overdue':
      return { to: '/handoffs', label: open };
    case 'rating_ticket_overdue':
      return { to: '/ratings/tickets', label: open };
    case 'vs_order_taken':
    case 'vs_order_completed':
    case 'vs_order_cancelled':
    case 'vs_need_accepted':
    case 'vs_need_rejected':
      return { to: '/vs/my-orders', label: orderLabel };
    case 'vs_order_directed':
    case 'vs_order_reassigned':
    case 'vs_order_window_expired':
      return { to: '/vs/inbox', label: orderLabel };
    case 'vs_order_opened':
    case 'vs_order_escalated':
      return { to: '/vs/board', label: orderLabel };
    case 'vs_activity_cancelled':
    case 'vs_signup_promoted':
      return id ? { to: `/vs/activities/${id}`, label: open } : null;
    case 'vs_hours_confirmed':
    case 'vs_hours_rejected':
      return { to: '/vs/me', label: open };
    case 'vs_join_requested':
      return { to: '/vs/teams', label: open };
    case 'vs_join_approved':
    case 'vs_join_rejected':
      return { to: '/volunteers/me', label: open };
    // A guardian's pages are in the light entry (a full page load, not this app's router).
    case 'cp_enrolment_withdrawn':
      return { to: '/r/enrolments', label: open };
    case 'post_coverage_gap':
      return { to: '/posts', label: open };
    case 'appt_reminder':
      return { to: '/r/bookings', label: open };
    case 'rating_invite':
      return { to: '/r/to-rate', label: open };
    case 'home_visit_scheduled':
    case 'home_visit_done':
      return { to: '/r/visits', label: open };
    case 'home_visit_cancelled':
      return { to: '/home-visits', label: open };
    default:
      return null;
  }
}

/** The old bilingual "中文 / English" string: the half in the reader's language. */
function legacyHalf(text: unknown, language: string): string {
  const s = typeof text === 'string' ? text : '';
  const i = s.indexOf(' / ');
  if (i < 0) return s;
  return language.startsWith('en') ? s.slice(i + 3) : s.slice(0, i);
}

export function notificationText(
  typedT: TFunction,
  language: string,
  n: Pick<AppNotification, 'kind' | 'params' | 'text' | 'entityType' | 'entityId'>,
): NotificationText {
  // The keys are built from the stored kind: i18next's key checking cannot see them.
  const t = typedT as unknown as Loose;
  if (n.kind === 'legacy')
    return {
      subject: legacyHalf(n.params.subject, language),
      body: legacyHalf(n.params.body, language),
      link: null,
    };
  const key = `${KINDS_KEY}.${n.kind}`;
  // A kind this build does not know yet: the server's rendering in the request's language.
  if (!t(`${key}.subject`, { defaultValue: '' })) return { ...n.text, link: null };
  const values: Record<string, unknown> = { ...n.params };
  if (n.kind === 'case_closed' && typeof n.params.outcome === 'string')
    values.outcome = t(`firstresponse.notifications.outcome.${n.params.outcome}`);
  return {
    subject: t(`${key}.subject`, values),
    body: t(`${key}.body`, values),
    link: linkOf(t, n),
  };
}
