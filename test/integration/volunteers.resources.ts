/**
 * VS-1/VS-2 volunteers, resources and projects (VS-2). A step of the story in volunteers.test.ts (run there, in order).
 */
import { describe, expect, it } from 'vitest';
import { DEMO_VS_IDS } from '../../src/modules/volunteers/volunteers.demo.ts';
import {
  c,
  PILOT_TOWN,
  refused,
  SANSHUNZHUANG_CODE,
  XINYI,
  YIZHUANG,
  type Item,
} from './volunteers.world.fixtures.ts';

export function resourceSteps() {
  describe('resources and projects (VS-2)', () => {
    const resource = (extra: Record<string, unknown> = {}) => ({
      name: '助老轮椅',
      kind: 'goods',
      description: '两台可借用的轮椅',
      categoryCode: 'elderly',
      regionCode: SANSHUNZHUANG_CODE,
      providerTeamId: DEMO_VS_IDS.wszTeam,
      providerName: '魏善庄镇邻里守望志愿服务队',
      ...extra,
    });
    it('browse by region prefix, category, text; inactive only on request', async () => {
      const get = async (path: string, q: string) =>
        (await c.resident!.call('GET', `/api/v1/vs/${path}?${q}`)).json<Item[]>();
      const wsz = await get('resources', `regionCode=${PILOT_TOWN}`);
      expect(wsz.map((x) => x.name)).toEqual(
        expect.arrayContaining(['流动书包', '三顺庄村便民超市二楼活动室（商户捐用）']),
      );
      expect(wsz.every((x) => x.active)).toBe(true);
      const all = await get('resources', `regionCode=${PILOT_TOWN}&includeInactive=true`);
      expect(all.filter((x) => !x.active).map((x) => x.name)).toEqual(['爱心理发工具箱']);
      expect((await get('resources', `q=${encodeURIComponent('书包')}`)).map((x) => x.id)).toEqual([
        DEMO_VS_IDS.bookbag,
      ]);
      expect((await get('resources', 'category=skills')).every((x) => x.regionCode === XINYI)).toBe(
        true,
      );
      const menu = await get('projects', `regionCode=${XINYI}&onMenu=true`);
      expect(menu.map((x) => x.name)).toContain('直播带货技能培训');
      expect((await get('projects', `regionCode=${PILOT_TOWN}`)).length).toBe(4);
      expect((await c.resident!.call('GET', '/api/v1/vs/resources?regionCode=1')).statusCode).toBe(
        400,
      );
      expect((await c.resident!.call('GET', '/api/v1/vs/projects?onMenu=yes')).statusCode).toBe(
        400,
      );
      expect(
        (await c.resident!.call('GET', `/api/v1/vs/resources/${DEMO_VS_IDS.bookbag}`)).json(),
      ).toMatchObject({
        name: '流动书包',
        providerTeamName: '魏善庄镇邻里守望志愿服务队',
      });
    });
    it('a leader adds and deactivates a resource of their own team', async () => {
      const res = await c.leader!.call('POST', '/api/v1/vs/resources', resource());
      expect(res.statusCode, res.body).toBe(201);
      const id = res.json<Item>().id;
      const off = await c.leader!.call('PATCH', `/api/v1/vs/resources/${id}`, { active: false });
      expect(off.json()).toMatchObject({ active: false });
      const list = (
        await c.resident!.call('GET', `/api/v1/vs/resources?q=${encodeURIComponent('轮椅')}`)
      ).json<Item[]>();
      expect(list).toEqual([]);
    });
    it('a leader may not add for another team, or without a team; staff only in scope', async () => {
      await refused(
        () => c['lj-leader']!.call('POST', '/api/v1/vs/resources', resource()),
        403,
        'VS_NOT_TEAM_LEADER',
      );
      await refused(
        () => c.leader!.call('POST', '/api/v1/vs/resources', resource({ providerTeamId: null })),
        403,
        'VS_NOT_TEAM_LEADER',
      );
      await refused(
        () => c.leader!.call('POST', '/api/v1/vs/resources', resource({ regionCode: XINYI })),
        403,
        'OUT_OF_SCOPE',
      );
      await refused(
        () =>
          c['lj-staff']!.call('POST', '/api/v1/vs/resources', resource({ providerTeamId: null })),
        403,
        'OUT_OF_SCOPE',
      );
      await refused(
        () =>
          c['lj-staff']!.call('PATCH', `/api/v1/vs/resources/${DEMO_VS_IDS.bookbag}`, {
            active: false,
          }),
        403,
        'OUT_OF_SCOPE',
      );
      await refused(
        () => c.volunteer!.call('POST', '/api/v1/vs/resources', resource()),
        403,
        'FORBIDDEN',
      );
    });
    it.each([
      [{ categoryCode: 'nope' }, 422, 'VS_CATEGORY_UNKNOWN'],
      [{ regionCode: '110115999999' }, 400, 'UNKNOWN_REGION'],
      [{ providerTeamId: '00000000-0000-4000-8000-000000000000' }, 404, 'VS_TEAM_NOT_FOUND'],
      [{ kind: 'castle' }, 400, 'VALIDATION_FAILED'],
      [{ name: '' }, 400, 'VALIDATION_FAILED'],
    ])('bad resource %j → %i %s, nothing written', async (extra, status, code) => {
      await refused(
        () => c.vstaff!.call('POST', '/api/v1/vs/resources', resource(extra)),
        status,
        code,
      );
    });
    it('staff add a project; take it off the menu; deactivate it', async () => {
      const res = await c.vstaff!.call('POST', '/api/v1/vs/projects', {
        name: '防诈骗宣讲',
        description: '讲解常见电信诈骗手法',
        categoryCode: 'safety',
        regionCode: YIZHUANG,
        schedule: '每月一次',
      });
      expect(res.statusCode, res.body).toBe(201);
      const p = res.json<Item>();
      expect(p.onMenu).toBe(true);
      const off = await c.vstaff!.call('PATCH', `/api/v1/vs/projects/${p.id}`, { onMenu: false });
      expect(off.json()).toMatchObject({ onMenu: false, active: true });
      const menu = (
        await c.resident!.call('GET', `/api/v1/vs/projects?regionCode=${YIZHUANG}&onMenu=true`)
      ).json<Item[]>();
      expect(menu.map((x) => x.id)).not.toContain(p.id);
      await c.vstaff!.call('PATCH', `/api/v1/vs/projects/${p.id}`, { active: false });
      const inactive = (
        await c.resident!.call(
          'GET',
          `/api/v1/vs/projects?regionCode=${YIZHUANG}&includeInactive=true`,
        )
      ).json<Item[]>();
      expect(inactive.find((x) => x.id === p.id)).toMatchObject({ active: false });
      await refused(
        () => c.leader!.call('PATCH', `/api/v1/vs/projects/${p.id}`, { onMenu: true }),
        403,
        'VS_NOT_TEAM_LEADER',
      );
      await refused(
        () =>
          c.vstaff!.call('PATCH', '/api/v1/vs/projects/00000000-0000-4000-8000-000000000000', {
            onMenu: true,
          }),
        404,
        'VS_PROJECT_NOT_FOUND',
      );
      await refused(
        () =>
          c.vstaff!.call('POST', '/api/v1/vs/projects', {
            name: 'x',
            description: 'x',
            categoryCode: 'safety',
            regionCode: YIZHUANG,
            onMenu: 'yes',
          }),
        400,
        'VALIDATION_FAILED',
      );
    });
    it('a leader edits the projects of their own team', async () => {
      const res = await c.leader!.call('PATCH', `/api/v1/vs/projects/${DEMO_VS_IDS.haircut}`, {
        schedule: '每月第一个周日上午',
      });
      expect(res.json()).toMatchObject({ schedule: '每月第一个周日上午' });
      await refused(
        () =>
          c['lj-leader']!.call('PATCH', `/api/v1/vs/projects/${DEMO_VS_IDS.haircut}`, {
            schedule: 'x',
          }),
        403,
        'VS_NOT_TEAM_LEADER',
      );
    });
  });
}
