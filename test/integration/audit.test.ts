/** every write leaves a chained event in its own transaction; hand edits are detected. */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/modules/audit/audit.service.ts';
import { buildIdNumber } from '../../src/modules/residents/id-number.ts';
import { asIntruder } from '../helpers/audit-tamper.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';

describe('X-4 audit chain', () => {
  let t: TestApp;
  let admin: Client;
  let clerk: Client;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login('admin');
    clerk = await t.login('clerk');
  });
  afterAll(async () => t.close());

  it('records who, role, station, when, what and before → after for a write', async () => {
    t.clock.advance(60_000);
    const res = await clerk.call('POST', '/api/v1/residents', {
      idNumber: buildIdNumber('110115', '19650303', '044'),
      fullName: '周淑珍',
      homeRegionCode: '110115110207',
      address: '伊庄村',
    });
    const id = res.json<{ id: string }>().id;
    const events = (
      await admin.call('GET', `/api/v1/audit/events?entityType=resident&entityId=${id}`)
    ).json<Record<string, unknown>[]>();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'resident.registered',
      actorRole: 'clerk',
      occurredAt: t.clock.now.toISOString(),
      regionCode: '110115110207',
      before: null,
    });
    expect(events[0]!.stationId).toBeTruthy();
    expect(events[0]!.actorId).toBeTruthy();
    expect(events[0]!.after).toMatchObject({ fullName: '周淑珍' });
  });

  it('a station change records before and after', async () => {
    const station = (await admin.call('GET', '/api/v1/stations?regionCode=110115110207')).json<
      { id: string; phone: string }[]
    >()[0]!;
    await admin.call('PATCH', `/api/v1/stations/${station.id}`, { phone: '010-11112222' });
    const [event] = (
      await admin.call(
        'GET',
        `/api/v1/audit/events?entityType=station&entityId=${station.id}&limit=1`,
      )
    ).json<{ before: { phone: string }; after: { phone: string } }[]>();
    expect(event!.before.phone).toBe(station.phone);
    expect(event!.after.phone).toBe('010-11112222');
  });

  it('names entities as readers know them and filters by action, actor and China day (#11)', async () => {
    const station = (await admin.call('GET', '/api/v1/stations?regionCode=110115110207')).json<
      { id: string; name: string }[]
    >()[0]!;
    // 23:30 China time on 2026-03-10 is 15:30 UTC the same day; 00:30 on the 11th is 16:30 UTC
    // on the 10th: the filter must count days as China does.
    t.clock.now = new Date('2026-03-10T15:30:00.000Z');
    admin = await t.login('admin');
    clerk = await t.login('clerk');
    await admin.call('PATCH', `/api/v1/stations/${station.id}`, { phone: '010-55556666' });
    t.clock.now = new Date('2026-03-10T16:30:00.000Z');
    await admin.call('PATCH', `/api/v1/stations/${station.id}`, { phone: '010-55557777' });
    type Event = {
      action: string;
      entityLabel: string | null;
      occurredAt: string;
      actorId: string;
    };
    const list = async (query: string) => {
      const r = await admin.call('GET', `/api/v1/audit/events?${query}`);
      expect(r.statusCode, r.body).toBe(200);
      return r.json<Event[]>();
    };
    const onTenth = await list(
      `action=station.updated&entityId=${station.id}&from=2026-03-10&to=2026-03-10`,
    );
    expect(onTenth.map((e) => e.occurredAt)).toEqual(['2026-03-10T15:30:00.000Z']);
    const onEleventh = await list(`action=station.updated&entityId=${station.id}&from=2026-03-11`);
    expect(onEleventh.map((e) => e.occurredAt)).toEqual(['2026-03-10T16:30:00.000Z']);
    expect(onEleventh[0]!.entityLabel).toBe(station.name);
    const byAdmin = await list(`actorId=${onEleventh[0]!.actorId}&limit=200`);
    expect(byAdmin.length).toBeGreaterThan(0);
    expect(new Set(byAdmin.map((e) => e.actorId))).toEqual(new Set([onEleventh[0]!.actorId]));
    for (const bad of ['action=station.exploded', 'from=2026-02-30', 'to=yesterday', 'actorId=x'])
      expect((await admin.call('GET', `/api/v1/audit/events?${bad}`)).statusCode, bad).toBe(400);
  });

  it('a failed write leaves no event (same transaction)', async () => {
    const before = await verifyAuditChain(t.testDb.db.kysely);
    await clerk.call('POST', '/api/v1/residents', {
      idNumber: buildIdNumber('110115', '19650303', '044'),
      fullName: '重复',
      homeRegionCode: '110115110207',
      address: 'x',
    });
    const after = await verifyAuditChain(t.testDb.db.kysely);
    expect(after.checked).toBe(before.checked);
  });

  it('parallel writes keep each shard one linear chain', async () => {
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        clerk.call('POST', '/api/v1/residents', {
          idNumber: buildIdNumber('110115', '19770707', String(200 + i)),
          fullName: `并发${i}`,
          homeRegionCode: '110115110207',
          address: 'x',
        }),
      ),
    );
    expect(await verifyAuditChain(t.testDb.db.kysely)).toMatchObject({
      ok: true,
      firstBrokenSeq: null,
    });
  });

  it('the admin API verifies the intact chain', async () => {
    const res = await admin.call('POST', '/api/v1/audit/verify');
    expect(res.json()).toMatchObject({ ok: true, firstBrokenSeq: null });
    expect(res.json<{ checked: number }>().checked).toBeGreaterThan(50);
  });

  it('editing one audit row by hand is detected and named', async () => {
    const target = await t.testDb.db.kysely
      .selectFrom('audit_events')
      .select('seq')
      .where('action', '=', 'resident.registered')
      .orderBy('seq')
      .offset(5)
      .limit(1)
      .executeTakeFirstOrThrow();
    await asIntruder(t.testDb.db, async (k) => {
      await sql`update audit_events set after_json = ${JSON.stringify({ fullName: '篡改' })} where seq = ${target.seq}`.execute(
        k,
      );
    });
    const res = await admin.call('POST', '/api/v1/audit/verify');
    expect(res.json()).toMatchObject({
      ok: false,
      firstBrokenSeq: Number(target.seq),
      reason: 'hash_mismatch',
    });
  });
});

describe('X-4 audit chain tail', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('deleting the newest row is detected against the head', async () => {
    expect(await verifyAuditChain(t.testDb.db.kysely)).toMatchObject({ ok: true });
    const last = await t.testDb.db.kysely
      .selectFrom('audit_events')
      .select(['seq', 'shard'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    await asIntruder(t.testDb.db, async (k) => {
      await sql`delete from audit_events where seq = ${last.seq}`.execute(k);
    });
    // The shard's head row still counts it: the shard is named (the event itself is gone).
    expect(await verifyAuditChain(t.testDb.db.kysely)).toMatchObject({
      ok: false,
      shard: last.shard,
      reason: 'head_mismatch',
    });
  });
});
