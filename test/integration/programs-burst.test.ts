/**
 * CP-2 opening evening: 200 guardians enrol at once for 40 places → exactly 40 enrolled and 160
 * waitlisted, the waitlist in priority-then-time order, no seat shown as free. Runs on the dialect
 * of the run (DOORSTEP_TEST_DB=postgres for PostgreSQL).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/modules/audit/audit.service.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { bulkGuardians, summerProgram, type BulkGuardian } from './programs.fixtures.ts';

const N = 200;
const PLACES = 40;

describe('CP-2 enrolment burst: never over capacity', () => {
  let t: TestApp;
  let classId = '';
  let programId = '';
  let guardians: BulkGuardian[] = [];

  beforeAll(async () => {
    t = await createTestApp({ residents: 5, poolWaitMs: 300_000 });
    const organiser = await t.login('organiser');
    const res = await organiser.call('POST', '/api/v1/programs', summerProgram(PLACES));
    expect(res.statusCode, res.body).toBe(201);
    programId = res.json<{ id: string }>().id;
    classId = res.json<{ classes: { id: string }[] }>().classes[0]!.id;
    guardians = await bulkGuardians(t.testDb.db.kysely, t.pii, N);
  }, 120_000);
  afterAll(async () => t.close());

  it(`${N} parallel enrolments for ${PLACES} places: exactly ${PLACES} enrolled`, async () => {
    const results = await Promise.all(
      guardians.map((g) =>
        t.app.inject({
          method: 'POST',
          url: `/api/v1/programs/classes/${classId}/enrolments`,
          headers: { authorization: `Bearer ${g.token}`, 'content-type': 'application/json' },
          payload: JSON.stringify({
            childId: g.childId,
            // Every seventh family is left-behind (留守儿童): ranked first on the waitlist.
            priorityGroups:
              g.i % 7 === 0 ? [{ group: 'left_behind', evidence: '父母均在外地务工' }] : [],
          }),
        }),
      ),
    );
    expect(results.map((r) => r.statusCode).filter((s) => s !== 201)).toEqual([]);
    const statuses = results.map((r) => r.json<{ status: string }>().status);
    expect(statuses.filter((s) => s === 'enrolled')).toHaveLength(PLACES);
    expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(N - PLACES);
  }, 120_000);

  it('the rows agree: 40 enrolled, the counter at capacity, positions 1…200 each once', async () => {
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

  it('the waitlist is in priority-then-time order', async () => {
    const organiser = await t.login('organiser');
    const res = await organiser.call('GET', `/api/v1/programs/classes/${classId}/waitlist`);
    expect(res.statusCode, res.body).toBe(200);
    const list = res.json<{ position: number; priorityGroups: unknown[] }[]>();
    expect(list).toHaveLength(N - PLACES);
    const keys = list.map((e) => [e.priorityGroups.length > 0 ? 0 : 1, e.position] as const);
    const sorted = [...keys].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    expect(keys).toEqual(sorted);
    const firstPlain = keys.findIndex((k) => k[0] === 1);
    expect(keys.slice(firstPlain).every((k) => k[0] === 1)).toBe(true);
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
});
