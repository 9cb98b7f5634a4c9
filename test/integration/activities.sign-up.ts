/**
 * VS-6 serving, sign-up: confirmation, waitlist and promotion, overlap, non-volunteers. A step of the story in activities.test.ts (run there, in order).
 */
import { describe, expect, it } from 'vitest';
import {
  H,
  at,
  a1,
  a2,
  bearer,
  db,
  leader,
  others,
  s,
  t,
  volunteer,
  type Activity,
} from './activities.serving.ts';

export function signUpSteps() {
  describe('sign-up', () => {
    it('the first volunteer is confirmed; a duplicate is refused', async () => {
      const res = await volunteer.call('POST', `/api/v1/vs/activities/${a1}/signup`);
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ status: 'confirmed', waitlistRank: null });
      const dup = await volunteer.call('POST', `/api/v1/vs/activities/${a1}/signup`);
      expect(dup.statusCode).toBe(409);
      expect(dup.json()).toMatchObject({ code: 'VS_SIGNUP_DUPLICATE' });
    });

    it('beyond capacity volunteers wait in order', async () => {
      for (const [i, o] of others.entries()) {
        const r = await bearer(o.token, 'POST', `/api/v1/vs/activities/${a1}/signup`);
        expect(r.statusCode, r.body).toBe(201);
        expect(r.json()).toMatchObject({ status: 'waitlisted', waitlistRank: i + 1 });
      }
      const roster = await leader.call('GET', `/api/v1/vs/activities/${a1}/roster`);
      expect(roster.statusCode, roster.body).toBe(200);
      const r = roster.json<{
        confirmed: { volunteerId: string }[];
        waitlist: { volunteerId: string; waitlistRank: number }[];
      }>();
      expect(r.confirmed.map((c) => c.volunteerId)).toEqual([s.volunteerId]);
      expect(r.waitlist.map((w) => w.volunteerId)).toEqual(others.map((o) => o.volunteerId));
      expect(r.waitlist.map((w) => w.waitlistRank)).toEqual([1, 2, 3]);
      // #12 availableActions (signup.workflow.ts): the lead records attendance of confirmed only.
      const actions = roster.json<{
        confirmed: { availableActions: string[] }[];
        waitlist: { availableActions: string[] }[];
      }>();
      expect(actions.confirmed.map((c) => c.availableActions)).toEqual([['record_attendance']]);
      expect(actions.waitlist.map((w) => w.availableActions)).toEqual([[], [], []]);
    });

    it('a waitlisted volunteer who leaves moves the others up; a confirmed one who leaves promotes the first', async () => {
      const left = await bearer(
        others[0]!.token,
        'POST',
        `/api/v1/vs/activities/${a1}/signup/cancel`,
      );
      expect(left.statusCode, left.body).toBe(200);
      expect(left.json()).toMatchObject({ status: 'cancelled' });
      const mine = await bearer(others[2]!.token, 'GET', '/api/v1/vs/my-activities');
      expect(
        mine.json<{ activity: { id: string }; signup: { waitlistRank: number } }[]>()[0]!.signup
          .waitlistRank,
      ).toBe(2);

      const cancel = await volunteer.call('POST', `/api/v1/vs/activities/${a1}/signup/cancel`);
      expect(cancel.statusCode, cancel.body).toBe(200);
      const promoted = await db()
        .selectFrom('vs_signups')
        .selectAll()
        .where('activity_id', '=', a1)
        .where('status', '=', 'confirmed')
        .execute();
      expect(promoted.map((p) => p.volunteer_id)).toEqual([others[1]!.volunteerId]);
      expect(promoted[0]!.promoted_at).not.toBeNull();
      const note = await bearer(others[1]!.token, 'GET', '/api/v1/notifications');
      expect(note.json<{ kind: string }[]>().map((n) => n.kind)).toContain('vs_signup_promoted');
      const a = await db()
        .selectFrom('vs_activities')
        .selectAll()
        .where('id', '=', a1)
        .executeTakeFirstOrThrow();
      expect(a.confirmed_count).toBe(1);
    });

    it('signing up again joins the end of the waitlist', async () => {
      const res = await volunteer.call('POST', `/api/v1/vs/activities/${a1}/signup`);
      expect(res.json()).toMatchObject({ status: 'waitlisted', waitlistRank: 2 });
      // Back to a confirmed place for the rest of the story: the promoted volunteer leaves.
      await bearer(others[1]!.token, 'POST', `/api/v1/vs/activities/${a1}/signup/cancel`);
      await bearer(others[2]!.token, 'POST', `/api/v1/vs/activities/${a1}/signup/cancel`);
      const again = await db()
        .selectFrom('vs_signups')
        .select('status')
        .where('activity_id', '=', a1)
        .where('volunteer_id', '=', s.volunteerId)
        .where('status', '<>', 'cancelled')
        .executeTakeFirstOrThrow();
      expect(again.status).toBe('confirmed');
    });

    it('an activity overlapping a confirmed one is refused', async () => {
      const overlapping = await leader.call('POST', '/api/v1/vs/activities', {
        orderId: s.orderId,
        title: '重叠活动',
        place: '伊庄村',
        startsAt: at(4 * H),
        endsAt: at(6 * H),
        capacity: 10,
      });
      const id = overlapping.json<Activity>().id;
      const res = await volunteer.call('POST', `/api/v1/vs/activities/${id}/signup`);
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: 'VS_SIGNUP_OVERLAP' });
      // Touching (a2 starts when a1 ends + 30 min) is fine.
      const ok = await volunteer.call('POST', `/api/v1/vs/activities/${a2}/signup`);
      expect(ok.statusCode, ok.body).toBe(201);
    });

    it('an account without a volunteer registration cannot sign up', async () => {
      const { insertAccount } = await import('../helpers/vs-fixtures.ts');
      const acc = await insertAccount(db(), { role: 'volunteer', regionCode: '110115110000' });
      const c = await t.login(acc.username);
      const res = await c.call('POST', `/api/v1/vs/activities/${a2}/signup`);
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ code: 'VS_NOT_A_VOLUNTEER' });
      expect((await c.call('GET', '/api/v1/vs/my-activities')).json()).toEqual([]);
    });
  });
}
