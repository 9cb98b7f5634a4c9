/**
 * CP-2 the queue number a family is shown is its RANK on the waitlist (issue #13 finish, point 4):
 * priority groups first, then time — not the number its application drew on arrival. On the
 * dialect of the run. Capacity 1: the first family gets the seat, a plain family waits (rank 1,
 * although it was the 2nd to arrive), a family with a declared priority group comes later and goes
 * ahead of it (rank 1; the plain family becomes 2); the enrolled family withdraws, the priority
 * family holds the offer, the plain family is next (1) again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { bulkGuardians, summerProgram, type BulkGuardian } from './programs.fixtures.ts';
import { asGuardian } from './programs-day.fixtures.ts';

type Enrolment = { id: string; classId: string; status: string; position: number | null };

describe('CP-2 the waitlist position is the rank: priority groups, then time', () => {
  let t: TestApp;
  let organiser: Client;
  let g: BulkGuardian[] = [];
  let classId = '';
  const ids: string[] = [];
  const mine = async (who: BulkGuardian) => {
    const res = await asGuardian(t, who, 'GET', '/api/v1/programs/enrolments');
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Enrolment[]>().find((e) => e.classId === classId)!;
  };

  beforeAll(async () => {
    t = await createTestApp({ residents: 0 });
    organiser = await t.login('organiser');
    g = await bulkGuardians(t.testDb.db.kysely, t.pii, 3);
    const res = await organiser.call('POST', '/api/v1/programs', summerProgram(1));
    expect(res.statusCode, res.body).toBe(201);
    classId = res.json<{ classes: { id: string }[] }>().classes[0]!.id;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('the answer to each enrolment carries the rank; the stored arrival number is not shown', async () => {
    const bodies = [
      { childId: g[0]!.childId },
      { childId: g[1]!.childId },
      {
        childId: g[2]!.childId,
        priorityGroups: [{ group: 'hardship', evidence: '低保证（大兴区民政局）' }],
      },
    ];
    const answers: Enrolment[] = [];
    for (const [i, body] of bodies.entries()) {
      const res = await asGuardian(
        t,
        g[i]!,
        'POST',
        `/api/v1/programs/classes/${classId}/enrolments`,
        body,
      );
      expect(res.statusCode, res.body).toBe(201);
      answers.push(res.json<Enrolment>());
      ids.push(answers[i]!.id);
    }
    expect(answers.map((a) => [a.status, a.position])).toEqual([
      ['enrolled', null],
      ['waitlisted', 1], // the 2nd to arrive, the 1st to wait
      ['waitlisted', 1], // a priority group goes ahead
    ]);
    expect((await mine(g[1]!)).position).toBe(2);
    const stored = await t.testDb.db.kysely
      .selectFrom('enrolments')
      .select(['id', 'position'])
      .where('class_id', '=', classId)
      .execute();
    expect(stored.map((s) => Number(s.position)).sort()).toEqual([1, 2, 3]);
  });

  it('the organiser’s lists show the same ranks', async () => {
    const waitlist = await organiser.call('GET', `/api/v1/programs/classes/${classId}/waitlist`);
    expect(waitlist.json<Enrolment[]>().map((e) => [e.id, e.position])).toEqual([
      [ids[2], 1],
      [ids[1], 2],
    ]);
    const all = await organiser.call('GET', `/api/v1/programs/classes/${classId}/enrolments`);
    expect(all.json<Enrolment[]>().map((e) => e.position)).toEqual([null, 1, 2]);
  });

  it('after a withdrawal the priority family holds the offer and the plain family is next', async () => {
    const res = await asGuardian(
      t,
      g[0]!,
      'POST',
      `/api/v1/programs/enrolments/${ids[0]}/withdraw`,
      {},
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(await mine(g[2]!)).toMatchObject({ status: 'offered', position: null });
    expect(await mine(g[1]!)).toMatchObject({ status: 'waitlisted', position: 1 });
  });
});
