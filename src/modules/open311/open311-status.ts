/**
 * Doorstep's states as Open311 statuses (issue #15 point 7), pure: an inquiry or a 点单 need (and
 * the order it became) gives a timeline of open/closed events with Doorstep's detail in the notes
 * (Chinese first, then English). The last event is the request's status; every event is an entry
 * of mySociety's servicerequestupdates extension.
 */
import type { VsOrderState } from '../../db/schema.ts';

export type Open311Status = 'open' | 'closed';

export interface TargetState {
  createdAt: string;
  inquiry?: { status: 'open' | 'closed'; closedAt: string | null } | undefined;
  need?:
    | {
        status: 'submitted' | 'accepted' | 'rejected';
        reviewedAt: string | null;
        rejectReason: string | null;
        order: {
          state: VsOrderState;
          acceptedAt: string | null;
          completedAt: string | null;
          cancelledAt: string | null;
        } | null;
      }
    | undefined;
}

export interface StatusEvent {
  /** Stable per request: the update_id is `<service_request_id>:<code>`. */
  code: string;
  at: string;
  status: Open311Status;
  notes: string;
}

const NOTES = {
  inquiry_recorded: '咨询已登记，待工作人员答复 / Inquiry recorded; staff will answer',
  inquiry_closed: '咨询已答复办结 / Inquiry answered and closed',
  need_submitted: '点单已提交，待审单 / Request submitted; awaiting review',
  need_accepted: '已受理，待派给志愿队伍 / Accepted; being dispatched to a volunteer team',
  need_rejected: '未受理 / Not accepted',
  order_accepted: '志愿队伍已接单 / A volunteer team has taken it',
  order_completed: '服务已完成 / Service completed',
  order_cancelled: '服务已取消 / Service cancelled',
} as const;

function event(code: keyof typeof NOTES, at: string, status: Open311Status, extra?: string) {
  return { code, at, status, notes: extra ? `${NOTES[code]}: ${extra}` : NOTES[code] };
}

export function statusTimeline(t: TargetState): StatusEvent[] {
  if (t.inquiry) {
    const out = [event('inquiry_recorded', t.createdAt, 'open')];
    if (t.inquiry.status === 'closed')
      out.push(event('inquiry_closed', t.inquiry.closedAt ?? t.createdAt, 'closed'));
    return out;
  }
  const out = [event('need_submitted', t.createdAt, 'open')];
  const need = t.need;
  if (!need || need.status === 'submitted') return out;
  const reviewed = need.reviewedAt ?? t.createdAt;
  if (need.status === 'rejected') {
    out.push(event('need_rejected', reviewed, 'closed', need.rejectReason ?? undefined));
    return out;
  }
  out.push(event('need_accepted', reviewed, 'open'));
  const order = need.order;
  if (!order) return out;
  if (order.acceptedAt) out.push(event('order_accepted', order.acceptedAt, 'open'));
  if (order.state === 'completed')
    out.push(event('order_completed', order.completedAt ?? reviewed, 'closed'));
  else if (order.state === 'cancelled')
    out.push(event('order_cancelled', order.cancelledAt ?? reviewed, 'closed'));
  return out;
}
