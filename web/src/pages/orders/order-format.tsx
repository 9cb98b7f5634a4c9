import i18next from 'i18next';
import { Steps, Tag } from 'antd';
import type { TFunction } from 'i18next';
import type { OrderState, TimelineStep } from '../../api/orders';

export const STATE_COLOR: Record<OrderState, string> = {
  awaiting_dispatch: 'gold',
  directed: 'blue',
  open: 'purple',
  accepted: 'cyan',
  in_service: 'geekblue',
  completed: 'green',
  cancelled: 'default',
};

export const NEED_COLOR = { submitted: 'gold', accepted: 'green', rejected: 'red' } as const;

export function StateTag({ t, state }: { t: TFunction; state: OrderState }) {
  return <Tag color={STATE_COLOR[state]}>{t(`orders.state.${state}`)}</Tag>;
}

export const when = (iso: string | null) =>
  iso
    ? // China time, in the UI's language (issue #11: English complete).
      new Date(iso).toLocaleString(i18next.language === 'en' ? 'en-GB' : 'zh-CN', {
        timeZone: 'Asia/Shanghai',
        month: 'numeric',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
      })
    : '';

export const windowText = (from: string | null, to: string | null) =>
  from || to ? `${when(from)} – ${when(to)}` : '';

const KNOWN = new Set([
  'created',
  'merged',
  'directed',
  'opened',
  'accepted',
  'grabbed',
  'declined',
  'reassigned',
  'cancelled',
  'completed',
  'window_expired_opened',
  'escalated',
  'service_started',
]);

export function actionLabel(t: TFunction, step: TimelineStep): string {
  const name = KNOWN.has(step.action)
    ? t(`orders.action.${step.action}` as 'orders.action.created')
    : step.action;
  const reason = step.reasonCode
    ? ` · ${t(`orders.decline.${step.reasonCode}` as 'orders.decline.other')}`
    : '';
  return `${name}${step.teamName ? ` · ${step.teamName}` : ''}${reason}`;
}

/** The order's timeline as vertical steps (big enough to read on a phone). */
export function Timeline({ t, steps }: { t: TFunction; steps: TimelineStep[] }) {
  return (
    <Steps
      direction="vertical"
      size="small"
      current={steps.length - 1}
      items={steps.map((s) => ({
        title: actionLabel(t, s),
        description: [when(s.at), s.actorName, s.note].filter(Boolean).join(' · '),
      }))}
    />
  );
}
