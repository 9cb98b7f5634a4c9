/**
 * CP-2 opening evening (issue #13): 2,000 guardians enrol at once, over HTTP (app.inject, all in
 * flight together), for 40 places → exactly 40 enrolled and the rest waitlisted, the waitlist in
 * priority-then-arrival order, no seat shown as free. The guardians and their children are
 * seeded in bulk (a few multi-row inserts), not through 2,000 registrations. Runs on the dialect
 * of the run (DOORSTEP_TEST_DB=postgres for PostgreSQL); DOORSTEP_PROGRAMS_BURST=<n> changes the
 * size for a quick local run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/modules/audit/audit.service.ts';
import { expireOffers } from '../../src/modules/programs/expire-offers.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { bulkGuardians, summerProgram, type BulkGuardian } from './programs.fixtures.ts';

const N = Number(process.env.DOORSTEP_PROGRAMS_BURST ?? 2000);
const PLACES = 40;

describe('CP-2 enrolment burst: never over capacity', () => {
  let t: TestApp;
  let classId = '';
  let programId = '';
  let guardians: BulkGuardian[] = [];
  /** Each guardian's answer, in guardian order. */
  let answers: { id: string; status: string; position: number | null }[] = [];
  /** Every seventh family is left-behind (留守儿童): ranked first on the waitlist. */
  const leftBehind = (g: BulkGuardian) => g.i % 7 === 0;

  beforeAll(
    async () => {
      t = await createTestApp({ residents: 5, poolWaitMs: 300_000 });
      const organiser = await t.login('organiser');
      const res = await organiser.call('POST', '/api/v1/programs', summerProgram(PLACES));
      expect(res.statusCode, res.body).toBe(201);
      programId = res.json<{ id: string }>().id;
      classId = res.json<{ classes: { id: string }[] }>().classes[0]!.id;
      guardians = await bulkGuardians(t.testDb.db.kysely, t.pii, N);
    },
    120_000 + N * 100,
  );
  afterAll(async () => t.close());

  it(
    `${N} parallel enrolments for ${PLACES} places: exactly ${PLACES} enrolled`,
    async () => {
      const results = await Promise.all(
        guardians.map((g) =>
          t.app.inject({
            method: 'POST',
            url: `/api/v1/programs/classes/${classId}/enrolments`,
            headers: { authorization: `Bearer ${g.token}`, 'content-type': 'application/json' },
            payload: JSON.stringify({
              childId: g.childId,
              priorityGroups: leftBehind(g)
                ? [{ group: 'left_behind', evidence: '父母均在外地务工' }]
                : [],
            }),
          }),
        ),
      );
      expect(results.map((r) => r.statusCode).filter((s) => s !== 201)).toEqual([]);
      answers = results.map((r) =>
        r.json<{ id: string; status: string; position: number | null }>(),
      );
      const statuses = answers.map((a) => a.status);
      expect(statuses.filter((s) => s === 'enrolled')).toHaveLength(PLACES);
      expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(N - PLACES);
      // Seats went to the first 40 to arrive (arrival numbers 1…40); everyone after them waits.
      const seated = await t.testDb.db.kysely
        .selectFrom('enrolments')
        .select('position')
        .where('class_id', '=', classId)
        .where('status', '=', 'enrolled')
        .execute();
      expect(seated.map((r) => Number(r.position)).sort((a, b) => a - b)).toEqual(
        Array.from({ length: PLACES }, (_, i) => i + 1),
      );
      // The answers show no rank to the seated, a rank to each waiting family.
      expect(answers.filter((a) => a.status === 'enrolled').every((a) => a.position === null)).toBe(
        true,
      );
    },
    120_000 + N * 200,
  );

  it(`the rows agree: ${PLACES} enrolled, the counter at capacity, positions 1…${N} each once`, async () => {
    const db = t.testDb.db.kysely;
    const rows = await db
      .selectFrom('enrolments')
      .select(['status', 'position'])
      .where('class_id', '=', classId)
      .execute();
    expect(rows).toHaveLength(N);
    expect(rows.filter((r) => r.status === 'enrolled')).toHaveLength(PLACES);
    expect(rows.map((r) => Number(r.position)).sort((a, b) => a - b)).toEqual(
      Array.from({ length: N }, (_, i) => i + 1),
    );
    const c = await db
      .selectFrom('program_classes')
      .selectAll()
      .where('id', '=', classId)
      .executeTakeFirstOrThrow();
    expect(c.confirmed_count).toBe(PLACES);
    expect(c.offered_count).toBe(0);
  });

  it('the waitlist is in priority-then-arrival order: left-behind families first, each group by arrival', async () => {
    const organiser = await t.login('organiser');
    const res = await organiser.call('GET', `/api/v1/programs/classes/${classId}/waitlist`);
    expect(res.statusCode, res.body).toBe(200);
    const list = res.json<{ id: string; position: number; priorityGroups: unknown[] }[]>();
    expect(list).toHaveLength(N - PLACES);
    // The order of the stored (priority, arrival number); shown positions are the ranks 1 … n.
    const stored = await t.testDb.db.kysely
      .selectFrom('enrolments')
      .select(['id', 'priority_rank', 'position'])
      .where('class_id', '=', classId)
      .where('status', '=', 'waitlisted')
      .execute();
    const order = stored
      .sort((a, b) => a.priority_rank - b.priority_rank || Number(a.position) - Number(b.position))
      .map((r) => r.id);
    expect(list.map((e) => e.id)).toEqual(order);
    expect(list.map((e) => e.position)).toEqual(order.map((_, k) => k + 1));
    // The left-behind families (known from who applied) come first, and both groups are there.
    const family = new Map(answers.map((a, k) => [a.id, guardians[k]!]));
    const groups = list.map((e) => (leftBehind(family.get(e.id)!) ? 0 : 1));
    expect(groups.filter((g) => g === 0).length).toBeGreaterThan(0);
    expect(groups.filter((g) => g === 1).length).toBeGreaterThan(0);
    expect(groups).toEqual([...groups].sort((a, b) => a - b));
    expect(list.map((e) => (e.priorityGroups.length > 0 ? 0 : 1))).toEqual(groups);
  });

  it('the public sees no free place, and the audit chain holds', async () => {
    const resident = await t.login('resident');
    const res = await resident.call('GET', `/api/v1/programs/${programId}`);
    expect(res.statusCode, res.body).toBe(200);
    const cls = res.json<{ classes: { freePlaces: number; waitlistLength: number }[] }>()
      .classes[0]!;
    expect(cls).toMatchObject({ freePlaces: 0, waitlistLength: N - PLACES });
    expect(res.body).not.toContain('"manage"');
    const chain = await verifyAuditChain(t.testDb.db.kysely);
    expect(chain.ok).toBe(true);
  });

  it('CP-2 offer expiry and pass-on with two sweepers at once: each offer exactly once', async () => {
    const db = t.testDb.db.kysely;
    const organiser = await t.login('organiser');
    const res = await organiser.call('POST', '/api/v1/programs', summerProgram(20));
    const swept = res.json<{ classes: { id: string }[] }>().classes[0]!.id;
    const families = guardians.slice(0, 60);
    const ids: string[] = [];
    for (const g of families) {
      const r = await t.app.inject({
        method: 'POST',
        url: `/api/v1/programs/classes/${swept}/enrolments`,
        headers: { authorization: `Bearer ${g.token}`, 'content-type': 'application/json' },
        payload: JSON.stringify({ childId: g.childId }),
      });
      ids.push(r.json<{ id: string }>().id);
    }
    for (const [k, g] of families.slice(0, 20).entries())
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/programs/enrolments/${ids[k]}/withdraw`,
        headers: { authorization: `Bearer ${g.token}`, 'content-type': 'application/json' },
        payload: '{}',
      });
    const status = async () =>
      new Map(
        (
          await db
            .selectFrom('enrolments')
            .select(['id', 'status'])
            .where('class_id', '=', swept)
            .execute()
        ).map((r) => [r.id, r.status]),
      );
    let st = await status();
    expect(ids.slice(20, 40).every((id) => st.get(id) === 'offered')).toBe(true);
    for (const round of [1, 2]) {
      t.clock.advance(25 * 3600_000);
      const now = t.clock.now;
      const [a, b] = await Promise.all([expireOffers(db, { now }), expireOffers(db, { now })]);
      expect(a + b).toBe(20);
      st = await status();
      const expired = ids.slice(20 * round, 20 * round + 20);
      expect(expired.every((id) => st.get(id) === 'expired')).toBe(true);
      // The next 20 families were offered the seats in the same pass (round 1); none left after.
      if (round === 1) expect(ids.slice(40, 60).every((id) => st.get(id) === 'offered')).toBe(true);
      const events = await db
        .selectFrom('audit_events')
        .select('entity_id')
        .where('action', '=', 'enrolment.expired')
        .where('entity_id', 'in', expired)
        .execute();
      expect(events).toHaveLength(20);
      expect(new Set(events.map((e) => e.entity_id)).size).toBe(20);
    }
    const c = await db
      .selectFrom('program_classes')
      .selectAll()
      .where('id', '=', swept)
      .executeTakeFirstOrThrow();
    // 60 families, 20 withdrew, 40 offers expired: nobody left; every seat free again.
    expect(c).toMatchObject({ confirmed_count: 0, offered_count: 0 });
    expect((await verifyAuditChain(db)).ok).toBe(true);
  }, 120_000);
});
