/**
 * CP-2 complete: siblings together (both or neither, also in the lottery), freed seats never free
 * to the public while a family waits, moving a family up by hand with a reason, and who may enrol
 * (a resident logged in by SMS becomes a guardian). Runs on the dialect of the run
 * (DOORSTEP_TEST_DB=postgres for PostgreSQL). The lottery itself: programs-lottery.test.ts.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIdNumber } from '../../src/modules/residents/id-number.ts';
import { createTestApp, START, type Client, type TestApp } from '../helpers/test-app.ts';
import { asGuardian, bulkGuardians, createClass, type BulkGuardian } from './programs.fixtures.ts';

const HOUR = 3600_000;

describe('CP-2 siblings, hand moves and who may enrol', () => {
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
  /** A second child for a guardian (a sibling), registered over HTTP. */
  async function sibling(who: BulkGuardian, serial: string): Promise<string> {
    const res = await as(who, 'POST', '/api/v1/programs/children', {
      realName: `弟弟${serial}`,
      idNumber: buildIdNumber('110115', '20190909', serial),
      relation: 'mother',
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string }>().id;
  }
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

  describe('CP-2 siblings apply together: both or neither', () => {
    it('a pair that does not fit whole is waitlisted whole, never split at the edge', async () => {
      const { classId } = await newClass(2);
      expect((await enrol(g[20]!, classId)).json()).toMatchObject({ status: 'enrolled' });
      const brother = await sibling(g[21]!, '211');
      const res = await as(
        g[21]!,
        'POST',
        `/api/v1/programs/classes/${classId}/enrolments/siblings`,
        {
          childIds: [g[21]!.childId, brother],
        },
      );
      expect(res.statusCode, res.body).toBe(201);
      const pair = res.json<{ status: string; siblingGroup: string; position: number }[]>();
      expect(pair.map((p) => p.status)).toEqual(['waitlisted', 'waitlisted']);
      expect(pair[0]!.siblingGroup).toBe(pair[1]!.siblingGroup);
      expect(pair[1]!.position).toBe(pair[0]!.position + 1);
      expect(await klass(classId)).toMatchObject({ confirmed_count: 1 });
      // A pair that fits is enrolled together.
      const { classId: roomy } = await newClass(3);
      const sister = await sibling(g[22]!, '222');
      const ok = await as(g[22]!, 'POST', `/api/v1/programs/classes/${roomy}/enrolments/siblings`, {
        childIds: [g[22]!.childId, sister],
      });
      expect(ok.json<{ status: string }[]>().map((p) => p.status)).toEqual([
        'enrolled',
        'enrolled',
      ]);
    });

    it('a freed seat skips a pair that does not fit, stays owed to the waitlist, never free to the public', async () => {
      const { classId, programId } = await newClass(2);
      const a = (await enrol(g[23]!, classId)).json<{ id: string }>().id;
      const b = (await enrol(g[24]!, classId)).json<{ id: string }>().id;
      const twin = await sibling(g[25]!, '251');
      const pair = (
        await as(g[25]!, 'POST', `/api/v1/programs/classes/${classId}/enrolments/siblings`, {
          childIds: [g[25]!.childId, twin],
        })
      ).json<{ id: string }[]>();
      const c = (await enrol(g[26]!, classId)).json<{ id: string; status: string }>();
      expect(c.status).toBe('waitlisted');
      // One seat frees: the pair does not fit, the next single family is offered it.
      await as(g[23]!, 'POST', `/api/v1/programs/enrolments/${a}/withdraw`, {});
      let st = await statuses(classId);
      expect([st[pair[0]!.id], st[pair[1]!.id], st[c.id]]).toEqual([
        'waitlisted',
        'waitlisted',
        'offered',
      ]);
      // Another seat frees: still one, the pair waits; the seat is owed to the waitlist.
      await as(g[24]!, 'POST', `/api/v1/programs/enrolments/${b}/withdraw`, {});
      expect(await klass(classId)).toMatchObject({ confirmed_count: 1, offered_count: 1 });
      const resident = await t.login('resident');
      const view = await resident.call('GET', `/api/v1/programs/${programId}`);
      expect(view.json<{ classes: object[] }>().classes[0]).toMatchObject({
        freePlaces: 0,
        waitlistLength: 2,
      });
      // A newcomer does not take the free seat: they queue behind the pair.
      const d = await enrol(g[27]!, classId);
      expect(d.json()).toMatchObject({ status: 'waitlisted' });
      expect(await klass(classId)).toMatchObject({ confirmed_count: 1 });
      // The single family declines: now two seats are free and the pair is offered both.
      await as(g[26]!, 'POST', `/api/v1/programs/enrolments/${c.id}/decline`);
      st = await statuses(classId);
      expect([st[pair[0]!.id], st[pair[1]!.id]]).toEqual(['offered', 'offered']);
      expect(await klass(classId)).toMatchObject({ confirmed_count: 2, offered_count: 2 });
    });

    it('in the lottery siblings are drawn as one unit', async () => {
      const { classId } = await newClass(3, lottery(1));
      const families: string[][] = [];
      for (let i = 28; i < 34; i++) {
        const other = await sibling(g[i]!, String(300 + i));
        const res = await as(
          g[i]!,
          'POST',
          `/api/v1/programs/classes/${classId}/enrolments/siblings`,
          {
            childIds: [g[i]!.childId, other],
          },
        );
        expect(res.statusCode, res.body).toBe(201);
        families.push(res.json<{ id: string; status: string }[]>().map((e) => e.id));
      }
      t.clock.advance(HOUR + 1000);
      const drawn = await organiser.call('POST', `/api/v1/programs/classes/${classId}/draw`);
      expect(drawn.statusCode, drawn.body).toBe(201);
      const st = await statuses(classId);
      // Three seats, pairs only: one pair enrolled, one seat left, every pair whole.
      for (const fam of families) expect(st[fam[0]!]).toBe(st[fam[1]!]);
      expect(Object.values(st).filter((s) => s === 'enrolled')).toHaveLength(2);
      const order = drawn.json<{ order: string[] }>().order;
      for (const fam of families)
        expect(Math.abs(order.indexOf(fam[0]!) - order.indexOf(fam[1]!))).toBe(1);
    });
  });

  describe('CP-2 moving a family up by hand: a recorded reason, organiser in scope', () => {
    it('moves a waiting family to the head; audited with its reason', async () => {
      const { classId } = await newClass(1);
      const ids: string[] = [];
      for (let i = 34; i < 38; i++)
        ids.push((await enrol(g[i]!, classId)).json<{ id: string }>().id);
      const third = ids[3]!;
      const res = await organiser.call('POST', `/api/v1/programs/enrolments/${third}/move-up`, {
        reason: '家中突发变故，社区核实',
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<{ availableActions: string[] }>().availableActions).toContain(
        'promote_by_hand',
      );
      const wl = await organiser.call('GET', `/api/v1/programs/classes/${classId}/waitlist`);
      expect(wl.json<{ id: string }[]>().map((e) => e.id)).toEqual([third, ids[1], ids[2]]);
      const audit = await db()
        .selectFrom('audit_events')
        .select(['after_json'])
        .where('action', '=', 'enrolment.moved_up')
        .where('entity_id', '=', third)
        .execute();
      expect(audit).toHaveLength(1);
      expect(String(audit[0]!.after_json)).toContain('家中突发变故');
      // The next freed seat goes to the family moved up.
      await as(g[34]!, 'POST', `/api/v1/programs/enrolments/${ids[0]}/withdraw`, {});
      expect((await statuses(classId))[third]).toBe('offered');
    });

    it('refuses the guardian, an organiser out of scope, and a missing reason — nothing written', async () => {
      const { classId } = await newClass(1);
      await enrol(g[38]!, classId);
      const waiting = (await enrol(g[39]!, classId)).json<{ id: string }>().id;
      const stranger = g[37]!;
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
      const before = await counts();
      const url = `/api/v1/programs/enrolments/${waiting}/move-up`;
      const byGuardian = await as(g[39]!, 'POST', url, { reason: '我想先' });
      expect(byGuardian.statusCode).toBe(403);
      const outside = await as(stranger, 'POST', url, { reason: '外镇组织方' });
      expect(outside.json()).toMatchObject({ code: 'CP_ENROLMENT_NOT_FOUND' });
      const noReason = await organiser.call('POST', url, { reason: '  ' });
      expect(noReason.statusCode).toBe(400);
      expect(await counts()).toEqual(before);
    });
  });

  describe('CP-2 who may enrol: a villager logged in by SMS becomes a guardian', () => {
    it('a resident registers their child without staff, then enrols', async () => {
      const resident = await t.login('resident');
      const res = await resident.call('POST', '/api/v1/programs/children', {
        realName: '李小福',
        idNumber: buildIdNumber('110115', '20170420', '033'),
        relation: 'grandparent',
      });
      expect(res.statusCode, res.body).toBe(201);
      const childId = res.json<{ id: string }>().id;
      const me = await resident.call('GET', '/api/v1/auth/me');
      expect(me.body).toContain('"guardian"');
      const { classId } = await newClass(5);
      const enrolled = await resident.call(
        'POST',
        `/api/v1/programs/classes/${classId}/enrolments`,
        {
          childId,
        },
      );
      expect(enrolled.statusCode, enrolled.body).toBe(201);
      expect(enrolled.json()).toMatchObject({ status: 'enrolled' });
      const grants = await db()
        .selectFrom('audit_events')
        .select('seq')
        .where('action', '=', 'guardian.self_registered')
        .execute();
      expect(grants).toHaveLength(1);
      // Staff roles still may not register children.
      const clerk = await t.login('clerk');
      const byClerk = await clerk.call('POST', '/api/v1/programs/children', {
        realName: '某某',
        idNumber: buildIdNumber('110115', '20170420', '044'),
        relation: 'mother',
      });
      expect(byClerk.statusCode).toBe(403);
    });
  });
});

void START;
