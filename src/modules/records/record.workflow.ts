/**
 * VS-6/VS-8 service records as data: opened at check-in, pending once checked out, then confirmed
 * by the lead (only then do the hours count: stars, certificates, figures) or rejected with a
 * reason. Pure. The services refuse with the problem code this table names, and every record the
 * API sends carries `availableActions` for the caller from the same table.
 */
import type { VsServiceRecordTable } from '../../db/schema.ts';

export type RecordStatus = VsServiceRecordTable['status'];

export const RECORD_STATUSES = [
  'checked_in', // open: the volunteer is serving
  'pending_confirmation', // checked out: hours computed, waiting for the lead
  'confirmed', // the hours count
  'rejected', // with a reason; the hours never count
] as const satisfies readonly RecordStatus[];

export const RECORD_ACTIONS = [
  'check_out', // by the volunteer's code or by the lead's hand: the hours are computed
  'set_travel', // the lead sets travel minutes (excluded from the hours)
  'confirm', // the lead confirms the hours
  'reject', // the lead rejects the record with a reason
] as const;
export type RecordAction = (typeof RECORD_ACTIONS)[number];

export type RecordRefusal = 'VS_NOT_CHECKED_IN' | 'VS_RECORD_NOT_PENDING' | 'FORBIDDEN';

interface RecordRule {
  from: readonly RecordStatus[];
  /** 'same': the status does not change. */
  to: RecordStatus | 'same';
  /** Who may take it from the API: the lead managing the activity (the volunteer checks out by code). */
  who: 'lead';
  refusal: Exclude<RecordRefusal, 'FORBIDDEN'>;
}

export const RECORD_TRANSITIONS = {
  check_out: {
    from: ['checked_in'],
    to: 'pending_confirmation',
    who: 'lead',
    refusal: 'VS_NOT_CHECKED_IN',
  },
  set_travel: {
    from: ['checked_in', 'pending_confirmation'],
    to: 'same',
    who: 'lead',
    refusal: 'VS_RECORD_NOT_PENDING',
  },
  confirm: {
    from: ['pending_confirmation'],
    to: 'confirmed',
    who: 'lead',
    refusal: 'VS_RECORD_NOT_PENDING',
  },
  reject: {
    from: ['checked_in', 'pending_confirmation'],
    to: 'rejected',
    who: 'lead',
    refusal: 'VS_RECORD_NOT_PENDING',
  },
} as const satisfies Record<RecordAction, RecordRule>;

/** Why `action` may not be taken on a record in `status` (null: no record yet), or null. */
export function recordRefusal(
  action: RecordAction,
  status: RecordStatus | null,
  manages: boolean,
): RecordRefusal | null {
  const rule: RecordRule = RECORD_TRANSITIONS[action];
  if (!manages) return 'FORBIDDEN';
  return status !== null && rule.from.includes(status) ? null : rule.refusal;
}

/** The actions the caller may take on a record in `status`, in table order. */
export function availableRecordActions(status: RecordStatus, manages: boolean): RecordAction[] {
  return RECORD_ACTIONS.filter((a) => recordRefusal(a, status, manages) === null);
}
