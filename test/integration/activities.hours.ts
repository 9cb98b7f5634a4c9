/**
 * VS-6 serving, hours by the lead: daily cap, overlap, the confirmation gate. A step of the story in activities.test.ts (run there, in order).
 */
import { describe, expect, it } from 'vitest';
import {
  H,
  at,
  a1,
  a2,
  count,
  db,
  leader,
  loginAgain,
  s,
  t,
  volunteer,
  type Activity,
  type Rec,
} from './activities.serving.ts';

export function hoursSteps() {
  describe('hours by the lead: daily cap, overlap, rejection', () => {
    it('manual check-in/out on the same day is capped at 8 h in all', async () => {
      // a2: 15:00–23:00 Beijing = 8 h; 2 h already confirmed today → 6 h left.
      const vid = s.volunteerId;
      t.clock.advance(0.5 * H); // now START + 5h36
      await loginAgain('leader');
      const early = await leader.call('POST', `/api/v1/vs/activities/${a2}/attendance`, {
        volunteerId: vid,
        direction: 'in',
        at: at(5.5 * H),
      });
      expect(early.statusCode, early.body).toBe(200);
      expect(early.json<{ record: Rec }>().record.checkInMethod).toBe('lead');
      const future = await leader.call('POST', `/api/v1/vs/activities/${a2}/attendance`, {
        volunteerId: vid,
        direction: 'out',
        at: at(20 * H),
      });
      expect(future.json()).toMatchObject({ code: 'VS_ATTENDANCE_TIME_INVALID' });
      t.clock.advance(8.5 * H); // now START + 14h06: after a2's end
      await loginAgain('leader');
      const out = await leader.call('POST', `/api/v1/vs/activities/${a2}/attendance`, {
        volunteerId: vid,
        direction: 'out',
        at: at(13.5 * H),
      });
      expect(out.statusCode, out.body).toBe(200);
      expect(out.json<{ record: Rec }>().record).toMatchObject({
        halfHours: 12,
        status: 'pending_confirmation',
      });
    });

    it('a record overlapping another of the same volunteer is refused', async () => {
      const c = await leader.call('POST', '/api/v1/vs/activities', {
        orderId: s.orderId,
        title: '补录活动',
        place: '伊庄村',
        startsAt: at(14.2 * H),
        endsAt: at(16 * H),
        capacity: 10,
      });
      expect(c.statusCode, c.body).toBe(201);
      const id = c.json<Activity>().id;
      t.clock.advance(0.25 * H); // now START + 14h21
      await loginAgain('leader');
      // A confirmed sign-up that the API would have refused (e.g. entered before the rule): the
      // hours rule still refuses overlapping time.
      await db()
        .insertInto('vs_signups')
        .values({
          id: crypto.randomUUID(),
          activity_id: id,
          volunteer_id: s.volunteerId,
          status: 'confirmed',
          queue_position: null,
          created_at: t.clock.now.toISOString(),
          promoted_at: null,
          cancelled_at: null,
        })
        .execute();
      // a2's record ends at 13.5 h, so this activity does not overlap it: fine.
      const ok = await leader.call('POST', `/api/v1/vs/activities/${id}/attendance`, {
        volunteerId: s.volunteerId,
        direction: 'in',
        at: at(14.2 * H),
      });
      expect(ok.statusCode, ok.body).toBe(200);
      // Now a 4th activity overlapping this open record.
      const d = await leader.call('POST', '/api/v1/vs/activities', {
        orderId: s.orderId,
        title: '重叠补录',
        place: '伊庄村',
        startsAt: at(14.3 * H),
        endsAt: at(15 * H),
        capacity: 10,
      });
      const did = d.json<Activity>().id;
      await db()
        .insertInto('vs_signups')
        .values({
          id: crypto.randomUUID(),
          activity_id: did,
          volunteer_id: s.volunteerId,
          status: 'confirmed',
          queue_position: null,
          created_at: t.clock.now.toISOString(),
          promoted_at: null,
          cancelled_at: null,
        })
        .execute();
      const before = await count('vs_service_records');
      const clash = await leader.call('POST', `/api/v1/vs/activities/${did}/attendance`, {
        volunteerId: s.volunteerId,
        direction: 'in',
        at: at(14.32 * H),
      });
      expect(clash.statusCode).toBe(409);
      expect(clash.json()).toMatchObject({ code: 'VS_HOURS_OVERLAP' });
      expect(await count('vs_service_records')).toBe(before);
    });

    it('the confirmation gate: checked-in records cannot be confirmed; rejected ones count nothing', async () => {
      // (the demo seed may hold records of this volunteer too: look only at this file's activities)
      const ours = (
        await db()
          .selectFrom('vs_activities')
          .select('id')
          .where('created_by', '=', s.leaderId)
          .where('is_demo', '=', 0)
          .execute()
      ).map((r) => r.id);
      const open = await db()
        .selectFrom('vs_service_records')
        .selectAll()
        .where('volunteer_id', '=', s.volunteerId)
        .where('activity_id', 'in', ours)
        .where('status', '=', 'checked_in')
        .executeTakeFirstOrThrow();
      const gate = await leader.call('POST', `/api/v1/vs/service-records/${open.id}/confirm`, {});
      expect(gate.statusCode).toBe(409);
      expect(gate.json()).toMatchObject({ code: 'VS_RECORD_NOT_PENDING' });
      const pending = await db()
        .selectFrom('vs_service_records')
        .selectAll()
        .where('volunteer_id', '=', s.volunteerId)
        .where('activity_id', 'in', ours)
        .where('status', '=', 'pending_confirmation')
        .executeTakeFirstOrThrow();
      const rej = await leader.call('POST', `/api/v1/vs/service-records/${pending.id}/reject`, {
        reason: '未实际到岗',
      });
      expect(rej.statusCode, rej.body).toBe(200);
      expect(rej.json()).toMatchObject({
        status: 'rejected',
        halfHours: 0,
        rejectReason: '未实际到岗',
      });
      const confirmed = await db()
        .selectFrom('vs_service_records')
        .select((eb) => eb.fn.sum<number>('half_hours').as('h'))
        .where('volunteer_id', '=', s.volunteerId)
        .where('activity_id', 'in', ours)
        .where('status', '=', 'confirmed')
        .executeTakeFirstOrThrow();
      expect(Number(confirmed.h)).toBe(4);
      await loginAgain('volunteer');
      const mine = (await volunteer.call('GET', '/api/v1/vs/my-activities?when=past')).json<
        { activity: { id: string }; record: Rec | null }[]
      >();
      expect(mine.find((m) => m.activity.id === a1)?.record).toMatchObject({
        status: 'confirmed',
        hours: 2,
      });
      expect(mine.find((m) => m.activity.id === a2)?.record).toMatchObject({ status: 'rejected' });
    });
  });
}
