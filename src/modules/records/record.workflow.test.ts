import { describe, expect, it } from 'vitest';
import {
  availableRecordActions,
  RECORD_ACTIONS,
  RECORD_STATUSES,
  recordRefusal,
  type RecordAction,
  type RecordRefusal,
  type RecordStatus,
} from './record.workflow.ts';

const EXPECTED: Record<RecordAction, Record<RecordStatus | 'none', RecordRefusal | null>> = {
  check_out: {
    checked_in: null,
    pending_confirmation: 'VS_NOT_CHECKED_IN',
    confirmed: 'VS_NOT_CHECKED_IN',
    rejected: 'VS_NOT_CHECKED_IN',
    none: 'VS_NOT_CHECKED_IN',
  },
  set_travel: {
    checked_in: null,
    pending_confirmation: null,
    confirmed: 'VS_RECORD_NOT_PENDING',
    rejected: 'VS_RECORD_NOT_PENDING',
    none: 'VS_RECORD_NOT_PENDING',
  },
  confirm: {
    checked_in: 'VS_RECORD_NOT_PENDING',
    pending_confirmation: null,
    confirmed: 'VS_RECORD_NOT_PENDING',
    rejected: 'VS_RECORD_NOT_PENDING',
    none: 'VS_RECORD_NOT_PENDING',
  },
  reject: {
    checked_in: null,
    pending_confirmation: null,
    confirmed: 'VS_RECORD_NOT_PENDING',
    rejected: 'VS_RECORD_NOT_PENDING',
    none: 'VS_RECORD_NOT_PENDING',
  },
};

describe('VS-6 VS-8 service record workflow: the table the services enforce and the web reads', () => {
  for (const action of RECORD_ACTIONS) {
    for (const status of [...RECORD_STATUSES, null]) {
      it(`${action} on ${status ?? 'no record'}`, () => {
        expect(recordRefusal(action, status, true)).toBe(EXPECTED[action][status ?? 'none']);
        expect(recordRefusal(action, status, false)).toBe('FORBIDDEN');
      });
    }
  }

  it('availableActions: a pending record may be confirmed or rejected by its lead, by nobody else', () => {
    expect(availableRecordActions('pending_confirmation', true)).toEqual([
      'set_travel',
      'confirm',
      'reject',
    ]);
    expect(availableRecordActions('checked_in', true)).toEqual([
      'check_out',
      'set_travel',
      'reject',
    ]);
    expect(availableRecordActions('confirmed', true)).toEqual([]);
    expect(availableRecordActions('rejected', true)).toEqual([]);
    expect(availableRecordActions('pending_confirmation', false)).toEqual([]);
  });
});
