/**
 * VS-6 serving, cancelling an activity, and the audit trail of every step. A step of the story in activities.test.ts (run there, in order).
 */
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { insertVolunteer } from '../helpers/vs-fixtures.ts';
import { VILLAGE } from './activities.fixtures.ts';
import { subjectOutbox } from './messages.fixtures.ts';
import {
  H,
  at,
  bearer,
  db,
  leader,
  others,
  s,
  t,
  volunteer,
  type Activity,
} from './activities.serving.ts';

export function cancelSteps() {
  describe('cancelling an activity', () => {
    it('cancels its sign-ups and tells the volunteers', async () => {
      const c = await leader.call('POST', '/api/v1/vs/activities', {
        orderId: s.orderId,
        title: '周末大扫除',
        place: '伊庄村',
        startsAt: at(40 * H),
        endsAt: at(42 * H),
        capacity: 10,
      });
      const id = c.json<Activity>().id;
      const extra = await insertVolunteer(db(), t.pii, { homeRegionCode: VILLAGE });
      expect(extra).toBeTruthy();
      expect(
        (await bearer(others[0]!.token, 'POST', `/api/v1/vs/activities/${id}/signup`)).statusCode,
      ).toBe(201);
      const vol = await volunteer.call('POST', `/api/v1/vs/activities/${id}/cancel`, {
        reason: '下雨',
      });
      expect(vol.statusCode).toBe(403);
      // Issue #15 point 5: one signed-up volunteer without a phone gets no SMS (and no error).
      const noPhone = await insertVolunteer(db(), t.pii, { homeRegionCode: VILLAGE, phone: null });
      await db()
        .insertInto('vs_signups')
        .values({
          id: crypto.randomUUID(),
          activity_id: id,
          volunteer_id: noPhone,
          status: 'confirmed',
          queue_position: null,
          created_at: t.clock.now.toISOString(),
          promoted_at: null,
          cancelled_at: null,
        })
        .execute();
      await db()
        .updateTable('vs_volunteers')
        .set({ phone_cipher: t.pii.encrypt('13800005555'), phone_masked: '138****5555' })
        .where('id', '=', others[0]!.volunteerId)
        .execute();
      const key = { 'idempotency-key': `cancel-${id}` };
      const res = await leader.call(
        'POST',
        `/api/v1/vs/activities/${id}/cancel`,
        { reason: '暴雨预警' },
        key,
      );
      expect(res.statusCode, res.body).toBe(200);
      const retried = await leader.call(
        'POST',
        `/api/v1/vs/activities/${id}/cancel`,
        { reason: '暴雨预警' },
        key,
      );
      expect(retried.statusCode).toBe(200);
      // Issue #15 point 5: the signed-up volunteer with a phone hears of it by SMS, once.
      expect(await subjectOutbox(t, { type: 'vs_activity', id })).toMatchObject([
        {
          template: 'activity_update',
          to: '13800005555',
          params: { title: '周末大扫除', change: '已取消（暴雨预警）' },
          text: '【家门口】您报名的活动“周末大扫除”已取消（暴雨预警），详情请在“我的活动”查看。',
        },
      ]);
      expect(res.json()).toMatchObject({ status: 'cancelled', cancelReason: '暴雨预警' });
      const live = await db()
        .selectFrom('vs_signups')
        .select('status')
        .where('activity_id', '=', id)
        .execute();
      expect(live.every((l) => l.status === 'cancelled')).toBe(true);
      const notes = (await bearer(others[0]!.token, 'GET', '/api/v1/notifications')).json<
        { kind: string }[]
      >();
      expect(notes.map((n) => n.kind)).toContain('vs_activity_cancelled');
      const twice = await leader.call('POST', `/api/v1/vs/activities/${id}/cancel`, {
        reason: '再取消',
      });
      expect(twice.json()).toMatchObject({ code: 'VS_ACTIVITY_NOT_OPEN' });
      const signup = await bearer(others[1]!.token, 'POST', `/api/v1/vs/activities/${id}/signup`);
      expect(signup.json()).toMatchObject({ code: 'VS_ACTIVITY_NOT_OPEN' });
    });

    it('every step left an audit event', async () => {
      const actions = (
        await db()
          .selectFrom('audit_events')
          .select('action')
          .where('action', 'like', 'vs_%')
          .execute()
      ).map((e) => e.action);
      for (const a of [
        'vs_activity.created',
        'vs_activity.cancelled',
        'vs_signup.created',
        'vs_signup.cancelled',
        'vs_signup.promoted',
        'vs_attendance.checked_in',
        'vs_attendance.checked_out',
        'vs_hours.travel_set',
        'vs_hours.confirmed',
        'vs_hours.rejected',
      ])
        expect(actions).toContain(a);
    });
  });
}
