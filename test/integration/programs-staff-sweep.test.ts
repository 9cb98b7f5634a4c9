/**
 * CP-4 the day-end sweep also closes volunteers' check-ins left open (issue #13 finish, point 3),
 * on the dialect of the run: at the end of the day, two sweepers at once close the session; the
 * volunteer who never checked out is checked out at the session's end and flagged, exactly once
 * (one audit row); the one who checked out is untouched; the flagged hours are not in the record
 * until the organiser confirms the session's hours, then they are.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeOpenSignIns } from '../../src/modules/programs/close-open-sign-ins.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import {
  insertAccount,
  insertMember,
  insertTeam,
  insertVolunteer,
} from '../helpers/vs-fixtures.ts';
import { summerProgram, TOWN } from './programs.fixtures.ts';
import { MARCH } from './programs-day.fixtures.ts';

const DAY = '2026-03-03'; // a Tuesday of the season
type Staff = {
  id: string;
  name: string;
  checkedOutAt: string | null;
  flagged: boolean;
  hours: number | null;
};
type Day = { staff: Staff[]; availableActions: string[]; endsAt: string };

describe('CP-4 the day-end sweep closes open volunteer check-ins once, flagged', () => {
  let t: TestApp;
  let organiser: Client;
  let forgetfulUser = '';
  let classId = '';
  const db = () => t.testDb.db.kysely;
  const at = async (iso: string) => {
    t.clock.now = new Date(iso);
    organiser = await t.login('organiser');
  };
  const dayView = async () => {
    const res = await organiser.call('GET', `/api/v1/programs/classes/${classId}/days/${DAY}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Day>();
  };
  const byName = (d: Day, name: string) => d.staff.find((s) => s.name === name)!;
  const recordHours = async () => {
    const me = await t.login(forgetfulUser);
    const res = await me.call('GET', '/api/v1/vs/me/record');
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ record: { confirmedHours: number } }>().record.confirmedHours;
  };

  beforeAll(async () => {
    t = await createTestApp({ residents: 0 });
    organiser = await t.login('organiser');
    const team = await insertTeam(db(), { regionCode: TOWN, name: '五老日终队' });
    const acc = await insertAccount(db(), { role: 'volunteer', regionCode: TOWN });
    forgetfulUser = acc.username;
    const ids: string[] = [];
    for (const [i, fullName] of ['李忘签', '赵按时'].entries()) {
      const id = await insertVolunteer(db(), t.pii, {
        homeRegionCode: TOWN,
        fullName,
        accountId: i === 0 ? acc.id : null,
      });
      await insertMember(db(), { teamId: team, volunteerId: id });
      ids.push(id);
    }
    const res = await organiser.call('POST', '/api/v1/programs', { ...summerProgram(2), ...MARCH });
    expect(res.statusCode, res.body).toBe(201);
    classId = res.json<{ classes: { id: string }[] }>().classes[0]!.id;
    const put = await organiser.call('PUT', `/api/v1/programs/classes/${classId}/day`, {
      dayStarts: '08:00',
      dayEnds: '12:00',
      weekdays: [1, 2, 3, 4, 5],
    });
    expect(put.statusCode, put.body).toBe(200);
    await at(`${DAY}T01:00:00Z`); // 09:00 in China
    for (const volunteerId of ids) {
      const url = `/api/v1/programs/classes/${classId}/days/${DAY}/roster`;
      const r = await organiser.call('POST', url, { volunteerId });
      expect(r.statusCode, r.body).toBe(201);
      const c = await organiser.call(
        'POST',
        `/api/v1/programs/roster/${r.json<Staff>().id}/check-in`,
      );
      expect(c.statusCode, c.body).toBe(200);
    }
    await at(`${DAY}T03:00:00Z`); // 11:00: 赵按时 leaves and checks out; 李忘签 forgets
    const out = await organiser.call(
      'POST',
      `/api/v1/programs/roster/${byName(await dayView(), '赵按时').id}/check-out`,
    );
    expect(out.statusCode, out.body).toBe(200);
  }, 120_000);
  afterAll(async () => t?.close());

  it('before the sweep: the open check-in blocks the confirmation; nothing flagged', async () => {
    await at(`${DAY}T05:00:00Z`); // 13:00, the session is over
    const day = await dayView();
    expect(day.availableActions).not.toContain('confirm_hours');
    expect(day.staff.map((s) => s.flagged)).toEqual([false, false]);
    expect((await closeOpenSignIns(db(), { now: t.clock.now })).staffFlagged).toBe(0);
  });

  it('two sweepers at once at the day’s end: one closes it, the forgotten check-out flagged once', async () => {
    const now = new Date(`${DAY}T16:00:00Z`); // 00:00 the next day in China
    const [a, b] = await Promise.all([
      closeOpenSignIns(db(), { now }),
      closeOpenSignIns(db(), { now }),
    ]);
    expect(a.sessions + b.sessions).toBe(1);
    expect(a.staffFlagged + b.staffFlagged).toBe(1);
    const again = await closeOpenSignIns(db(), { now: new Date(now.getTime() + 3600_000) });
    expect(again.staffFlagged).toBe(0);
    const audits = await db()
      .selectFrom('audit_events')
      .select('hash')
      .where('action', '=', 'program_staff.auto_closed')
      .execute();
    expect(audits).toHaveLength(1);
    await at(`${DAY}T16:30:00Z`);
    const day = await dayView();
    const forgot = byName(day, '李忘签');
    expect(forgot).toMatchObject({ flagged: true, hours: null });
    expect(forgot.checkedOutAt).toBe(day.endsAt); // closed at the session's end, 12:00
    expect(byName(day, '赵按时')).toMatchObject({ flagged: false });
    expect(byName(day, '赵按时').checkedOutAt).toBe(`${DAY}T03:00:00.000Z`);
  });

  it('the flagged hours count only once the organiser confirms the session', async () => {
    expect(await recordHours()).toBe(0);
    expect((await dayView()).availableActions).toContain('confirm_hours');
    const ok = await organiser.call(
      'POST',
      `/api/v1/programs/classes/${classId}/days/${DAY}/confirm-hours`,
    );
    expect(ok.statusCode, ok.body).toBe(200);
    const hours = Object.fromEntries(ok.json<Staff[]>().map((s) => [s.name, s.hours]));
    expect(hours).toEqual({ 李忘签: 3, 赵按时: 2 }); // 09:00 → 12:00 and 09:00 → 11:00
    expect(await recordHours()).toBe(3);
  });
});
