/**
 * VS-6 and issue #11's offline outbox: a volunteer's phone queued the check-in during a network
 * cut and sends it hours later with `scannedAt`. The server judges the code at that moment and
 * records the check-in then — not when it arrived — and refuses claims older than 12 hours.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeFor, codeWindow } from '../../src/modules/activities/check-in-code.ts';
import { createTestApp, START, type Client, type TestApp } from '../helpers/test-app.ts';
import { servingSetup } from './activities.fixtures.ts';

const H = 3600_000;
const at = (ms: number) => new Date(START.getTime() + ms).toISOString();

describe('VS-6 a check-in queued offline is recorded when the code was typed', () => {
  let t: TestApp;
  let leader: Client;
  let volunteer: Client;
  let activityId = '';
  let secret: Buffer;

  beforeAll(async () => {
    t = await createTestApp({ residents: 5 });
    const s = await servingSetup(t.testDb.db.kysely, t.pii);
    leader = await t.login('leader');
    volunteer = await t.login('volunteer');
    const res = await leader.call('POST', '/api/v1/vs/activities', {
      orderId: s.orderId,
      title: '助老送餐',
      place: '伊庄村委会',
      startsAt: at(2 * H),
      endsAt: at(5 * H),
      capacity: 3,
    });
    expect(res.statusCode, res.body).toBe(201);
    activityId = res.json<{ id: string }>().id;
    const signup = await volunteer.call('POST', `/api/v1/vs/activities/${activityId}/signup`);
    expect(signup.statusCode, signup.body).toBe(201);
    const row = await t.testDb.db.kysely
      .selectFrom('vs_activities')
      .select('code_secret_cipher')
      .where('id', '=', activityId)
      .executeTakeFirstOrThrow();
    secret = Buffer.from(t.pii.decrypt(row.code_secret_cipher), 'base64');
  });
  afterAll(async () => t.close());

  it('typed 10 minutes after the start, sent two hours later: accepted, recorded at the typing', async () => {
    t.clock.advance(2 * H + 10 * 60_000);
    const typedAt = new Date(t.clock.now);
    const code = codeFor(secret, activityId, 'in', codeWindow(typedAt, 30));
    t.clock.advance(2 * H); // the network comes back
    const late = await volunteer.call('POST', `/api/v1/vs/activities/${activityId}/check`, {
      direction: 'in',
      code,
    });
    expect(late.json()).toMatchObject({ code: 'VS_CODE_WRONG' }); // without the moment: no such code now
    const queued = await volunteer.call(
      'POST',
      `/api/v1/vs/activities/${activityId}/check`,
      { direction: 'in', code, scannedAt: typedAt.toISOString() },
      { 'idempotency-key': '0c4f9b1e-1d7a-4c1e-9a43-5f1e2d3c4b5a' },
    );
    expect(queued.statusCode, queued.body).toBe(200);
    const rec = queued.json<{ record: { checkedInAt: string } }>().record;
    expect(Math.abs(Date.parse(rec.checkedInAt) - typedAt.getTime())).toBeLessThanOrEqual(30_000);
    const audit = await t.testDb.db.kysely
      .selectFrom('audit_events')
      .select('after_json')
      .where('action', '=', 'vs_attendance.checked_in')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(String(audit.after_json)).toContain('queuedOffline');
  });

  it('a claim from more than 12 hours ago, or from the future, is refused with a clear code', async () => {
    const typedAt = new Date(t.clock.now);
    const code = codeFor(secret, activityId, 'out', codeWindow(typedAt, 30));
    t.clock.advance(13 * H);
    volunteer = await t.login('volunteer'); // the session of the morning has lapsed
    const old = await volunteer.call('POST', `/api/v1/vs/activities/${activityId}/check`, {
      direction: 'out',
      code,
      scannedAt: typedAt.toISOString(),
    });
    expect(old.statusCode).toBe(422);
    expect(old.json()).toMatchObject({ code: 'VS_SCAN_TOO_OLD' });
    const future = await volunteer.call('POST', `/api/v1/vs/activities/${activityId}/check`, {
      direction: 'out',
      code,
      scannedAt: new Date(t.clock.now.getTime() + H).toISOString(),
    });
    expect(future.statusCode).toBe(422);
    expect(future.json()).toMatchObject({ code: 'VS_SCAN_TIME_INVALID' });
  });
});
