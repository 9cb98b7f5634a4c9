/**
 * VS-6 serving end to end over HTTP: activities from an accepted order, sign-up with waitlist and
 * promotion, the rotating code (stale, wrong and replayed codes refused), manual attendance, hours
 * (travel, rounding, daily cap, overlap), the confirmation gate, cancelling an activity.
 *
 * The story runs in order in this file; its later steps live in activities.*.ts and the shared
 * state in activities.serving.ts.
 */
import { describe, expect, it } from 'vitest';
import { START } from '../helpers/test-app.ts';
import { VILLAGE } from './activities.fixtures.ts';
import {
  H,
  at,
  a1,
  a2,
  db,
  leader,
  s,
  setActivity,
  useServing,
  t,
  volunteer,
  vstaff,
  type Activity,
} from './activities.serving.ts';
import { signUpSteps } from './activities.sign-up.ts';
import { checkInSteps } from './activities.check-in.ts';
import { hoursSteps } from './activities.hours.ts';
import { cancelSteps } from './activities.cancel.ts';

describe('VS-6 serving', () => {
  useServing();

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
      setActivity('a1', a.id);
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
      setActivity('a2', res.json<Activity>().id);
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

  signUpSteps();
  checkInSteps();
  hoursSteps();
  cancelSteps();
});
