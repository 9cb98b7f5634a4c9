/**
 * VS-1/VS-2 volunteers, the registry and the categories (8+N). A step of the story in volunteers.test.ts (run there, in order).
 */
import { describe, expect, it } from 'vitest';
import { DEMO_VS_IDS } from '../../src/modules/volunteers/volunteers.demo.ts';
import { c, refused, t, XINYI, type Volunteer } from './volunteers.world.fixtures.ts';

export function registrySteps() {
  describe('the registry', () => {
    it('staff see only their own scope, masked', async () => {
      const wsz = (await c.vstaff!.call('GET', '/api/v1/volunteers?limit=200')).json<Volunteer[]>();
      expect(wsz.length).toBeGreaterThan(2);
      expect(wsz.every((v) => v.homeRegionCode.startsWith('110115110'))).toBe(true);
      const lj = (await c['lj-staff']!.call('GET', '/api/v1/volunteers?limit=200')).json<
        Volunteer[]
      >();
      expect(lj.length).toBeGreaterThanOrEqual(22);
      expect(lj.every((v) => v.homeRegionCode.startsWith('530702'))).toBe(true);
      expect(lj.every((v) => v.idMasked.includes('********'))).toBe(true);
    });
    it('search by name, region and skill', async () => {
      const byName = (
        await c.vstaff!.call('GET', `/api/v1/volunteers?q=${encodeURIComponent('赵雨')}`)
      ).json<Volunteer[]>();
      expect(byName.map((v) => v.id)).toEqual([DEMO_VS_IDS.wszVolunteer]);
      const bySkill = (
        await c['lj-staff']!.call(
          'GET',
          `/api/v1/volunteers?skill=${encodeURIComponent('直播带货')}`,
        )
      ).json<Volunteer[]>();
      expect(bySkill.length).toBeGreaterThan(1);
      expect(bySkill.every((v) => v.skills.includes('直播带货'))).toBe(true);
      const byRegion = (
        await c['lj-staff']!.call('GET', `/api/v1/volunteers?regionCode=${XINYI}&limit=200`)
      ).json<Volunteer[]>();
      expect(byRegion.every((v) => v.homeRegionCode === XINYI)).toBe(true);
    });
    it('other roles may not list', async () => {
      const res = await c.leader!.call('GET', '/api/v1/volunteers');
      expect(res.statusCode).toBe(403);
    });
    it('bad query → 400', async () => {
      expect((await c.vstaff!.call('GET', '/api/v1/volunteers?limit=0')).statusCode).toBe(400);
      expect((await c.vstaff!.call('GET', '/api/v1/volunteers?regionCode=12')).statusCode).toBe(
        400,
      );
    });
    it('detail: oneself, the team’s leader, staff in scope; others refused', async () => {
      const url = `/api/v1/volunteers/${DEMO_VS_IDS.wszVolunteer}`;
      for (const u of ['volunteer', 'leader', 'vstaff', 'admin'])
        expect((await c[u]!.call('GET', url)).statusCode, u).toBe(200);
      expect((await c['lj-leader']!.call('GET', url)).json()).toMatchObject({
        code: 'VOLUNTEER_NOT_FOUND',
      });
      expect((await c['lj-volunteer']!.call('GET', url)).statusCode).toBe(404);
      const out = await c['lj-staff']!.call('GET', url);
      expect(out.statusCode).toBe(403);
      expect(out.json()).toMatchObject({ code: 'OUT_OF_SCOPE' });
      expect(
        (await c.vstaff!.call('GET', '/api/v1/volunteers/00000000-0000-4000-8000-000000000000'))
          .statusCode,
      ).toBe(404);
    });
    it('a volunteer updates their own skills and availability, not their status', async () => {
      const url = `/api/v1/volunteers/${DEMO_VS_IDS.wszVolunteer}`;
      const res = await c.volunteer!.call('PATCH', url, {
        skills: ['理发', '读书'],
        availability: { weekdays: [7, 6, 6], parts: ['evening', 'am'] },
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<Volunteer>()).toMatchObject({
        skills: ['理发', '读书'],
        availability: { weekdays: [6, 7], parts: ['am', 'evening'] },
      });
      await refused(
        () => c.volunteer!.call('PATCH', url, { status: 'suspended' }),
        403,
        'FORBIDDEN',
      );
      await refused(() => c.volunteer!.call('PATCH', url, {}), 400, 'VALIDATION_FAILED');
      await refused(
        () => c['lj-staff']!.call('PATCH', url, { status: 'suspended' }),
        403,
        'OUT_OF_SCOPE',
      );
      const lj = (await c['lj-volunteer']!.call('GET', '/api/v1/volunteers/me')).json<{
        volunteer: Volunteer;
      }>().volunteer;
      await refused(
        () => c.volunteer!.call('PATCH', `/api/v1/volunteers/${lj.id}`, { skills: [] }),
        403,
        'FORBIDDEN',
      );
    });
    it('staff suspend and reactivate; the audit keeps no full numbers', async () => {
      const url = `/api/v1/volunteers/${DEMO_VS_IDS.wszVolunteer}`;
      const res = await c.vstaff!.call('PATCH', url, { status: 'suspended', phone: '13712345678' });
      expect(res.json<Volunteer>()).toMatchObject({
        status: 'suspended',
        phoneMasked: '137****5678',
      });
      expect((await c.vstaff!.call('PATCH', url, { status: 'active' })).json()).toMatchObject({
        status: 'active',
      });
      const events = await t.testDb.db.kysely
        .selectFrom('audit_events')
        .select(['before_json', 'after_json'])
        .where('action', '=', 'volunteer.updated')
        .execute();
      expect(events.length).toBeGreaterThan(0);
      expect(JSON.stringify(events)).not.toContain('13712345678');
    });
  });

  describe('categories (8+N)', () => {
    it('lists the demo categories in order', async () => {
      const cats = (await c.resident!.call('GET', '/api/v1/vs/categories')).json<
        { code: string }[]
      >();
      expect(cats.map((x) => x.code)).toEqual([
        'theory',
        'culture',
        'science',
        'health',
        'legal',
        'elderly',
        'eco',
        'safety',
        'skills',
        'children',
      ]);
    });
    it('staff add, rename and deactivate; inactive ones only on request', async () => {
      const res = await c.vstaff!.call('POST', '/api/v1/vs/categories', {
        code: 'tea_culture',
        nameZh: '茶文化',
        nameEn: 'Tea culture',
        colour: '#389e0d',
      });
      expect(res.statusCode, res.body).toBe(201);
      await refused(
        () =>
          c.admin!.call('POST', '/api/v1/vs/categories', {
            code: 'tea_culture',
            nameZh: '茶',
            nameEn: 'Tea',
          }),
        409,
        'VS_CATEGORY_EXISTS',
      );
      const upd = await c.admin!.call('PATCH', '/api/v1/vs/categories/tea_culture', {
        nameZh: '茶文化传承',
        active: false,
      });
      expect(upd.json()).toMatchObject({ nameZh: '茶文化传承', active: false });
      const active = (await c.vstaff!.call('GET', '/api/v1/vs/categories')).json<
        { code: string }[]
      >();
      expect(active.map((x) => x.code)).not.toContain('tea_culture');
      const all = (await c.vstaff!.call('GET', '/api/v1/vs/categories?includeInactive=true')).json<
        { code: string }[]
      >();
      expect(all.map((x) => x.code)).toContain('tea_culture');
    });
    it('bad input and other roles are refused, nothing written', async () => {
      await refused(
        () =>
          c.vstaff!.call('POST', '/api/v1/vs/categories', {
            code: 'Bad Code',
            nameZh: 'x',
            nameEn: 'x',
          }),
        400,
        'VALIDATION_FAILED',
      );
      await refused(
        () =>
          c.leader!.call('POST', '/api/v1/vs/categories', {
            code: 'abc',
            nameZh: 'x',
            nameEn: 'x',
          }),
        403,
        'FORBIDDEN',
      );
      await refused(
        () => c.vstaff!.call('PATCH', '/api/v1/vs/categories/nope', { nameZh: 'x' }),
        404,
        'VS_CATEGORY_NOT_FOUND',
      );
      await refused(
        () => c.vstaff!.call('PATCH', '/api/v1/vs/categories/skills', {}),
        400,
        'VALIDATION_FAILED',
      );
    });
  });
}
