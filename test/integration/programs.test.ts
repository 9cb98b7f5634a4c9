/**
 * CP-1 programs and CP-2 enrolment over real HTTP: create and browse, children and their ID
 * numbers, scoping, idempotency, bad input (offers: programs-offers.test.ts). Runs on the dialect of the run (DOORSTEP_TEST_DB=postgres for PostgreSQL).
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIdNumber } from '../../src/modules/residents/id-number.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { bulkGuardians, summerProgram, type BulkGuardian } from './programs.fixtures.ts';

const CHILD_ID = buildIdNumber('110115', '20180515', '021');

describe('CP-1 CP-2 programs and enrolment', () => {
  let t: TestApp;
  let organiser: Client;
  let guardian: Client;
  let others: BulkGuardian[] = [];
  const db = () => t.testDb.db.kysely;
  const as = (g: BulkGuardian, method: 'GET' | 'POST', url: string, body?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: {
        authorization: `Bearer ${g.token}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    });
  const counts = async () => ({
    programs: (await db().selectFrom('programs').select('id').execute()).length,
    children: (await db().selectFrom('children').select('id').execute()).length,
    enrolments: (await db().selectFrom('enrolments').select('id').execute()).length,
  });
  async function newClass(capacity: number): Promise<{ programId: string; classId: string }> {
    const res = await organiser.call('POST', '/api/v1/programs', summerProgram(capacity));
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json<{ id: string; classes: { id: string }[] }>();
    return { programId: body.id, classId: body.classes[0]!.id };
  }

  beforeAll(async () => {
    t = await createTestApp({ residents: 5 });
    organiser = await t.login('organiser');
    guardian = await t.login('guardian');
    others = await bulkGuardians(db(), t.pii, 6);
  }, 120_000);
  afterAll(async () => t.close());

  describe('CP-1 programs', () => {
    it('an organiser creates a program with classes; residents browse it by region', async () => {
      const { programId } = await newClass(40);
      const own = await organiser.call('GET', `/api/v1/programs/${programId}`);
      expect(own.json<{ classes: { manage?: unknown }[] }>().classes[0]!.manage).toEqual({
        hardMax: 45,
        enrolled: 0,
        offered: 0,
      });
      const resident = await t.login('resident');
      const list = await resident.call('GET', '/api/v1/programs?regionCode=110115110000');
      expect(list.statusCode, list.body).toBe(200);
      const found = list
        .json<{ id: string; classes: object[] }[]>()
        .find((p) => p.id === programId);
      expect(found).toMatchObject({ title: '2026 暑期托管驿站', venueName: '伊庄村妇女儿童家园' });
      expect(found!.classes[0]).toMatchObject({ capacity: 40, freePlaces: 40, waitlistLength: 0 });
      expect(found!.classes[0]).not.toHaveProperty('manage');
      // With no region asked, a guardian of 伊庄村 browses their town.
      const near = await guardian.call('GET', '/api/v1/programs');
      expect(near.json<{ id: string }[]>().map((p) => p.id)).toContain(programId);
      const managed = await organiser.call('GET', '/api/v1/programs?view=managed');
      expect(managed.json<{ id: string }[]>().map((p) => p.id)).toContain(programId);
      const elsewhere = await resident.call('GET', '/api/v1/programs?regionCode=110115103000');
      expect(elsewhere.json<{ id: string }[]>().map((p) => p.id)).not.toContain(programId);
    });

    it('an organiser creates and manages only in their region; other roles may not create', async () => {
      const stranger = others[5]!;
      await db()
        .insertInto('role_grants')
        .values({
          id: crypto.randomUUID(),
          account_id: stranger.accountId,
          role: 'organiser',
          region_code: '110115103000',
          station_id: null,
          created_at: t.clock.now.toISOString(),
        })
        .execute();
      const res = await as(stranger, 'POST', '/api/v1/programs', summerProgram(10));
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json()).toMatchObject({ code: 'OUT_OF_SCOPE' });
      const { classId } = await newClass(5);
      const wl = await as(stranger, 'GET', `/api/v1/programs/classes/${classId}/waitlist`);
      expect(wl.json()).toMatchObject({ code: 'OUT_OF_SCOPE' });
      const byGuardian = await guardian.call('POST', '/api/v1/programs', summerProgram(10));
      expect(byGuardian.json()).toMatchObject({ code: 'FORBIDDEN' });
    });
  });

  describe('CP-2 children and scoping', () => {
    let childId = '';
    it('a guardian registers a child; the ID number never comes back', async () => {
      const res = await guardian.call('POST', '/api/v1/programs/children', {
        realName: '王小明',
        idNumber: CHILD_ID,
        relation: 'grandparent',
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ birthDate: '2018-05-15', relation: 'grandparent' });
      childId = res.json<{ id: string }>().id;
      const list = await guardian.call('GET', '/api/v1/programs/children');
      expect(list.json<{ id: string }[]>().map((c) => c.id)).toEqual([childId]);
      for (const r of t.responses) expect(r.body).not.toContain(CHILD_ID);
      const stored = await db()
        .selectFrom('children')
        .selectAll()
        .where('id', '=', childId)
        .executeTakeFirstOrThrow();
      expect(JSON.stringify(stored)).not.toContain(CHILD_ID);
      const again = await guardian.call('POST', '/api/v1/programs/children', {
        realName: '王小明',
        idNumber: CHILD_ID,
        relation: 'grandparent',
      });
      expect(again.json()).toMatchObject({ code: 'CP_CHILD_EXISTS' });
    });

    it('a guardian sees and uses only their own children and enrolments', async () => {
      const { classId } = await newClass(5);
      const other = others[0]!;
      const mine = await as(other, 'GET', '/api/v1/programs/children');
      expect(mine.json<{ id: string }[]>().map((c) => c.id)).toEqual([other.childId]);
      const foreign = await as(other, 'POST', `/api/v1/programs/classes/${classId}/enrolments`, {
        childId,
      });
      expect(foreign.statusCode).toBe(404);
      expect(foreign.json()).toMatchObject({ code: 'CP_CHILD_NOT_FOUND' });
      const enrol = await guardian.call('POST', `/api/v1/programs/classes/${classId}/enrolments`, {
        childId,
        priorityGroups: [{ group: 'dual_working', evidence: '父母双方在职证明' }],
      });
      expect(enrol.statusCode, enrol.body).toBe(201);
      expect(enrol.json()).toMatchObject({ status: 'enrolled', availableActions: ['withdraw'] });
      const id = enrol.json<{ id: string }>().id;
      const theirs = await as(other, 'POST', `/api/v1/programs/enrolments/${id}/withdraw`, {});
      expect(theirs.json()).toMatchObject({ code: 'CP_ENROLMENT_NOT_FOUND' });
      const list = await as(other, 'GET', '/api/v1/programs/enrolments');
      expect(list.json<unknown[]>()).toEqual([]);
      const dup = await guardian.call('POST', `/api/v1/programs/classes/${classId}/enrolments`, {
        childId,
      });
      expect(dup.json()).toMatchObject({ code: 'CP_ENROLMENT_DUPLICATE' });
    });
  });

  describe('CP-2 enrolment is idempotent and audited', () => {
    it('a retried enrolment with the same Idempotency-Key enrols once and replays the answer', async () => {
      const { classId } = await newClass(3);
      const g = others[5]!;
      const send = () =>
        t.app.inject({
          method: 'POST',
          url: `/api/v1/programs/classes/${classId}/enrolments`,
          headers: {
            authorization: `Bearer ${g.token}`,
            'content-type': 'application/json',
            'idempotency-key': `enrol-${classId}`,
          },
          payload: JSON.stringify({ childId: g.childId }),
        });
      const first = await send();
      const again = await send();
      expect(first.statusCode, first.body).toBe(201);
      expect(again.statusCode, again.body).toBe(201);
      expect(again.json<{ id: string }>().id).toBe(first.json<{ id: string }>().id);
      const rows = await db()
        .selectFrom('enrolments')
        .select('id')
        .where('class_id', '=', classId)
        .execute();
      expect(rows).toHaveLength(1);
      const events = await db()
        .selectFrom('audit_events')
        .select(['action', 'actor_id'])
        .where('entity_id', '=', rows[0]!.id)
        .execute();
      expect(events).toEqual([{ action: 'enrolment.created', actor_id: g.accountId }]);
    });
  });

  describe('CP-1 CP-2 bad input: 4xx problem+json, nothing written', () => {
    const cases: [string, string, () => unknown, string][] = [
      [
        'capacity above the hard maximum',
        '/api/v1/programs',
        () => summerProgram(50, { hardMax: 45 }),
        'CP_PROGRAM_INVALID',
      ],
      [
        'season ending before it starts',
        '/api/v1/programs',
        () => ({ ...summerProgram(5), seasonEndsOn: '2026-07-01' }),
        'CP_PROGRAM_INVALID',
      ],
      [
        'an unknown field',
        '/api/v1/programs',
        () => ({ ...summerProgram(5), secret: 1 }),
        'VALIDATION_FAILED',
      ],
      [
        'no classes',
        '/api/v1/programs',
        () => ({ ...summerProgram(5), classes: [] }),
        'VALIDATION_FAILED',
      ],
      [
        'a wrong ID check digit',
        '/api/v1/programs/children',
        () => ({
          realName: '李',
          idNumber: `${CHILD_ID.slice(0, 17)}${CHILD_ID[17] === '1' ? '2' : '1'}`,
          relation: 'mother',
        }),
        'ID_NUMBER_CHECK_DIGIT',
      ],
      [
        'an unknown relation',
        '/api/v1/programs/children',
        () => ({ realName: '李', idNumber: CHILD_ID, relation: 'neighbour' }),
        'VALIDATION_FAILED',
      ],
    ];
    for (const [what, url, body, code] of cases)
      it(what, async () => {
        const before = await counts();
        const client = url.endsWith('children') ? guardian : organiser;
        const res = await client.call('POST', url, body());
        expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
        expect(res.statusCode).toBeLessThan(500);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.json()).toMatchObject({ code });
        expect(await counts()).toEqual(before);
      });

    it('an enrolment for an unknown class or a child out of age', async () => {
      const before = await counts();
      const g = others[1]!;
      const missing = await as(
        g,
        'POST',
        `/api/v1/programs/classes/${crypto.randomUUID()}/enrolments`,
        {
          childId: g.childId,
        },
      );
      expect(missing.json()).toMatchObject({ code: 'CP_CLASS_NOT_FOUND' });
      const res = await organiser.call(
        'POST',
        '/api/v1/programs',
        summerProgram(5, { minAge: 10, maxAge: 12 }),
      );
      const classId = res.json<{ classes: { id: string }[] }>().classes[0]!.id;
      const young = await as(g, 'POST', `/api/v1/programs/classes/${classId}/enrolments`, {
        childId: g.childId,
      });
      expect(young.statusCode).toBe(422);
      expect(young.json()).toMatchObject({ code: 'CP_CHILD_AGE' });
      expect((await counts()).enrolments).toBe(before.enrolments);
    });
  });
});
