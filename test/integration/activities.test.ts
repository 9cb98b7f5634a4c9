/**
 * VS-6 serving end to end over HTTP: activities from an accepted order, sign-up with waitlist and
 * promotion, the rotating code (stale, wrong and replayed codes refused), manual attendance, hours
 * (travel, rounding, daily cap, overlap), the confirmation gate, cancelling an activity.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeFor, codeWindow } from '../../src/modules/activities/check-in-code.ts';
import { insertVolunteer } from '../helpers/vs-fixtures.ts';
import { createTestApp, START, type Client, type TestApp } from '../helpers/test-app.ts';
import { bulkVolunteers, servingSetup, VILLAGE } from './activities.fixtures.ts';

const H = 3600_000;
const at = (ms: number) => new Date(START.getTime() + ms).toISOString();

interface Activity {
  id: string;
  status: string;
  confirmedCount: number;
  waitlistCount: number;
  canManage: boolean;
  mySignup: { status: string; waitlistRank: number | null } | null;
}
interface Rec {
  id: string;
  status: string;
  halfHours: number;
  hours: number;
  travelMinutes: number;
  checkInMethod: string;
}

describe('VS-6 serving', () => {
  let t: TestApp;
  let leader: Client;
  let vstaff: Client;
  let volunteer: Client;
  let s: Awaited<ReturnType<typeof servingSetup>>;
  let a1 = ''; // 11:30–14:30 Beijing, capacity 1
  let a2 = ''; // 15:00–23:00 Beijing, same day
  const others: { token: string; volunteerId: string }[] = [];
  const bearer = (token: string, method: 'GET' | 'POST', url: string, body?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    });
  const db = () => t.testDb.db.kysely;
  const count = async (
    table: 'audit_events' | 'vs_activities' | 'vs_signups' | 'vs_service_records',
  ) =>
    Number(
      (
        await db()
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await createTestApp({ residents: 5 });
    s = await servingSetup(db(), t.pii);
    leader = await t.login('leader');
    vstaff = await t.login('vstaff');
    volunteer = await t.login('volunteer');
    others.push(...(await bulkVolunteers(db(), t.pii, 3)));
  });
  afterAll(async () => t.close());

  describe('activities', () => {
    it('the team leader creates the first activity: the order moves to in_service', async () => {
      const res = await leader.call('POST', '/api/v1/vs/activities', {
        orderId: s.orderId,
        title: '助老送餐',
        description: '为独居老人送午餐',
        place: '伊庄村委会',
        startsAt: at(2 * H),
        endsAt: at(5 * H),
        capacity: 1,
        skills: ['驾驶'],
      });
      expect(res.statusCode, res.body).toBe(201);
      const a = res.json<Activity & { leadAccountId: string; regionCode: string }>();
      expect(a).toMatchObject({
        status: 'open',
        confirmedCount: 0,
        canManage: true,
        regionCode: VILLAGE,
      });
      expect(a.leadAccountId).toBe(s.leaderId);
      a1 = a.id;
      const order = await db()
        .selectFrom('vs_orders')
        .selectAll()
        .where('id', '=', s.orderId)
        .executeTakeFirstOrThrow();
      expect(order.state).toBe('in_service');
      expect(order.version).toBe(2);
      const actions = await db()
        .selectFrom('vs_order_actions')
        .selectAll()
        .where('order_id', '=', s.orderId)
        .execute();
      expect(actions).toMatchObject([
        { action: 'service_started', from_state: 'accepted', to_state: 'in_service' },
      ]);
      const row = await db()
        .selectFrom('vs_activities')
        .selectAll()
        .where('id', '=', a1)
        .executeTakeFirstOrThrow();
      expect(Buffer.from(t.pii.decrypt(row.code_secret_cipher), 'base64')).toHaveLength(32);
    });

    it('a second activity of the order leaves the order as it is', async () => {
      const res = await leader.call('POST', '/api/v1/vs/activities', {
        orderId: s.orderId,
        title: '助老陪伴',
        place: '伊庄村活动室',
        startsAt: at(5.5 * H),
        endsAt: at(13.5 * H),
        capacity: 5,
      });
      expect(res.statusCode, res.body).toBe(201);
      a2 = res.json<Activity>().id;
      const actions = await db()
        .selectFrom('vs_order_actions')
        .selectAll()
        .where('order_id', '=', s.orderId)
        .execute();
      expect(actions).toHaveLength(1);
    });

    it('only the accepting team’s leader or staff in scope; only accepted orders', async () => {
      const body = { title: 'x', place: 'y', startsAt: at(2 * H), endsAt: at(3 * H), capacity: 3 };
      const other = await t.login('leader'); // leads s.teamId, not s.otherTeamId
      const project = await db()
        .insertInto('vs_projects')
        .values({
          id: crypto.randomUUID(),
          name: '流动书包',
          description: '',
          category_code: s.category,
          region_code: VILLAGE,
          team_id: s.otherTeamId,
          schedule: '',
          on_menu: 1,
          active: 1,
          is_demo: 0,
          created_by: null,
          created_at: START.toISOString(),
          updated_at: START.toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const notLed = await other.call('POST', '/api/v1/vs/activities', {
        ...body,
        projectId: project.id,
      });
      expect(notLed.statusCode).toBe(403);
      expect(notLed.json()).toMatchObject({ code: 'VS_TEAM_NOT_LED' });
      // Staff of the town may run the project's activity.
      const staff = await vstaff.call('POST', '/api/v1/vs/activities', {
        ...body,
        projectId: project.id,
      });
      expect(staff.statusCode, staff.body).toBe(201);
      const otherStaff = await (
        await t.login('clerk')
      ).call('POST', '/api/v1/vs/activities', {
        ...body,
        projectId: project.id,
      });
      expect(otherStaff.statusCode).toBe(403);
      const { insertOrder } = await import('../helpers/vs-fixtures.ts');
      const open = await insertOrder(db(), {
        regionCode: VILLAGE,
        categoryCode: s.category,
        createdBy: s.vstaffId,
        state: 'open',
      });
      const notAccepted = await leader.call('POST', '/api/v1/vs/activities', {
        ...body,
        orderId: open,
      });
      expect(notAccepted.statusCode).toBe(409);
      expect(notAccepted.json()).toMatchObject({ code: 'VS_ORDER_NOT_SERVABLE' });
    });

    it('lists: open ones for volunteers, managed ones for the leader', async () => {
      const open = (await volunteer.call('GET', '/api/v1/vs/activities')).json<Activity[]>();
      expect(open.map((a) => a.id)).toEqual(expect.arrayContaining([a1, a2]));
      const managed = (await leader.call('GET', '/api/v1/vs/activities?view=managed')).json<
        Activity[]
      >();
      expect(managed.map((a) => a.id)).toEqual(expect.arrayContaining([a1, a2]));
      expect(managed.every((a) => a.canManage)).toBe(true);
      // #12: before the start a volunteer is offered the sign-up, the leader the code and cancel.
      const forVolunteer = open as (Activity & { availableActions: string[] })[];
      expect(forVolunteer.find((a) => a.id === a1)?.availableActions).toEqual(['sign_up']);
      const forLeader = managed as (Activity & { availableActions: string[] })[];
      expect(forLeader.find((a) => a.id === a1)?.availableActions).toEqual(
        expect.arrayContaining(['show_code', 'cancel']),
      );
    });
  });

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

  describe('check-in by rotating code', () => {
    const secretOf = async (id: string) =>
      Buffer.from(
        t.pii.decrypt(
          (
            await db()
              .selectFrom('vs_activities')
              .select('code_secret_cipher')
              .where('id', '=', id)
              .executeTakeFirstOrThrow()
          ).code_secret_cipher,
        ),
        'base64',
      );

    it('the code screen is for the lead and staff only', async () => {
      const res = await leader.call('GET', `/api/v1/vs/activities/${a1}/code?direction=in`);
      expect(res.statusCode, res.body).toBe(200);
      const c = res.json<{ code: string; validUntil: string; link: string; qrDataUrl: string }>();
      expect(c.code).toMatch(/^\d{6}$/);
      expect(c.link).toContain(`/vs/check-in/${a1}?direction=in&code=${c.code}`);
      expect(c.qrDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
      expect(Date.parse(c.validUntil)).toBeGreaterThan(t.clock.now.getTime());
      expect((await vstaff.call('GET', `/api/v1/vs/activities/${a1}/code`)).statusCode).toBe(200);
      expect((await volunteer.call('GET', `/api/v1/vs/activities/${a1}/code`)).statusCode).toBe(
        403,
      );
    });

    it('too early: check-in opens an hour before the start', async () => {
      const code = (await leader.call('GET', `/api/v1/vs/activities/${a1}/code`)).json<{
        code: string;
      }>().code;
      const res = await volunteer.call('POST', `/api/v1/vs/activities/${a1}/check`, {
        direction: 'in',
        code,
      });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: 'VS_ATTENDANCE_CLOSED' });
    });

    it('wrong and stale codes are refused, the current one checks in once', async () => {
      t.clock.advance(2 * H + 5 * 60_000); // 5 minutes after the start
      const before = await count('vs_service_records');
      const wrong = await volunteer.call('POST', `/api/v1/vs/activities/${a1}/check`, {
        direction: 'in',
        code: '000000',
      });
      expect(wrong.json<{ code: string }>().code).toMatch(/^VS_CODE_(WRONG|STALE)$/);
      const secret = await secretOf(a1);
      const w = codeWindow(t.clock.now, 30);
      const stale = await volunteer.call('POST', `/api/v1/vs/activities/${a1}/check`, {
        direction: 'in',
        code: codeFor(secret, a1, 'in', w - 3),
      });
      expect(stale.statusCode).toBe(422);
      expect(stale.json()).toMatchObject({ code: 'VS_CODE_STALE' });
      const outCode = await volunteer.call('POST', `/api/v1/vs/activities/${a1}/check`, {
        direction: 'in',
        code: codeFor(secret, a1, 'out', w),
      });
      expect(outCode.statusCode).toBe(422);
      expect(await count('vs_service_records')).toBe(before);

      const code = (await leader.call('GET', `/api/v1/vs/activities/${a1}/code`)).json<{
        code: string;
      }>().code;
      t.clock.advance(31_000); // the screen turned over meanwhile: the previous window still counts
      const ok = await volunteer.call('POST', `/api/v1/vs/activities/${a1}/check`, {
        direction: 'in',
        code,
      });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json<{ record: Rec }>().record).toMatchObject({
        status: 'checked_in',
        checkInMethod: 'code',
      });
      const replay = await volunteer.call('POST', `/api/v1/vs/activities/${a1}/check`, {
        direction: 'in',
        code,
      });
      expect(replay.statusCode).toBe(409);
      expect(replay.json()).toMatchObject({ code: 'VS_CODE_ALREADY_USED' });
      const fresh = (await leader.call('GET', `/api/v1/vs/activities/${a1}/code`)).json<{
        code: string;
      }>().code;
      const again = await volunteer.call('POST', `/api/v1/vs/activities/${a1}/check`, {
        direction: 'in',
        code: fresh,
      });
      expect(again.json()).toMatchObject({ code: 'VS_CODE_ALREADY_USED' });
      expect(await count('vs_service_records')).toBe(before + 1);
    });

    it('only confirmed volunteers check in', async () => {
      const waiting = others[0]!;
      // others[0] cancelled earlier; sign up again → waitlisted (a1 is full).
      const r = await bearer(waiting.token, 'POST', `/api/v1/vs/activities/${a1}/signup`);
      expect(r.statusCode, r.body).toBe(409); // a1 has started: sign-up closed
      expect(r.json()).toMatchObject({ code: 'VS_ACTIVITY_STARTED' });
      // #12: the view offers exactly what the server accepts — no sign-up once it has started.
      const seen = (await bearer(waiting.token, 'GET', `/api/v1/vs/activities/${a1}`)).json<
        Activity & { availableActions: string[] }
      >();
      expect(seen.availableActions).not.toContain('sign_up');
      const signed = (await volunteer.call('GET', `/api/v1/vs/activities/${a1}`)).json<
        Activity & { availableActions: string[] }
      >();
      expect(signed.availableActions).toEqual(['cancel_signup', 'check_in']);
      const lead = (await leader.call('GET', `/api/v1/vs/activities/${a1}`)).json<
        Activity & { availableActions: string[] }
      >();
      expect(lead.availableActions).toEqual(expect.arrayContaining(['show_code', 'cancel']));
      const code = (await leader.call('GET', `/api/v1/vs/activities/${a1}/code`)).json<{
        code: string;
      }>().code;
      const res = await bearer(waiting.token, 'POST', `/api/v1/vs/activities/${a1}/check`, {
        direction: 'in',
        code,
      });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: 'VS_NOT_CONFIRMED_SIGNUP' });
    });

    it('check-out by code leaves the hours pending; travel is excluded; the lead confirms', async () => {
      t.clock.advance(3 * H); // past the end (14:30 Beijing) — check-out still open for 2 h
      volunteer = await t.login('volunteer');
      leader = await t.login('leader');
      const code = (
        await leader.call('GET', `/api/v1/vs/activities/${a1}/code?direction=out`)
      ).json<{ code: string }>().code;
      const out = await volunteer.call('POST', `/api/v1/vs/activities/${a1}/check`, {
        direction: 'out',
        code,
      });
      expect(out.statusCode, out.body).toBe(200);
      const rec = out.json<{ record: Rec }>().record;
      // Checked in at 11:35:31, counted until the end 14:30 → 174 min → 5 half hours.
      expect(rec).toMatchObject({ status: 'pending_confirmation', halfHours: 5 });
      // #12 availableActions (record.workflow.ts): a pending record is the lead's to decide.
      expect(
        out.json<{ record: { availableActions: string[] } }>().record.availableActions,
      ).toEqual([]);
      const rows = (await leader.call('GET', `/api/v1/vs/activities/${a1}/roster`)).json<{
        confirmed: { record: { id: string; availableActions: string[] } | null }[];
      }>();
      expect(rows.confirmed.find((x) => x.record?.id === rec.id)?.record?.availableActions).toEqual(
        ['set_travel', 'confirm', 'reject'],
      );
      const travel = await leader.call('POST', `/api/v1/vs/service-records/${rec.id}/travel`, {
        travelMinutes: 40,
      });
      expect(travel.statusCode, travel.body).toBe(200);
      expect(travel.json()).toMatchObject({ travelMinutes: 40, halfHours: 4 }); // 134 min → 4
      // The volunteer cannot confirm their own hours.
      expect(
        (await volunteer.call('POST', `/api/v1/vs/service-records/${rec.id}/confirm`, {}))
          .statusCode,
      ).toBe(403);
      const confirmed = await leader.call('POST', `/api/v1/vs/service-records/${rec.id}/confirm`, {
        evaluation: '认真负责',
      });
      expect(confirmed.statusCode, confirmed.body).toBe(200);
      expect(confirmed.json<{ availableActions: string[] }>().availableActions).toEqual([]);
      expect(confirmed.json()).toMatchObject({
        status: 'confirmed',
        halfHours: 4,
        hours: 2,
        evaluation: '认真负责',
      });
      const again = await leader.call('POST', `/api/v1/vs/service-records/${rec.id}/confirm`, {});
      expect(again.json()).toMatchObject({ code: 'VS_RECORD_NOT_PENDING' });
      const notes = (await volunteer.call('GET', '/api/v1/notifications')).json<
        { kind: string }[]
      >();
      expect(notes.map((n) => n.kind)).toContain('vs_hours_confirmed');
    });
  });

  describe('hours by the lead: daily cap, overlap, rejection', () => {
    it('manual check-in/out on the same day is capped at 8 h in all', async () => {
      // a2: 15:00–23:00 Beijing = 8 h; 2 h already confirmed today → 6 h left.
      const vid = s.volunteerId;
      t.clock.advance(0.5 * H); // now START + 5h36
      leader = await t.login('leader');
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
      leader = await t.login('leader');
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
      leader = await t.login('leader');
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
      volunteer = await t.login('volunteer');
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
      const res = await leader.call('POST', `/api/v1/vs/activities/${id}/cancel`, {
        reason: '暴雨预警',
      });
      expect(res.statusCode, res.body).toBe(200);
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
});
