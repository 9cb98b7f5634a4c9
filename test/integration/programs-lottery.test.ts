/**
 * CP-2 complete: the lottery (a recorded seed anyone can re-run, priority groups first, exactly one
 * draw under two at once, by the organiser or the sweep; after it the class is first-come and shows
 * no free place while a family waits), and bad input on every new endpoint. Runs on the dialect of
 * the run (DOORSTEP_TEST_DB=postgres for PostgreSQL). Siblings, hand moves, who may enrol:
 * programs-siblings.test.ts.
 */
import crypto from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepDeadlines } from '../../src/modules/escalations/escalation.sweep.ts';
import { drawLottery } from '../../src/modules/programs/enrolment.rules.ts';
import { createTestApp, START, type Client, type TestApp } from '../helpers/test-app.ts';
import { asGuardian, bulkGuardians, createClass, type BulkGuardian } from './programs.fixtures.ts';

const HOUR = 3600_000;
const LEFT_BEHIND = [{ group: 'left_behind', evidence: '父母均在外地务工' }];

describe('CP-2 lottery and bad input', () => {
  let t: TestApp;
  let organiser: Client;
  let g: BulkGuardian[] = [];
  const db = () => t.testDb.db.kysely;
  const as = (who: BulkGuardian, method: 'GET' | 'POST', url: string, body?: unknown) =>
    asGuardian(t, who, method, url, body);
  const newClass = (capacity: number, extra: Record<string, unknown> = {}) =>
    createClass(organiser, capacity, extra);
  const lottery = (closesInHours: number) => ({
    mode: 'lottery',
    opensAt: t.clock.now.toISOString(),
    closesAt: new Date(t.clock.now.getTime() + closesInHours * HOUR).toISOString(),
  });
  const enrol = (who: BulkGuardian, classId: string, priorityGroups: unknown[] = []) =>
    as(who, 'POST', `/api/v1/programs/classes/${classId}/enrolments`, {
      childId: who.childId,
      priorityGroups,
    });
  const statuses = async (classId: string) =>
    Object.fromEntries(
      (
        await db()
          .selectFrom('enrolments')
          .select(['id', 'status'])
          .where('class_id', '=', classId)
          .execute()
      ).map((r) => [r.id, r.status]),
    );
  const klass = (id: string) =>
    db().selectFrom('program_classes').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const counts = async () => ({
    enrolments: (await db().selectFrom('enrolments').select('id').execute()).length,
    draws: (await db().selectFrom('program_lottery_draws').select('class_id').execute()).length,
    audit: (await db().selectFrom('audit_events').select('seq').execute()).length,
  });

  beforeAll(async () => {
    t = await createTestApp({ residents: 5 });
    organiser = await t.login('organiser');
    g = await bulkGuardians(db(), t.pii, 40);
  }, 120_000);
  afterAll(async () => t.close());

  describe('CP-2 lottery: a recorded seed anyone can re-run, exactly one draw', () => {
    let classId = '';
    let programId = '';
    const ids = new Map<number, string>();

    it('applications are collected in the window; a draw before it closes is refused', async () => {
      ({ classId, programId } = await newClass(5, lottery(2)));
      for (let i = 0; i < 12; i++) {
        const res = await enrol(g[i]!, classId, i === 9 || i === 10 ? LEFT_BEHIND : []);
        expect(res.statusCode, res.body).toBe(201);
        expect(res.json()).toMatchObject({ status: 'applied' });
        ids.set(i, res.json<{ id: string }>().id);
      }
      const before = await counts();
      const early = await organiser.call('POST', `/api/v1/programs/classes/${classId}/draw`);
      expect(early.statusCode, early.body).toBe(409);
      expect(early.json()).toMatchObject({ code: 'CP_DRAW_NOT_DUE' });
      expect(await counts()).toEqual(before);
      const none = await organiser.call('GET', `/api/v1/programs/classes/${classId}/draw`);
      expect(none.json()).toMatchObject({ code: 'CP_DRAW_NOT_FOUND' });
    });

    it('after the window: no more applications; two draws at once draw exactly once', async () => {
      t.clock.advance(2 * HOUR + 1000);
      const late = await enrol(g[12]!, classId);
      expect(late.json()).toMatchObject({ code: 'CP_CLASS_NOT_OPEN' });
      const [a, b] = await Promise.all([
        organiser.call('POST', `/api/v1/programs/classes/${classId}/draw`, undefined, {
          'idempotency-key': crypto.randomUUID(),
        }),
        organiser.call('POST', `/api/v1/programs/classes/${classId}/draw`, undefined, {
          'idempotency-key': crypto.randomUUID(),
        }),
      ]);
      expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
      const loser = a.statusCode === 409 ? a : b;
      expect(loser.json()).toMatchObject({ code: 'CP_DRAW_DONE' });
      const st = Object.values(await statuses(classId));
      expect(st.filter((s) => s === 'enrolled')).toHaveLength(5);
      expect(st.filter((s) => s === 'waitlisted')).toHaveLength(7);
      expect(await klass(classId)).toMatchObject({ confirmed_count: 5 });
      const draws = await db()
        .selectFrom('program_lottery_draws')
        .select('class_id')
        .where('class_id', '=', classId)
        .execute();
      expect(draws).toHaveLength(1);
    });

    it('priority groups are ranked first; the waitlist is in the drawn order', async () => {
      const st = await statuses(classId);
      expect(st[ids.get(9)!]).toBe('enrolled');
      expect(st[ids.get(10)!]).toBe('enrolled');
      const draw = (await organiser.call('GET', `/api/v1/programs/classes/${classId}/draw`)).json<{
        order: string[];
        waitlisted: string[];
      }>();
      expect(new Set(draw.order.slice(0, 2))).toEqual(new Set([ids.get(9), ids.get(10)]));
      const wl = await organiser.call('GET', `/api/v1/programs/classes/${classId}/waitlist`);
      expect(wl.json<{ id: string }[]>().map((e) => e.id)).toEqual(draw.waitlisted);
    });

    it('anyone re-runs the draw from its seed and inputs and gets the same order', async () => {
      const resident = await t.login('resident');
      const res = await resident.call('GET', `/api/v1/programs/classes/${classId}/draw`);
      expect(res.statusCode, res.body).toBe(200);
      const draw = res.json<{
        seed: number;
        places: number;
        inputs: { id: string; siblingGroup: string | null; priorityRank: number }[];
        order: string[];
        enrolled: string[];
        drawnBy: string;
      }>();
      expect(draw).toMatchObject({ places: 5, drawnBy: 'organiser' });
      expect(draw.inputs).toHaveLength(12);
      const again = drawLottery(draw.inputs, draw.places, draw.seed);
      expect(again.order).toEqual(draw.order);
      expect(again.enrolled).toEqual(draw.enrolled);
      // No names, no ID numbers: application ids only.
      expect(res.body).not.toContain('孩子');
      const verify = await resident.call('GET', `/api/v1/programs/classes/${classId}/draw/verify`);
      expect(verify.statusCode, verify.body).toBe(200);
      expect(verify.json()).toMatchObject({ matches: true, rowsAgree: true, seed: draw.seed });
      // A tampered record no longer verifies.
      await db()
        .updateTable('program_lottery_draws')
        .set({ enrolled: JSON.stringify([...draw.enrolled].reverse()) })
        .where('class_id', '=', classId)
        .execute();
      const bad = await resident.call('GET', `/api/v1/programs/classes/${classId}/draw/verify`);
      expect(bad.json()).toMatchObject({ matches: false });
      await db()
        .updateTable('program_lottery_draws')
        .set({ enrolled: JSON.stringify(draw.enrolled) })
        .where('class_id', '=', classId)
        .execute();
      const audit = await db()
        .selectFrom('audit_events')
        .select('after_json')
        .where('action', '=', 'lottery.drawn')
        .where('entity_id', '=', classId)
        .execute();
      expect(audit).toHaveLength(1);
      expect(String(audit[0]!.after_json)).toContain(String(draw.seed));
    });

    it('after the draw the class is first-come; the public sees no free place', async () => {
      const res = await enrol(g[12]!, classId);
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ status: 'waitlisted' });
      const resident = await t.login('resident');
      const view = await resident.call('GET', `/api/v1/programs/${programId}`);
      expect(view.json<{ classes: object[] }>().classes[0]).toMatchObject({
        freePlaces: 0,
        waitlistLength: 8,
      });
    });

    it('the sweep draws a lottery whose window closed, once with two sweepers at once', async () => {
      const { classId: swept } = await newClass(2, lottery(1));
      for (let i = 13; i < 18; i++) expect((await enrol(g[i]!, swept)).statusCode).toBe(201);
      t.clock.advance(HOUR + 1000);
      const now = t.clock.now;
      const [r1, r2] = await Promise.all([
        sweepDeadlines(db(), { now, nodeId: 'n1' }),
        sweepDeadlines(db(), { now, nodeId: 'n2' }),
      ]);
      expect(r1.programDraws + r2.programDraws).toBe(1);
      const st = Object.values(await statuses(swept));
      expect(st.filter((s) => s === 'enrolled')).toHaveLength(2);
      expect(st.filter((s) => s === 'waitlisted')).toHaveLength(3);
      const organiserView = await organiser.call('GET', `/api/v1/programs/classes/${swept}/draw`);
      expect(organiserView.json()).toMatchObject({ drawnBy: 'sweep', places: 2 });
      const again = await sweepDeadlines(db(), { now, nodeId: 'n1' });
      expect(again.programDraws).toBe(0);
    });
  });

  describe('CP-2 bad input on the new endpoints: 4xx problem+json, nothing written', () => {
    it('each is refused with its code and writes nothing', async () => {
      const { classId } = await newClass(3);
      const waiting = (await enrol(g[0]!, classId)).json<{ id: string }>().id;
      const cases: [() => Promise<LightMyRequestResponse>, number, string][] = [
        [
          () => organiser.call('POST', `/api/v1/programs/classes/${classId}/draw`),
          409,
          'CP_NOT_LOTTERY',
        ],
        [
          () => organiser.call('POST', '/api/v1/programs/classes/not-a-uuid/draw'),
          400,
          'VALIDATION_FAILED',
        ],
        [
          () => organiser.call('POST', `/api/v1/programs/classes/${crypto.randomUUID()}/draw`),
          404,
          'CP_CLASS_NOT_FOUND',
        ],
        [
          () => organiser.call('GET', `/api/v1/programs/classes/${classId}/draw`),
          404,
          'CP_DRAW_NOT_FOUND',
        ],
        [
          () => organiser.call('GET', `/api/v1/programs/classes/${classId}/draw/verify`),
          404,
          'CP_DRAW_NOT_FOUND',
        ],
        [
          () =>
            organiser.call('POST', `/api/v1/programs/enrolments/${waiting}/move-up`, {
              reason: '说明',
              x: 1,
            }),
          400,
          'VALIDATION_FAILED',
        ],
        [
          () =>
            organiser.call(
              'POST',
              `/api/v1/programs/enrolments/${waiting}/move-up`,
              '{"reason": "',
            ),
          400,
          'MALFORMED_JSON',
        ],
        [
          () =>
            organiser.call('POST', `/api/v1/programs/enrolments/${waiting}/move-up`, {
              reason: '身份证110115201704200338',
            }),
          400,
          'FREE_TEXT_PERSONAL_NUMBER',
        ],
        [
          () =>
            organiser.call('POST', `/api/v1/programs/enrolments/${waiting}/move-up`, {
              reason: '已入班的不能再提前',
            }),
          409,
          'CP_ENROLMENT_STATE',
        ],
        [
          () =>
            as(g[1]!, 'POST', `/api/v1/programs/classes/${classId}/enrolments/siblings`, {
              childIds: [g[1]!.childId, g[1]!.childId],
            }),
          400,
          'CP_SIBLINGS_INVALID',
        ],
        [
          () =>
            as(g[1]!, 'POST', `/api/v1/programs/classes/${classId}/enrolments/siblings`, {
              childIds: [g[1]!.childId],
            }),
          400,
          'VALIDATION_FAILED',
        ],
        [
          () =>
            as(g[1]!, 'POST', `/api/v1/programs/classes/${classId}/enrolments/siblings`, {
              childIds: [g[1]!.childId, g[2]!.childId],
            }),
          404,
          'CP_CHILD_NOT_FOUND',
        ],
        [
          () =>
            as(g[1]!, 'POST', `/api/v1/programs/classes/${classId}/enrolments/siblings`, {
              childIds: [g[1]!.childId, 'x'],
            }),
          400,
          'VALIDATION_FAILED',
        ],
      ];
      for (const [call, status, code] of cases) {
        const before = await counts();
        const res = await call();
        expect(res.statusCode, `${code}: ${res.body}`).toBe(status);
        expect(String(res.headers['content-type'])).toContain('application/problem+json');
        expect(res.json()).toMatchObject({ code });
        expect(await counts()).toEqual(before);
      }
    });
  });
});

void START;
