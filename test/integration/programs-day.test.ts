/**
 * CP-3/CP-4 the program day over real HTTP, on the dialect of the run (DOORSTEP_TEST_DB=postgres
 * for PostgreSQL): pickup codes, pickup persons, sign-in, refused and granted releases with their
 * log, late pickups and absences → withdrawal proposal → confirm → the seat offered to the
 * waitlist, the day-end sweep with two sweepers, ratio warnings from check-in times, volunteer
 * hours into the VS-8 record, scoping (bad input: programs-day-bad-input.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeOpenSignIns } from '../../src/modules/programs/close-open-sign-ins.ts';
import { ensurePickupCode } from '../../src/modules/programs/pickup-codes.ts';
import { CODE_ALPHABET } from '../../src/modules/programs/pickup-code.rules.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import {
  insertAccount,
  insertMember,
  insertTeam,
  insertVolunteer,
} from '../helpers/vs-fixtures.ts';
import { bulkGuardians, summerProgram, TOWN, type BulkGuardian } from './programs.fixtures.ts';
import { asGuardian, MARCH } from './programs-day.fixtures.ts';

type Day = {
  sessionId: string;
  children: { id: string; childId: string; status: string; availableActions: string[] }[];
  staff: { id: string; availableActions: string[] }[];
  ratio: { warnings: { staff: number; children: number }[] };
  availableActions: string[];
};

describe('CP-3 attendance and safe pickup, CP-4 volunteer staffing', () => {
  let t: TestApp;
  let organiser: Client;
  let staffer: Client;
  let otherVolunteer: Client;
  let g: BulkGuardian[] = [];
  let classId = '';
  let programId = '';
  let volunteerId = '';
  const db = () => t.testDb.db.kysely;
  const as = (who: BulkGuardian, method: 'GET' | 'POST', url: string, body?: unknown) =>
    asGuardian(t, who, method, url, body);
  let staffUser = '';
  /** Moves the clock; the staff log in again (a cookie session idles out overnight). */
  const at = async (iso: string) => {
    t.clock.now = new Date(iso);
    organiser = await t.login('organiser');
    staffer = await t.login(staffUser);
  };
  const dayView = async (c: Client, day: string) => {
    const res = await c.call('GET', `/api/v1/programs/classes/${classId}/days/${day}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Day>();
  };
  const rowOf = (d: Day, i: number) => d.children.find((c) => c.childId === g[i]!.childId)!;

  beforeAll(async () => {
    t = await createTestApp({ residents: 5 });
    organiser = await t.login('organiser');
    otherVolunteer = await t.login('volunteer');
    g = await bulkGuardians(db(), t.pii, 4);
    const acc = await insertAccount(db(), { role: 'volunteer', regionCode: TOWN });
    const team = await insertTeam(db(), { regionCode: TOWN, name: '巾帼志愿队' });
    volunteerId = await insertVolunteer(db(), t.pii, {
      homeRegionCode: TOWN,
      accountId: acc.id,
      fullName: '王巾帼',
    });
    await insertMember(db(), { teamId: team, volunteerId });
    staffUser = acc.username;
    staffer = await t.login(acc.username);
    const program = summerProgram(2);
    const res = await organiser.call('POST', '/api/v1/programs', { ...program, ...MARCH });
    expect(res.statusCode, res.body).toBe(201);
    programId = res.json<{ id: string }>().id;
    classId = res.json<{ classes: { id: string }[] }>().classes[0]!.id;
    for (const i of [0, 1, 2]) {
      const e = await as(g[i]!, 'POST', `/api/v1/programs/classes/${classId}/enrolments`, {
        childId: g[i]!.childId,
      });
      expect(e.statusCode, e.body).toBe(201);
    }
  }, 120_000);
  afterAll(async () => t.close());

  it('CP-3 the organiser sets the class day; an implausible one is refused, nothing written', async () => {
    const url = `/api/v1/programs/classes/${classId}/day`;
    const good = {
      dayStarts: '10:00',
      dayEnds: '17:00',
      weekdays: [1, 2, 3, 4, 5],
      daysOff: ['2026-03-04'],
      strikeLimit: 2,
      childrenPerStaff: 1,
    };
    const bad = await organiser.call('PUT', url, { ...good, dayEnds: '08:00' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ code: string }>().code).toBe('CP_SCHEDULE_INVALID');
    const off = await organiser.call('PUT', url, { ...good, daysOff: ['2026-05-01'] });
    expect(off.json<{ code: string }>().code).toBe('CP_SCHEDULE_INVALID');
    const ok = await organiser.call('PUT', url, good);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<{ lateGraceMinutes: number }>().lateGraceMinutes).toBe(15);
    const none = await organiser.call('GET', `/api/v1/programs/classes/${classId}/days/2026-03-04`);
    expect(none.json<{ code: string }>().code).toBe('CP_NO_SESSION');
    const weekend = await organiser.call(
      'GET',
      `/api/v1/programs/classes/${classId}/days/2026-03-07`,
    );
    expect(weekend.statusCode).toBe(404);
  });

  it('CP-3 the guardian reads today’s pickup code of their own child only', async () => {
    await at('2026-03-02T01:40:00Z'); // 09:40 in China
    const res = await as(g[0]!, 'GET', `/api/v1/programs/children/${g[0]!.childId}/pickup-codes`);
    expect(res.statusCode, res.body).toBe(200);
    const [slip] = res.json<{ code: string; tag: string; day: string; endsAt: string }[]>();
    expect(slip!.day).toBe('2026-03-02');
    expect(slip).toMatchObject({
      startsAt: '2026-03-02T02:00:00.000Z',
      endsAt: '2026-03-02T09:00:00.000Z',
    });
    expect(slip!.code).toMatch(new RegExp(`^[${CODE_ALPHABET}]{6}$`));
    expect(slip!.tag).toBe(slip!.code.slice(0, 2));
    const again = await as(g[0]!, 'GET', `/api/v1/programs/children/${g[0]!.childId}/pickup-codes`);
    expect(again.json<{ code: string }[]>()[0]!.code).toBe(slip!.code);
    const other = await as(g[1]!, 'GET', `/api/v1/programs/children/${g[0]!.childId}/pickup-codes`);
    expect(other.statusCode).toBe(404);
  });

  it('CP-3 pickup codes are unique per station and day: a clashing draw draws again', async () => {
    const draws = ['KKKKKK', 'KKKKKK', 'MMMMMM'];
    const draw = () => draws.shift()!;
    const now = t.clock.now;
    const a = await ensurePickupCode(db(), {
      programId,
      childId: g[1]!.childId,
      day: '2026-03-09',
      now,
      draw,
    });
    const b = await ensurePickupCode(db(), {
      programId,
      childId: g[2]!.childId,
      day: '2026-03-09',
      now,
      draw,
    });
    expect([a.code, b.code]).toEqual(['KKKKKK', 'MMMMMM']);
    // the same code on another day is fine
    const c = await ensurePickupCode(db(), {
      programId,
      childId: g[2]!.childId,
      day: '2026-03-10',
      now,
      draw: () => 'KKKKKK',
    });
    expect(c.code).toBe('KKKKKK');
  });

  let grandma = '';
  let blocked = '';
  it('CP-3 the guardian lists authorised and not-authorised persons; phones are only masked', async () => {
    const url = `/api/v1/programs/children/${g[0]!.childId}/pickup-persons`;
    const a = await as(g[0]!, 'POST', url, {
      kind: 'authorised',
      name: '李奶奶',
      relation: '祖母',
      phone: '13912345678',
    });
    expect(a.statusCode, a.body).toBe(201);
    expect(a.body).not.toContain('13912345678');
    expect(a.json<{ phoneMasked: string }>().phoneMasked).toBe('139****5678');
    grandma = a.json<{ id: string }>().id;
    const b = await as(g[0]!, 'POST', url, { kind: 'blocked', name: '张三', relation: '其他' });
    blocked = b.json<{ id: string }>().id;
    expect(b.statusCode).toBe(201);
    const bad = await as(g[0]!, 'POST', url, {
      kind: 'authorised',
      name: '王五',
      relation: '邻居',
      validFrom: '2026-03-10',
      validUntil: '2026-03-09',
    });
    expect(bad.json<{ code: string }>().code).toBe('CP_PICKUP_WINDOW_INVALID');
    const list = await as(g[1]!, 'GET', url);
    expect(list.statusCode).toBe(404);
    const mine = await as(g[0]!, 'GET', url);
    expect(mine.json<unknown[]>()).toHaveLength(2);
  });

  it('CP-4 staff reach only their rostered sessions; the roster is drawn from volunteers', async () => {
    const day = await dayView(organiser, '2026-03-02');
    expect(day.children).toHaveLength(2); // the waitlisted child is not expected
    expect(rowOf(day, 0).availableActions).toEqual(['sign_in', 'mark_absent']);
    const before = await staffer.call('GET', `/api/v1/programs/classes/${classId}/days/2026-03-02`);
    expect(before.statusCode).toBe(404);
    const url = `/api/v1/programs/classes/${classId}/days/2026-03-02/roster`;
    const r = await organiser.call('POST', url, { volunteerId });
    expect(r.statusCode, r.body).toBe(201);
    expect((await organiser.call('POST', url, { volunteerId })).json<{ code: string }>().code).toBe(
      'CP_ROSTER_DUPLICATE',
    );
    const stranger = await organiser.call('POST', url, { volunteerId: crypto.randomUUID() });
    expect(stranger.statusCode).toBe(404);
    expect((await dayView(staffer, '2026-03-02')).staff).toHaveLength(1);
    const notMine = await otherVolunteer.call(
      'GET',
      `/api/v1/programs/classes/${classId}/days/2026-03-02`,
    );
    expect(notMine.statusCode).toBe(404);
  });

  it('CP-4 the ratio warning comes from actual check-in times', async () => {
    let day = await dayView(staffer, '2026-03-02');
    await at('2026-03-02T02:00:00Z'); // 10:00
    for (const i of [0, 1]) {
      const s = await staffer.call(
        'POST',
        `/api/v1/programs/attendance/${rowOf(day, i).id}/sign-in`,
      );
      expect(s.statusCode, s.body).toBe(200);
      expect(s.json<{ className: string }>().className).toBe('一班（6–12 岁）');
    }
    await at('2026-03-02T02:30:00Z'); // 10:30: two children, nobody checked in yet
    day = await dayView(organiser, '2026-03-02');
    expect(day.ratio.warnings).toEqual([
      expect.objectContaining({ staff: 0, children: 2, from: '2026-03-02T02:00:00.000Z' }),
    ]);
    const c = await staffer.call('POST', `/api/v1/programs/roster/${day.staff[0]!.id}/check-in`);
    expect(c.statusCode, c.body).toBe(200);
    await at('2026-03-02T03:00:00Z'); // 11:00: 1 staff for 2 children, still below 1:1
    day = await dayView(organiser, '2026-03-02');
    expect(day.ratio.warnings.map((w) => [w.staff, w.children])).toEqual([
      [0, 2],
      [1, 2],
    ]);
  });

  it('CP-3 a refused pickup is logged and the child stays; the authorised person with the code takes them', async () => {
    const day = await dayView(staffer, '2026-03-02');
    const row = rowOf(day, 0);
    const code = (
      await as(g[0]!, 'GET', `/api/v1/programs/children/${g[0]!.childId}/pickup-codes`)
    ).json<{ code: string; tag: string }[]>()[0]!;
    const url = `/api/v1/programs/attendance/${row.id}/release`;
    const tries = [
      [{ code: code.code, personId: blocked, presentedName: '张三' }, 'CP_PICKUP_BLOCKED'],
      [{ code: code.code, personId: grandma, presentedName: '王五' }, 'CP_PICKUP_NOT_AUTHORISED'],
      [{ code: 'XXXXXX', personId: grandma, presentedName: '李奶奶' }, 'CP_PICKUP_CODE_WRONG'],
    ] as const;
    for (const [body, why] of tries) {
      const r = await staffer.call('POST', url, body);
      expect(r.statusCode, r.body).toBe(422);
      expect(r.json<{ code: string }>().code).toBe(why);
    }
    expect(rowOf(await dayView(staffer, '2026-03-02'), 0).status).toBe('present');
    await at('2026-03-02T09:05:00Z'); // 17:05, within the grace
    const ok = await staffer.call('POST', url, {
      code: code.tag,
      personId: grandma,
      presentedName: '李奶奶',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      status: 'released',
      late: false,
      releasedTo: { name: '李奶奶', relation: '祖母' },
    });
    const log = await organiser.call(
      'GET',
      `/api/v1/programs/classes/${classId}/days/2026-03-02/releases`,
    );
    const entries = log.json<{ outcome: string; refusal: string | null; staffName: string }[]>();
    expect(entries.map((e) => e.refusal ?? 'released').sort()).toEqual(
      [...tries.map(([, w]) => w as string), 'released'].sort(),
    );
    expect(entries.at(-1)).toMatchObject({ outcome: 'released', refusal: null });
    expect(entries.every((e) => e.staffName.length > 0)).toBe(true);
  });

  it('CP-3 late pickups and unexcused absences → a proposal → confirmed: the seat is offered to the waitlist', async () => {
    const persons = `/api/v1/programs/children/${g[1]!.childId}/pickup-persons`;
    const dad = (
      await as(g[1]!, 'POST', persons, { kind: 'authorised', name: '赵爸爸', relation: '父亲' })
    ).json<{ id: string }>().id;
    let day = await dayView(staffer, '2026-03-02');
    const code = (
      await as(g[1]!, 'GET', `/api/v1/programs/children/${g[1]!.childId}/pickup-codes`)
    ).json<{ code: string }[]>()[0]!.code;
    await at('2026-03-02T09:30:00Z'); // 17:30: after 17:00 + 15 min
    const late = await staffer.call(
      'POST',
      `/api/v1/programs/attendance/${rowOf(day, 1).id}/release`,
      {
        code,
        personId: dad,
        presentedName: '赵爸爸',
      },
    );
    expect(late.json<{ late: boolean }>().late).toBe(true);
    expect(
      (await organiser.call('GET', '/api/v1/programs/proposals')).json<unknown[]>(),
    ).toHaveLength(0);
    await at('2026-03-03T01:00:00Z');
    day = await dayView(organiser, '2026-03-03');
    const sick = await organiser.call(
      'POST',
      `/api/v1/programs/attendance/${rowOf(day, 1).id}/absent`,
      {
        kind: 'sick',
      },
    );
    expect(sick.statusCode, sick.body).toBe(200);
    expect(
      (await organiser.call('GET', '/api/v1/programs/proposals')).json<unknown[]>(),
    ).toHaveLength(0);
    await at('2026-03-05T01:00:00Z');
    day = await dayView(organiser, '2026-03-05');
    const absent = await organiser.call(
      'POST',
      `/api/v1/programs/attendance/${rowOf(day, 1).id}/absent`,
      { kind: 'unexcused' },
    );
    expect(absent.statusCode, absent.body).toBe(200);
    const proposals = (await organiser.call('GET', '/api/v1/programs/proposals')).json<
      { id: string; lateCount: number; absenceCount: number; availableActions: string[] }[]
    >();
    expect(proposals).toMatchObject([
      { lateCount: 1, absenceCount: 1, availableActions: ['confirm', 'dismiss'] },
    ]);
    const ok = await organiser.call(
      'POST',
      `/api/v1/programs/proposals/${proposals[0]!.id}/confirm`,
    );
    expect(ok.statusCode, ok.body).toBe(200);
    const again = await organiser.call(
      'POST',
      `/api/v1/programs/proposals/${proposals[0]!.id}/confirm`,
    );
    expect(again.json<{ code: string }>().code).toBe('CP_PROPOSAL_DECIDED');
    const statuses = await db()
      .selectFrom('enrolments')
      .select(['child_id', 'status'])
      .where('class_id', '=', classId)
      .execute();
    expect(statuses.find((s) => s.child_id === g[1]!.childId)!.status).toBe('withdrawn');
    expect(statuses.find((s) => s.child_id === g[2]!.childId)!.status).toBe('offered');
    const told = await db()
      .selectFrom('notifications')
      .select('kind')
      .where('account_id', '=', g[1]!.accountId)
      .execute();
    expect(told.map((n) => n.kind)).toContain('cp_enrolment_withdrawn');
  });

  it('CP-4 confirmed session hours enter the volunteer’s VS-8 record once', async () => {
    await at('2026-03-02T08:00:00Z'); // 16:00, before the end
    const url = `/api/v1/programs/classes/${classId}/days/2026-03-02/confirm-hours`;
    const staffId = (await dayView(organiser, '2026-03-02')).staff[0]!.id;
    expect((await organiser.call('POST', url)).json<{ code: string }>().code).toBe(
      'CP_HOURS_TOO_EARLY',
    );
    const out = await staffer.call('POST', `/api/v1/programs/roster/${staffId}/check-out`);
    expect(out.statusCode, out.body).toBe(200);
    await at('2026-03-02T09:10:00Z');
    const ok = await organiser.call('POST', url);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<{ hours: number }[]>()[0]!.hours).toBe(5.5); // 10:30 → 16:00
    expect((await organiser.call('POST', url)).json<{ code: string }>().code).toBe(
      'CP_HOURS_CONFIRMED',
    );
    const record = await staffer.call('GET', '/api/v1/vs/me/record');
    expect(record.statusCode, record.body).toBe(200);
    expect(record.json<{ record: { confirmedHours: number } }>().record.confirmedHours).toBe(5.5);
  });

  it('CP-3 the day-end sweep closes open sign-ins once with two sweepers, flagged, never present', async () => {
    await at('2026-03-06T01:00:00Z');
    const day = await dayView(organiser, '2026-03-06');
    await organiser.call('POST', `/api/v1/programs/attendance/${rowOf(day, 0).id}/sign-in`);
    const early = await closeOpenSignIns(db(), { now: t.clock.now });
    expect(early.flagged).toBe(0);
    const now = new Date('2026-03-06T16:00:00Z'); // 00:00 the next day in China
    const [a, b] = await Promise.all([
      closeOpenSignIns(db(), { now }),
      closeOpenSignIns(db(), { now }),
    ]);
    expect(a.flagged + b.flagged).toBe(1);
    const row = await db()
      .selectFrom('program_attendance')
      .selectAll()
      .where('id', '=', rowOf(day, 0).id)
      .executeTakeFirstOrThrow();
    expect([row.status, row.flagged]).toEqual(['auto_closed', 1]);
    await at('2026-03-07T01:00:00Z');
    const after = await dayView(organiser, '2026-03-06');
    expect(rowOf(after, 0).availableActions).toEqual([]);
  });
});
