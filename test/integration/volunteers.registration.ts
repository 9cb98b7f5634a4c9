/**
 * VS-1/VS-2 volunteers, the demo data and registration (VS-1). A step of the story in volunteers.test.ts (run there, in order).
 */
import { describe, expect, it } from 'vitest';
import { buildIdNumber } from '../../src/modules/residents/id-number.ts';
import { DEMO_VS_IDS } from '../../src/modules/volunteers/volunteers.demo.ts';
import { START } from '../helpers/test-app.ts';
import {
  adultId,
  c,
  consent,
  PILOT_TOWN,
  refused,
  registration,
  t,
  XINYI,
  type Team,
  type Volunteer,
} from './volunteers.world.fixtures.ts';

export function registrationSteps() {
  describe('demo data', () => {
    it('the 丽江 volunteer is registered and an approved member of the blue sub-team', async () => {
      const me = (await c['lj-volunteer']!.call('GET', '/api/v1/volunteers/me')).json<{
        volunteer: Volunteer;
        memberships: { teamName: string; status: string; teamColour: string }[];
      }>();
      expect(me.volunteer.volunteerNumber).toMatch(/^V530702\d{6}$/);
      expect(me.volunteer.idMasked).toMatch(/^530702\*{8}\d{3}[\dX]$/);
      expect(me.memberships).toEqual([
        expect.objectContaining({ teamName: '彩虹志愿服务队·蓝队', status: 'approved' }),
      ]);
    });
    it('the corps has the 彩虹 team with seven colour sub-teams, one category each', async () => {
      const teams = (
        await c.resident!.call('GET', '/api/v1/vs/teams?regionCode=530702000000')
      ).json<Team[]>();
      const corps = teams.filter((x) => x.kind === 'corps');
      expect(corps.map((x) => x.name)).toEqual(['古城区新时代文明实践志愿服务总队']);
      const rainbow = teams.find((x) => x.id === DEMO_VS_IDS.rainbowTeam)!;
      expect(rainbow.parentId).toBe(corps[0]!.id);
      const subs = teams.filter((x) => x.parentId === rainbow.id);
      expect(subs).toHaveLength(7);
      expect(new Set(subs.map((x) => x.categoryCode)).size).toBe(7);
      expect(subs.every((x) => x.colour && x.regionCode === XINYI)).toBe(true);
      expect(subs.map((x) => x.categoryCode)).toContain('skills');
    });
    it('the demo volunteer is a member of the leader’s team in 魏善庄镇', async () => {
      const me = (await c.volunteer!.call('GET', '/api/v1/volunteers/me')).json<{
        volunteer: Volunteer;
        memberships: { teamId: string; status: string }[];
      }>();
      expect(me.volunteer.id).toBe(DEMO_VS_IDS.wszVolunteer);
      expect(me.memberships).toEqual([
        expect.objectContaining({ teamId: DEMO_VS_IDS.wszTeam, status: 'approved' }),
      ]);
    });
    it('someone who is not registered gets volunteer: null', async () => {
      const me = (await c.clerk!.call('GET', '/api/v1/volunteers/me')).json<{
        volunteer: null;
        memberships: [];
      }>();
      expect(me).toEqual({ volunteer: null, memberships: [] });
    });
  });

  describe('registration (VS-1)', () => {
    it('self-registration links the account, grants the volunteer role and masks PII', async () => {
      const res = await c.organiser!.call('POST', '/api/v1/volunteers/me', registration());
      expect(res.statusCode, res.body).toBe(201);
      const v = res.json<Volunteer>();
      expect(v.selfRegistered).toBe(true);
      expect(v.idMasked).toBe(`110115********${adultId(1).slice(-4)}`);
      expect(v.phoneMasked).toBe('138****2222');
      expect(v.age).toBe(46);
      expect(v.volunteerNumber).toMatch(/^V110115\d{6}$/);
      expect(v.availability).toEqual({ weekdays: [6, 7], parts: ['am'] });
      expect(res.body).not.toContain(adultId(1));
      expect(res.body).not.toContain('13811112222');
      const grants = await t.testDb.db.kysely
        .selectFrom('role_grants as g')
        .innerJoin('accounts as a', 'a.id', 'g.account_id')
        .select(['g.role', 'g.region_code'])
        .where('a.username', '=', 'organiser')
        .execute();
      expect(grants).toContainEqual({ role: 'volunteer', region_code: PILOT_TOWN });
      const audit = await t.testDb.db.kysely
        .selectFrom('audit_events')
        .select('after_json')
        .where('action', '=', 'volunteer.registered')
        .where('entity_id', '=', v.id)
        .executeTakeFirstOrThrow();
      expect(audit.after_json).not.toContain(adultId(1));
      expect(audit.after_json).not.toContain('13811112222');
      const row = await t.testDb.db.kysely
        .selectFrom('vs_volunteers')
        .select(['id_cipher', 'phone_cipher'])
        .where('id', '=', v.id)
        .executeTakeFirstOrThrow();
      expect(t.pii.decrypt(row.id_cipher)).toBe(adultId(1));
      expect(row.phone_cipher).not.toContain('13811112222');
      // The next request carries the new role: the organiser may now ask to join a team.
      const me = (await c.organiser!.call('GET', '/api/v1/auth/me')).json<{
        grants: { role: string }[];
      }>();
      expect(me.grants.map((g) => g.role)).toContain('volunteer');
    });
    it('the same account again is 409, nothing written', async () => {
      await refused(
        () =>
          c.organiser!.call(
            'POST',
            '/api/v1/volunteers/me',
            registration({ idNumber: adultId(2) }),
          ),
        409,
        'VOLUNTEER_ALREADY_REGISTERED',
      );
    });
    it('the same ID number by staff is 409, nothing written', async () => {
      await refused(
        () => c.vstaff!.call('POST', '/api/v1/volunteers', registration()),
        409,
        'VOLUNTEER_ALREADY_REGISTERED',
      );
    });
    it('under 14 is refused, even with a consent', async () => {
      await refused(
        () =>
          c.vstaff!.call(
            'POST',
            '/api/v1/volunteers',
            registration({
              idNumber: buildIdNumber('110115', '20120303', '011'),
              guardianConsent: consent,
            }),
          ),
        422,
        'VOLUNTEER_TOO_YOUNG',
      );
    });
    it('on the 14th birthday (China date) a consent is needed', async () => {
      await refused(
        () =>
          c.vstaff!.call(
            'POST',
            '/api/v1/volunteers',
            registration({ idNumber: buildIdNumber('110115', '20120302', '013') }),
          ),
        422,
        'VOLUNTEER_GUARDIAN_CONSENT_REQUIRED',
      );
    });
    it('14–17 with a consent registers; the guardian phone is stored encrypted and shown masked', async () => {
      const res = await c.vstaff!.call(
        'POST',
        '/api/v1/volunteers',
        registration({
          idNumber: buildIdNumber('110115', '20120302', '013'),
          guardianConsent: consent,
        }),
      );
      expect(res.statusCode, res.body).toBe(201);
      const v = res.json<Volunteer>();
      expect(v.age).toBe(14);
      expect(v.accountId).toBeNull();
      expect(v.selfRegistered).toBe(false);
      expect(v.guardianConsent).toMatchObject({
        guardianPhoneMasked: '139****7777',
        method: 'signed_form',
        recordedAt: START.toISOString(),
      });
      expect(res.body).not.toContain('13966667777');
      const row = await t.testDb.db.kysely
        .selectFrom('vs_volunteers')
        .select('guardian_consent')
        .where('id', '=', v.id)
        .executeTakeFirstOrThrow();
      expect(row.guardian_consent).not.toContain('13966667777');
    });
    it('an adult needs no consent (a given one is not stored)', async () => {
      const res = await c.vstaff!.call(
        'POST',
        '/api/v1/volunteers',
        registration({ idNumber: adultId(3), guardianConsent: consent }),
      );
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json<Volunteer>().guardianConsent).toBeNull();
    });
    it('a consent recorded in the future is refused', async () => {
      await refused(
        () =>
          c.vstaff!.call(
            'POST',
            '/api/v1/volunteers',
            registration({
              idNumber: buildIdNumber('110115', '20100101', '015'),
              guardianConsent: { ...consent, recordedAt: '2026-03-05T00:00:00Z' },
            }),
          ),
        400,
        'VOLUNTEER_CONSENT_DATE_INVALID',
      );
    });
    it('an incomplete consent is a validation error', async () => {
      await refused(
        () =>
          c.vstaff!.call(
            'POST',
            '/api/v1/volunteers',
            registration({
              idNumber: buildIdNumber('110115', '20100101', '015'),
              guardianConsent: { guardianName: '王妈妈', method: 'phone' },
            }),
          ),
        400,
        'VALIDATION_FAILED',
      );
    });
    it.each([
      [{ idNumber: '110115198001010011' }, 400, 'ID_NUMBER_CHECK_DIGIT'],
      [{ idNumber: '12345' }, 400, 'ID_NUMBER_FORMAT'],
      [{ idNumber: buildIdNumber('110115', '20270101', '011') }, 400, 'ID_NUMBER_BIRTH_DATE'],
      [{ homeRegionCode: '110115999999' }, 400, 'UNKNOWN_REGION'],
      [{ homeRegionCode: '110115000000' }, 422, 'VOLUNTEER_REGION_INVALID'],
      [{ serviceRegionCodes: ['110115999999'] }, 422, 'VOLUNTEER_REGION_INVALID'],
      [{ availability: { weekdays: [8], parts: [] } }, 400, 'VALIDATION_FAILED'],
      [{ availability: { weekdays: [1], parts: ['night'] } }, 400, 'VALIDATION_FAILED'],
      [{ phone: '12345' }, 400, 'VALIDATION_FAILED'],
      [{ fullName: '' }, 400, 'VALIDATION_FAILED'],
      [{ extra: 1 }, 400, 'VALIDATION_FAILED'],
    ])('bad input %j → %i %s, nothing written', async (extra, status, code) => {
      // the district administrator: every region of 大兴区 is in scope
      await refused(
        () =>
          c.admin!.call(
            'POST',
            '/api/v1/volunteers',
            registration({ idNumber: adultId(4), ...extra }),
          ),
        status,
        code,
      );
    });
    it('staff register only inside their scope', async () => {
      await refused(
        () =>
          c.vstaff!.call(
            'POST',
            '/api/v1/volunteers',
            registration({ idNumber: adultId(5), homeRegionCode: XINYI }),
          ),
        403,
        'OUT_OF_SCOPE',
      );
      const ok = await c['lj-staff']!.call(
        'POST',
        '/api/v1/volunteers',
        registration({ idNumber: adultId(5), homeRegionCode: XINYI, serviceRegionCodes: [] }),
      );
      expect(ok.statusCode, ok.body).toBe(201);
      expect(ok.json<Volunteer>().serviceRegionCodes).toEqual([XINYI]);
    });
    it('the China date decides: at 16:30 UTC a child born tomorrow (UTC) is already 14', async () => {
      const id = buildIdNumber('110115', '20120303', '017');
      await refused(
        () =>
          c.vstaff!.call(
            'POST',
            '/api/v1/volunteers',
            registration({ idNumber: id, guardianConsent: consent }),
          ),
        422,
        'VOLUNTEER_TOO_YOUNG',
      );
      t.clock.now = new Date('2026-03-02T16:30:00Z'); // 3 March 00:30 in China
      try {
        const staff = await t.login('vstaff');
        const res = await staff.call(
          'POST',
          '/api/v1/volunteers',
          registration({ idNumber: id, guardianConsent: consent }),
        );
        expect(res.statusCode, res.body).toBe(201);
        expect(res.json<Volunteer>().age).toBe(14);
      } finally {
        t.clock.now = START;
      }
    });
  });
}
