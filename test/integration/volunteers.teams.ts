/**
 * VS-1/VS-2 volunteers, teams: filters, the corps tree, refusals. A step of the story in volunteers.test.ts (run there, in order).
 */
import { describe, expect, it } from 'vitest';
import { DEMO_VS_IDS } from '../../src/modules/volunteers/volunteers.demo.ts';
import {
  c,
  PILOT_TOWN,
  refused,
  t,
  XINYI,
  YIZHUANG,
  type Team,
} from './volunteers.world.fixtures.ts';

export function teamSteps() {
  describe('teams', () => {
    const team = (extra: Record<string, unknown> = {}) => ({
      kind: 'team',
      name: '测试志愿服务队',
      regionCode: XINYI,
      organisationName: '新义社区新时代文明实践站',
      personInCharge: '木丽萍',
      contactPhone: '0888-5120002',
      ...extra,
    });
    it('filters by region, kind, category and active', async () => {
      const get = async (q: string) =>
        (await c.volunteer!.call('GET', `/api/v1/vs/teams?${q}`)).json<Team[]>();
      expect((await get('regionCode=530702002000&kind=subteam')).length).toBe(7);
      expect((await get('category=skills')).map((x) => x.name)).toEqual(['彩虹志愿服务队·蓝队']);
      const wsz = await get(`regionCode=${PILOT_TOWN}`);
      expect(wsz.map((x) => x.id).sort()).toEqual(
        [DEMO_VS_IDS.wszTeam, DEMO_VS_IDS.wszCultureTeam].sort(),
      );
      expect((await get('active=false')).length).toBe(0);
      expect((await get(`q=${encodeURIComponent('彩虹')}`)).length).toBe(8);
      const led = (
        await c.leader!.call('GET', `/api/v1/vs/teams/${DEMO_VS_IDS.wszTeam}`)
      ).json<Team>();
      expect(led).toMatchObject({ ledByMe: true, memberCount: 3 });
      expect((await c.volunteer!.call('GET', '/api/v1/vs/teams?kind=army')).statusCode).toBe(400);
      expect(
        (await c.volunteer!.call('GET', '/api/v1/vs/teams/00000000-0000-4000-8000-000000000000'))
          .statusCode,
      ).toBe(404);
    });
    it('the lj leader leads the 彩虹 team and every sub-team below it', async () => {
      const teams = (
        await c['lj-leader']!.call('GET', '/api/v1/vs/teams?regionCode=530702000000')
      ).json<Team[]>();
      expect(teams.filter((x) => x.ledByMe)).toHaveLength(8);
    });
    it('staff build corps → team → sub-team in scope', async () => {
      const corps = await c['lj-staff']!.call(
        'POST',
        '/api/v1/vs/teams',
        team({ kind: 'corps', name: '测试总队', regionCode: '530702000000' }),
      );
      expect(corps.statusCode, corps.body).toBe(201);
      const leader = await t.testDb.db.kysely
        .selectFrom('accounts')
        .select('id')
        .where('username', '=', 'lj-leader')
        .executeTakeFirstOrThrow();
      const tm = await c['lj-staff']!.call(
        'POST',
        '/api/v1/vs/teams',
        team({ parentId: corps.json<Team>().id, leaderAccountId: leader.id }),
      );
      expect(tm.statusCode, tm.body).toBe(201);
      const sub = await c['lj-staff']!.call(
        'POST',
        '/api/v1/vs/teams',
        team({
          kind: 'subteam',
          parentId: tm.json<Team>().id,
          name: '测试分队',
          categoryCode: 'legal',
          colour: '#000000',
        }),
      );
      expect(sub.statusCode, sub.body).toBe(201);
      expect(sub.json<Team>()).toMatchObject({ kind: 'subteam', categoryCode: 'legal' });
      const upd = await c['lj-staff']!.call('PATCH', `/api/v1/vs/teams/${sub.json<Team>().id}`, {
        description: '法律咨询',
        active: false,
      });
      expect(upd.json()).toMatchObject({ description: '法律咨询', active: false });
      // a sub-team under a sub-team, or one without a parent, is refused
      await refused(
        () =>
          c['lj-staff']!.call(
            'POST',
            '/api/v1/vs/teams',
            team({ kind: 'subteam', parentId: sub.json<Team>().id }),
          ),
        422,
        'VS_TEAM_PARENT_INVALID',
      );
      await refused(
        () => c['lj-staff']!.call('POST', '/api/v1/vs/teams', team({ kind: 'subteam' })),
        422,
        'VS_TEAM_PARENT_INVALID',
      );
      // a team under a corps must lie inside the corps' region
      await refused(
        () =>
          c.admin!.call(
            'POST',
            '/api/v1/vs/teams',
            team({ parentId: corps.json<Team>().id, regionCode: YIZHUANG }),
          ),
        422,
        'VS_TEAM_PARENT_INVALID',
      );
    });
    it('refuses bad teams and foreign scopes, nothing written', async () => {
      await refused(() => c.vstaff!.call('POST', '/api/v1/vs/teams', team()), 403, 'OUT_OF_SCOPE');
      const volunteerAccount = await t.testDb.db.kysely
        .selectFrom('accounts')
        .select('id')
        .where('username', '=', 'lj-volunteer')
        .executeTakeFirstOrThrow();
      await refused(
        () =>
          c['lj-staff']!.call(
            'POST',
            '/api/v1/vs/teams',
            team({ leaderAccountId: volunteerAccount.id }),
          ),
        422,
        'VS_TEAM_LEADER_INVALID',
      );
      await refused(
        () => c['lj-staff']!.call('POST', '/api/v1/vs/teams', team({ categoryCode: 'nope' })),
        422,
        'VS_CATEGORY_UNKNOWN',
      );
      await refused(
        () => c['lj-staff']!.call('POST', '/api/v1/vs/teams', team({ contactPhone: 'abc' })),
        400,
        'VALIDATION_FAILED',
      );
      await refused(
        () =>
          c['lj-staff']!.call('PATCH', `/api/v1/vs/teams/${DEMO_VS_IDS.wszTeam}`, {
            description: 'x',
          }),
        403,
        'OUT_OF_SCOPE',
      );
      await refused(
        () =>
          c.leader!.call('PATCH', `/api/v1/vs/teams/${DEMO_VS_IDS.wszTeam}`, { description: 'x' }),
        403,
        'FORBIDDEN',
      );
      await refused(
        () =>
          c.vstaff!.call('PATCH', '/api/v1/vs/teams/00000000-0000-4000-8000-000000000000', {
            description: 'x',
          }),
        404,
        'VS_TEAM_NOT_FOUND',
      );
    });
  });
}
