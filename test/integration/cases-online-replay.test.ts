/**
 * Issue #14 point 3 (GS-10) 不打烊: a committed online filing retried with the same Idempotency-Key
 * answers with the stored answer — the same status and body (notice, case number, 查询码) — also
 * when the node died between the commit and the answer: the answer is kept in the filing's own
 * transaction. The crash is injected (fault 'after-commit'); the retry goes to a fresh app on the
 * same database, past the stale window.
 */
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';

describe('GS-10 online filing: a retry replays the stored answer', () => {
  let t: TestApp;
  let resident: Client;
  let crashing: FastifyInstance;
  let stationId = '';
  const quiet = () => ({
    logStream: new Writable({ write: (_chunk, _enc, cb: () => void) => cb() }),
  });
  const cases = async () =>
    Number(
      (
        await t.testDb.db.kysely
          .selectFrom('cases')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('channel', '=', 'online')
          .executeTakeFirstOrThrow()
      ).n,
    );
  const file = (app: FastifyInstance, key: string, presented = ['id_card']) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/cases/online',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': key,
        cookie: resident.cookie,
      },
      payload: JSON.stringify({ itemCode: 'DX-SB-001', stationId, presented }),
    });

  beforeAll(async () => {
    t = await createTestApp();
    resident = await t.login('resident');
    stationId = (
      await t.testDb.db.kysely
        .selectFrom('stations')
        .select('id')
        .where('name', '=', '伊庄村政务服务站')
        .executeTakeFirstOrThrow()
    ).id;
    crashing = await buildApp(
      { ...t.app.deps, config: { ...t.app.deps.config, fault: 'after-commit' } },
      quiet(),
    );
    await crashing.ready();
  });
  afterAll(async () => {
    await crashing.close();
    await t.close();
  });

  it('answered once: the retry gets the same 201 and body, nothing filed again', async () => {
    const before = await cases();
    const first = await file(t.app, 'online-replay-1');
    expect(first.statusCode, first.body).toBe(201);
    const retry = await file(t.app, 'online-replay-1');
    expect(retry.statusCode, retry.body).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    expect(await cases()).toBe(before + 1);
  });

  it('the node dies after the commit: the retry elsewhere gets the kept answer, not a 409', async () => {
    const before = await cases();
    const crashed = await file(crashing, 'online-replay-crash');
    expect(crashed.statusCode, crashed.body).toBe(500);
    expect(await cases()).toBe(before + 1); // committed, answer lost on the wire
    const key = await t.testDb.db.kysely
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('key', '=', 'online-replay-crash')
      .executeTakeFirstOrThrow();
    expect(key).toMatchObject({ state: 'done', status_code: 201, resource_type: 'case' });

    const later = new Date(t.clock.now.getTime() + 10 * 60_000);
    const other = await buildApp({ ...t.app.deps, now: () => later }, quiet());
    await other.ready();
    try {
      const retry = await file(other, 'online-replay-crash');
      expect(retry.statusCode, retry.body).toBe(201);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      const body = retry.json<{
        id: string;
        number: string;
        trackingCode: string;
        notice: { complete: boolean };
      }>();
      expect(body.id).toBe(key.resource_id);
      const row = await t.testDb.db.kysely
        .selectFrom('cases')
        .select(['number', 'tracking_code', 'channel'])
        .where('id', '=', body.id)
        .executeTakeFirstOrThrow();
      expect(body.number).toBe(row.number);
      expect(row.channel).toBe('online');
      expect(body.notice.complete).toBe(false);
      const again = await file(other, 'online-replay-crash');
      expect(again.json()).toEqual(body);
      expect(await cases()).toBe(before + 1);
    } finally {
      await other.close();
    }
  });

  it('a different body under a used key is refused, nothing filed', async () => {
    const before = await cases();
    const r = await file(t.app, 'online-replay-1', ['id_card', 'photo_1inch']);
    expect(r.statusCode).toBe(422);
    expect(r.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await cases()).toBe(before);
  });
});
