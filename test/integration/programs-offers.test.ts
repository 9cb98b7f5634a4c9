/**
 * CP-2 over real HTTP: a withdrawal offers the seat to the next family, offers are accepted,
 * declined or expire — with two sweepers at once each offer passes on once. Runs on the dialect of
 * the run (DOORSTEP_TEST_DB=postgres for PostgreSQL).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepDeadlines } from '../../src/modules/escalations/escalation.sweep.ts';
import { expireOffers } from '../../src/modules/programs/expire-offers.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { bulkGuardians, summerProgram, type BulkGuardian } from './programs.fixtures.ts';

describe('CP-2 offers', () => {
  let t: TestApp;
  let organiser: Client;
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
  async function newClass(capacity: number): Promise<{ programId: string; classId: string }> {
    const res = await organiser.call('POST', '/api/v1/programs', summerProgram(capacity));
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json<{ id: string; classes: { id: string }[] }>();
    return { programId: body.id, classId: body.classes[0]!.id };
  }

  beforeAll(async () => {
    t = await createTestApp({ residents: 5 });
    organiser = await t.login('organiser');
    others = await bulkGuardians(db(), t.pii, 5);
  }, 120_000);
  afterAll(async () => t.close());

  describe('CP-2 withdrawal, offers and their expiry', () => {
    let classId = '';
    let programId = '';
    const enrolmentOf = new Map<number, string>();
    const statusOf = async (i: number) =>
      (
        await db()
          .selectFrom('enrolments')
          .select(['status', 'offer_expires_at'])
          .where('id', '=', enrolmentOf.get(i)!)
          .executeTakeFirstOrThrow()
      ).status;
    const klass = () =>
      db()
        .selectFrom('program_classes')
        .selectAll()
        .where('id', '=', classId)
        .executeTakeFirstOrThrow();

    beforeAll(async () => {
      ({ classId, programId } = await newClass(1));
      for (const i of [0, 1, 2, 3, 4]) {
        const r = await as(others[i]!, 'POST', `/api/v1/programs/classes/${classId}/enrolments`, {
          childId: others[i]!.childId,
        });
        expect(r.statusCode, r.body).toBe(201);
        enrolmentOf.set(i, r.json<{ id: string }>().id);
      }
    });

    it('a withdrawal offers the seat to the next family; it never shows as free', async () => {
      expect(await statusOf(0)).toBe('enrolled');
      const w = await as(
        others[0]!,
        'POST',
        `/api/v1/programs/enrolments/${enrolmentOf.get(0)}/withdraw`,
        {},
      );
      expect(w.statusCode, w.body).toBe(200);
      expect(w.json()).toMatchObject({ status: 'withdrawn', availableActions: [] });
      expect(await statusOf(1)).toBe('offered');
      const mine = await as(others[1]!, 'GET', '/api/v1/programs/enrolments');
      expect(mine.json<object[]>()[0]).toMatchObject({
        status: 'offered',
        offerExpiresAt: new Date(t.clock.now.getTime() + 24 * 3600_000).toISOString(),
        availableActions: ['accept_offer', 'decline_offer', 'withdraw'],
      });
      const pub = await as(others[4]!, 'GET', `/api/v1/programs/${programId}`);
      expect(pub.json<{ classes: object[] }>().classes[0]).toMatchObject({ freePlaces: 0 });
      expect(await klass()).toMatchObject({ confirmed_count: 1, offered_count: 1 });
    });

    it('an offer expires once with two sweepers at once, and passes on to the next', async () => {
      t.clock.advance(24 * 3600_000 + 1000);
      const late = await as(
        others[1]!,
        'POST',
        `/api/v1/programs/enrolments/${enrolmentOf.get(1)}/accept`,
      );
      expect(late.json()).toMatchObject({ code: 'CP_OFFER_EXPIRED' });
      const now = t.clock.now;
      const swept = await Promise.all([expireOffers(db(), { now }), expireOffers(db(), { now })]);
      expect(swept[0] + swept[1]).toBe(1);
      expect(await statusOf(1)).toBe('expired');
      expect(await statusOf(2)).toBe('offered');
      expect(await statusOf(3)).toBe('waitlisted');
      expect(await klass()).toMatchObject({ confirmed_count: 1, offered_count: 1 });
      const again = await Promise.all([expireOffers(db(), { now }), expireOffers(db(), { now })]);
      expect(again).toEqual([0, 0]);
    });

    it('a declined offer passes on at once; an accepted one enrols', async () => {
      const d = await as(
        others[2]!,
        'POST',
        `/api/v1/programs/enrolments/${enrolmentOf.get(2)}/decline`,
      );
      expect(d.statusCode, d.body).toBe(200);
      expect(d.json()).toMatchObject({ status: 'declined' });
      expect(await statusOf(3)).toBe('offered');
      const a = await as(
        others[3]!,
        'POST',
        `/api/v1/programs/enrolments/${enrolmentOf.get(3)}/accept`,
      );
      expect(a.statusCode, a.body).toBe(200);
      expect(a.json()).toMatchObject({ status: 'enrolled', offerExpiresAt: null });
      expect(await klass()).toMatchObject({ confirmed_count: 1, offered_count: 0 });
      expect(await statusOf(4)).toBe('waitlisted');
    });

    it('the server’s deadline sweep expires offers too', async () => {
      organiser = await t.login('organiser'); // the clock moved a day on
      const { classId: other } = await newClass(1);
      const ids: string[] = [];
      for (const g of [others[0]!, others[1]!]) {
        const r = await as(g, 'POST', `/api/v1/programs/classes/${other}/enrolments`, {
          childId: g.childId,
        });
        ids.push(r.json<{ id: string }>().id);
      }
      await as(others[0]!, 'POST', `/api/v1/programs/enrolments/${ids[0]}/withdraw`, {});
      const at = new Date(t.clock.now.getTime() + 25 * 3600_000);
      const r = await sweepDeadlines(db(), { now: at, nodeId: 'n1' });
      expect(r.programOffers).toBe(1);
      const row = await db()
        .selectFrom('enrolments')
        .select('status')
        .where('id', '=', ids[1]!)
        .executeTakeFirstOrThrow();
      expect(row.status).toBe('expired');
    });

    it('with nobody waiting a freed seat becomes free to the public', async () => {
      const w4 = await organiser.call(
        'POST',
        `/api/v1/programs/enrolments/${enrolmentOf.get(4)}/withdraw`,
        {
          reason: '家长电话告知不再参加',
        },
      );
      expect(w4.statusCode, w4.body).toBe(200);
      const w3 = await as(
        others[3]!,
        'POST',
        `/api/v1/programs/enrolments/${enrolmentOf.get(3)}/withdraw`,
        {},
      );
      expect(w3.statusCode, w3.body).toBe(200);
      expect(await klass()).toMatchObject({ confirmed_count: 0, offered_count: 0 });
      const pub = await as(others[4]!, 'GET', `/api/v1/programs/${programId}`);
      expect(pub.json<{ classes: object[] }>().classes[0]).toMatchObject({
        freePlaces: 1,
        waitlistLength: 0,
      });
    });
  });
});
