/**
 * VS-1/VS-2 volunteers, join requests: asking, deciding, withdrawing, members. A step of the story in volunteers.test.ts (run there, in order).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_VS_IDS } from '../../src/modules/volunteers/volunteers.demo.ts';
import { ACCOUNTS } from './access/index.ts';
import { insertAccount } from '../helpers/vs-fixtures.ts';
import { c, PILOT_TOWN, refused, t, type Member, type Team } from './volunteers.world.fixtures.ts';

export function joinRequestSteps() {
  describe('join requests', () => {
    let blue = '';
    beforeAll(async () => {
      const teams = (await c.volunteer!.call('GET', '/api/v1/vs/teams?category=skills')).json<
        Team[]
      >();
      blue = teams[0]!.id;
    });
    it('a volunteer asks once; only a leader of the team (or above) or staff in scope decides', async () => {
      const volunteer = await t.login('organiser'); // registered above; now holds the volunteer role
      const req = await volunteer.call('POST', `/api/v1/vs/teams/${blue}/join-requests`, {
        note: '我会剪视频',
      });
      expect(req.statusCode, req.body).toBe(201);
      const m = req.json<Member>();
      expect(m.status).toBe('pending');
      await refused(
        () => volunteer.call('POST', `/api/v1/vs/teams/${blue}/join-requests`, {}),
        409,
        'VS_JOIN_ALREADY',
      );
      const inbox = (await c['lj-leader']!.call('GET', '/api/v1/vs/join-requests')).json<
        Member[]
      >();
      expect(inbox.map((x) => x.id)).toContain(m.id);
      expect(
        (await c.leader!.call('GET', '/api/v1/vs/join-requests')).json<Member[]>().map((x) => x.id),
      ).not.toContain(m.id);
      // another team's leader and staff of another region may not decide
      await refused(
        () =>
          c.leader!.call('POST', `/api/v1/vs/join-requests/${m.id}/decision`, {
            decision: 'approve',
          }),
        403,
        'VS_NOT_TEAM_LEADER',
      );
      await refused(
        () =>
          c.vstaff!.call('POST', `/api/v1/vs/join-requests/${m.id}/decision`, {
            decision: 'approve',
          }),
        403,
        'VS_NOT_TEAM_LEADER',
      );
      await refused(
        () =>
          c['lj-leader']!.call('POST', `/api/v1/vs/join-requests/${m.id}/decision`, {
            decision: 'maybe',
          }),
        400,
        'VALIDATION_FAILED',
      );
      const ok = await c['lj-leader']!.call('POST', `/api/v1/vs/join-requests/${m.id}/decision`, {
        decision: 'approve',
      });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json<Member>().status).toBe('approved');
      await refused(
        () =>
          c['lj-staff']!.call('POST', `/api/v1/vs/join-requests/${m.id}/decision`, {
            decision: 'reject',
          }),
        409,
        'VS_JOIN_ALREADY_DECIDED',
      );
      const members = (
        await c['lj-leader']!.call('GET', `/api/v1/vs/teams/${blue}/members?status=approved`)
      ).json<Member[]>();
      expect(members.map((x) => x.volunteerId)).toContain(m.volunteerId);
      const me = (await volunteer.call('GET', '/api/v1/volunteers/me')).json<{
        memberships: { teamId: string; status: string }[];
      }>();
      expect(me.memberships).toContainEqual(
        expect.objectContaining({ teamId: blue, status: 'approved' }),
      );
      // the leader was told of the request, the volunteer of the decision
      const told = await t.testDb.db.kysely
        .selectFrom('notifications as n')
        .innerJoin('accounts as a', 'a.id', 'n.account_id')
        .select(['a.username', 'n.kind'])
        .where('n.entity_id', '=', m.id)
        .orderBy('n.created_at')
        .execute();
      expect(told).toEqual(
        expect.arrayContaining([
          { username: 'lj-leader', kind: 'vs_join_requested' },
          { username: 'organiser', kind: 'vs_join_approved' },
        ]),
      );
    });
    it('a rejected volunteer may ask again; staff in scope decide too', async () => {
      const req = await c.volunteer!.call(
        'POST',
        `/api/v1/vs/teams/${DEMO_VS_IDS.wszCultureTeam}/join-requests`,
        {},
      );
      expect(req.statusCode, req.body).toBe(201);
      const id = req.json<Member>().id;
      // the culture team has no leader: the 魏善庄镇 staff decide
      const no = await c.vstaff!.call('POST', `/api/v1/vs/join-requests/${id}/decision`, {
        decision: 'reject',
        note: '名额已满',
      });
      expect(no.json()).toMatchObject({ status: 'rejected', note: '名额已满' });
      const again = await c.volunteer!.call(
        'POST',
        `/api/v1/vs/teams/${DEMO_VS_IDS.wszCultureTeam}/join-requests`,
        {},
      );
      expect(again.statusCode, again.body).toBe(201);
      expect(again.json<Member>()).toMatchObject({ id, status: 'pending' });
    });
    it('an unregistered volunteer account, an inactive or unknown team are refused', async () => {
      const acc = await insertAccount(t.testDb.db.kysely, {
        role: 'volunteer',
        regionCode: PILOT_TOWN,
      });
      const fresh = await t.login(acc.username);
      await refused(
        () => fresh.call('POST', `/api/v1/vs/teams/${DEMO_VS_IDS.wszTeam}/join-requests`, {}),
        409,
        'VOLUNTEER_NOT_REGISTERED',
      );
      const inactive = (await c['lj-staff']!.call('GET', '/api/v1/vs/teams?active=false')).json<
        Team[]
      >();
      await refused(
        () =>
          c['lj-volunteer']!.call('POST', `/api/v1/vs/teams/${inactive[0]!.id}/join-requests`, {}),
        409,
        'VS_TEAM_INACTIVE',
      );
      await refused(
        () =>
          c['lj-volunteer']!.call(
            'POST',
            '/api/v1/vs/teams/00000000-0000-4000-8000-000000000000/join-requests',
            {},
          ),
        404,
        'VS_TEAM_NOT_FOUND',
      );
      await refused(
        () =>
          c['lj-volunteer']!.call('POST', `/api/v1/vs/teams/${DEMO_VS_IDS.wszTeam}/join-requests`, {
            x: 1,
          }),
        400,
        'VALIDATION_FAILED',
      );
    });
    it('members: leaders of the team and staff in scope only', async () => {
      const url = `/api/v1/vs/teams/${DEMO_VS_IDS.wszTeam}/members`;
      const list = (await c.leader!.call('GET', url)).json<Member[]>();
      expect(list.map((x) => x.volunteerId)).toContain(DEMO_VS_IDS.wszVolunteer);
      expect((await c['lj-leader']!.call('GET', url)).json()).toMatchObject({
        code: 'VS_NOT_TEAM_LEADER',
      });
      expect((await c['lj-staff']!.call('GET', url)).statusCode).toBe(403);
      expect((await c.vstaff!.call('GET', url)).statusCode).toBe(200);
    });
    it('VS-1 availableActions: the leader may approve or reject a pending request, its requester withdraw it', async () => {
      const green = (await c['lj-volunteer']!.call('GET', '/api/v1/vs/teams?category=eco')).json<
        Team[]
      >()[0]!.id;
      const req = await c['lj-volunteer']!.call(
        'POST',
        `/api/v1/vs/teams/${green}/join-requests`,
        {},
      );
      expect(req.statusCode, req.body).toBe(201);
      const m = req.json<Member & { availableActions: string[] }>();
      expect(m).toMatchObject({ status: 'pending', availableActions: ['withdraw'] });
      const inbox = (await c['lj-leader']!.call('GET', '/api/v1/vs/join-requests')).json<
        (Member & { availableActions: string[] })[]
      >();
      expect(inbox.find((x) => x.id === m.id)?.availableActions).toEqual(['approve', 'reject']);
      const me = (await c['lj-volunteer']!.call('GET', '/api/v1/volunteers/me')).json<{
        memberships: { id: string; status: string; availableActions: string[] }[];
      }>();
      expect(me.memberships.find((x) => x.id === m.id)?.availableActions).toEqual(['withdraw']);
      expect(me.memberships.find((x) => x.status === 'approved')?.availableActions).toEqual([]);
      // someone else's request is not found; the requester withdraws once
      await refused(
        () => c.volunteer!.call('POST', `/api/v1/vs/join-requests/${m.id}/withdrawal`),
        404,
        'VS_JOIN_REQUEST_NOT_FOUND',
      );
      const gone = await c['lj-volunteer']!.call(
        'POST',
        `/api/v1/vs/join-requests/${m.id}/withdrawal`,
      );
      expect(gone.statusCode, gone.body).toBe(200);
      expect(gone.json()).toMatchObject({ status: 'left', availableActions: ['request'] });
      // the requester's own withdrawal is audited as such, not as the team's decision
      const trail = await t.testDb.db.kysely
        .selectFrom('audit_events')
        .select('action')
        .where('entity_id', '=', m.id)
        .execute();
      expect(trail.map((r) => r.action)).toContain('team.join_withdrawn');
      expect(trail.map((r) => r.action)).not.toContain('team.join_decided');
      await refused(
        () => c['lj-volunteer']!.call('POST', `/api/v1/vs/join-requests/${m.id}/withdrawal`),
        409,
        'VS_JOIN_ALREADY_DECIDED',
      );
      await refused(
        () =>
          c['lj-leader']!.call('POST', `/api/v1/vs/join-requests/${m.id}/decision`, {
            decision: 'approve',
          }),
        409,
        'VS_JOIN_ALREADY_DECIDED',
      );
      const again = await c['lj-volunteer']!.call(
        'POST',
        `/api/v1/vs/teams/${green}/join-requests`,
        {},
      );
      expect(again.json()).toMatchObject({ id: m.id, status: 'pending' });
    });
    it('the withdrawal route: volunteers pass the access check, others are FORBIDDEN', async () => {
      const url = '/api/v1/vs/join-requests/00000000-0000-4000-8000-000000000000/withdrawal';
      for (const [username, role] of Object.entries(ACCOUNTS)) {
        const res = await c[username]!.call('POST', url);
        // The organiser registered as a volunteer above and now holds the role too.
        if (role === 'volunteer' || username === 'organiser')
          expect(['VS_JOIN_REQUEST_NOT_FOUND', 'VOLUNTEER_NOT_REGISTERED'], username).toContain(
            res.json<{ code: string }>().code,
          );
        else expect(res.json(), username).toMatchObject({ code: 'FORBIDDEN' });
      }
    });
    it('the decision route: declared roles pass the access check, others are FORBIDDEN', async () => {
      const url = '/api/v1/vs/join-requests/00000000-0000-4000-8000-000000000000/decision';
      for (const [username, role] of Object.entries(ACCOUNTS)) {
        const res = await c[username]!.call('POST', url, { decision: 'approve' });
        if (['admin', 'volunteer_staff', 'team_leader'].includes(role))
          expect(res.json(), username).toMatchObject({ code: 'VS_JOIN_REQUEST_NOT_FOUND' });
        else expect(res.json(), username).toMatchObject({ code: 'FORBIDDEN' });
      }
    });
  });
}
