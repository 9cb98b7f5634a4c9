import { describe, expect, it } from 'vitest';
import { statusTimeline } from './open311-status.ts';

const created = '2026-03-02T01:00:00.000Z';

describe('Open311 status mapping', () => {
  it('an inquiry is open until closed', () => {
    expect(
      statusTimeline({ createdAt: created, inquiry: { status: 'open', closedAt: null } }),
    ).toEqual([expect.objectContaining({ code: 'inquiry_recorded', status: 'open', at: created })]);
    const closed = statusTimeline({
      createdAt: created,
      inquiry: { status: 'closed', closedAt: '2026-03-03T02:00:00.000Z' },
    });
    expect(closed.at(-1)).toMatchObject({
      code: 'inquiry_closed',
      status: 'closed',
      at: '2026-03-03T02:00:00.000Z',
    });
  });

  it('a need: submitted, accepted, taken, completed or cancelled; rejected with its reason', () => {
    const base = {
      status: 'accepted' as const,
      reviewedAt: '2026-03-02T02:00:00.000Z',
      rejectReason: null,
    };
    expect(
      statusTimeline({
        createdAt: created,
        need: {
          ...base,
          order: {
            state: 'completed',
            acceptedAt: '2026-03-02T03:00:00.000Z',
            completedAt: '2026-03-04T03:00:00.000Z',
            cancelledAt: null,
          },
        },
      }).map((e) => [e.code, e.status]),
    ).toEqual([
      ['need_submitted', 'open'],
      ['need_accepted', 'open'],
      ['order_accepted', 'open'],
      ['order_completed', 'closed'],
    ]);
    expect(
      statusTimeline({
        createdAt: created,
        need: {
          ...base,
          order: {
            state: 'cancelled',
            acceptedAt: null,
            completedAt: null,
            cancelledAt: '2026-03-05T00:00:00.000Z',
          },
        },
      }).at(-1),
    ).toMatchObject({ code: 'order_cancelled', status: 'closed' });
    const rejected = statusTimeline({
      createdAt: created,
      need: { status: 'rejected', reviewedAt: created, rejectReason: '不在服务范围', order: null },
    });
    expect(rejected.at(-1)).toMatchObject({
      status: 'closed',
      notes: '未受理 / Not accepted: 不在服务范围',
    });
    expect(
      statusTimeline({
        createdAt: created,
        need: { status: 'submitted', reviewedAt: null, rejectReason: null, order: null },
      }),
    ).toHaveLength(1);
  });
});
