/**
 * VS-6 serving, check-in by the rotating code and check-out. A step of the story in activities.test.ts (run there, in order).
 */
import { describe, expect, it } from 'vitest';
import { codeFor, codeWindow } from '../../src/modules/activities/check-in-code.ts';
import {
  H,
  a1,
  bearer,
  count,
  db,
  leader,
  loginAgain,
  others,
  t,
  volunteer,
  vstaff,
  type Activity,
  type Rec,
} from './activities.serving.ts';

export function checkInSteps() {
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
      await loginAgain('volunteer');
      await loginAgain('leader');
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
}
