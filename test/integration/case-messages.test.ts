/**
 * Issue #15 point 5: the SMS a case sends its applicant — filed (case_filed with the
 * receipt's tracking link), the one-time notice and a supplement request (case_supplement), a
 * refusal or decision (case_decided) and the result at the station (case_pickup_ready). Each is
 * queued in the business write's transaction: a retried request with the same Idempotency-Key —
 * also after the node died between commit and answer — queues nothing more; a write that fails
 * after the message was queued leaves neither; an applicant without a phone gets none.
 */
import { Writable } from 'node:stream';
import type { KyselyPlugin, RootOperationNode } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorForToken } from '../../src/modules/auth/session.service.ts';
import { fileCase } from '../../src/modules/cases/case-intake.service.ts';
import { transitionCase } from '../../src/modules/cases/case-transition.service.ts';
import { buildApp } from '../../src/server/app.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { LI, type CaseJson } from './cases.fixtures.ts';
import { caseOutbox, type QueuedSms } from './messages.fixtures.ts';

const CHENG = '110115194611230037'; // 程建国: his phone is removed below

describe('X-5 the messages a case sends (issue #15 point 5)', () => {
  let t: TestApp;
  let clerk: Client;
  let town: Client;
  let liId = '';
  let liPhone = '';
  const db = () => t.testDb.db.kysely;
  const outbox = (caseId: string): Promise<QueuedSms[]> => caseOutbox(t, caseId);
  const file = (c: Client, body: Record<string, unknown>, key?: string) =>
    c.call(
      'POST',
      '/api/v1/cases',
      { residentId: liId, itemCode: 'DX-SB-001', ...body },
      key ? { 'idempotency-key': key } : {},
    );
  const act = (c: Client, kase: CaseJson, body: Record<string, unknown>) =>
    c.call('POST', `/api/v1/cases/${kase.id}/transitions`, {
      expectedVersion: kase.version,
      ...body,
    });
  const count = async (table: 'cases' | 'outbox_messages') =>
    Number(
      (
        await db()
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await createTestApp();
    clerk = await t.login('clerk');
    town = await t.login('town');
    const li = await clerk.call('POST', '/api/v1/residents/lookup', { idNumber: LI });
    liId = li.json<{ id: string }>().id;
    // A real (not demo) resident: his messages are checked against their templates and queued.
    await db().updateTable('residents').set({ is_demo: 0 }).where('id', '=', liId).execute();
    const row = await db()
      .selectFrom('residents')
      .select('phone_cipher')
      .where('id', '=', liId)
      .executeTakeFirstOrThrow();
    liPhone = t.pii.decrypt(row.phone_cipher!);
  });
  afterAll(async () => t.close());

  it('filed complete: case_filed to the applicant’s phone with the tracking link, once per retry', async () => {
    const first = await file(clerk, { presented: ['id_card', 'photo_1inch'] }, 'msg-file-1');
    expect(first.statusCode, first.body).toBe(201);
    const kase = first.json<CaseJson>();
    const retry = await file(clerk, { presented: ['id_card', 'photo_1inch'] }, 'msg-file-1');
    expect(retry.json<CaseJson>().id).toBe(kase.id);
    const code = (
      await db()
        .selectFrom('cases')
        .select('tracking_code')
        .where('id', '=', kase.id)
        .executeTakeFirstOrThrow()
    ).tracking_code!;
    const url = `${t.app.deps.config.publicUrl}/track?number=${kase.number}&code=${code}`;
    expect(await outbox(kase.id)).toEqual([
      {
        template: 'case_filed',
        to: liPhone,
        params: { number: kase.number, item: expect.any(String) as string, url },
        status: 'queued',
        regionCode: expect.stringMatching(/^110115/) as string,
        text: expect.stringContaining(`您的办件 ${kase.number}（`) as string,
      },
    ]);
    const [m] = await outbox(kase.id);
    expect(m!.text).toMatch(
      new RegExp(`^【家门口】您的办件 ${kase.number}（.+）已受理，查询进度：`),
    );
    expect(m!.text.endsWith(url)).toBe(true);
    // Staff read what was sent on the case's messages, the phone masked.
    const staff = await clerk.call('GET', `/api/v1/cases/${kase.id}/messages`);
    expect(staff.json<{ template: string; text: string | null }[]>()).toMatchObject([
      { template: 'case_filed', text: m!.text },
    ]);
    expect(staff.body).not.toContain(liPhone);
  });

  it('filed incomplete: the one-time notice in words; a supplement request names its material', async () => {
    let kase = (await file(clerk, { presented: ['id_card'] })).json<CaseJson>();
    let msgs = await outbox(kase.id);
    expect(msgs.map((m) => m.template)).toEqual(['case_filed', 'case_supplement']);
    expect(msgs[1]).toMatchObject({
      to: liPhone,
      params: { number: kase.number, materials: expect.stringContaining('照片') as string },
    });
    kase = (
      await act(clerk, kase, { action: 'supplement', presented: ['photo_1inch'] })
    ).json<CaseJson>();
    kase = (await act(clerk, kase, { action: 'route' })).json<CaseJson>();
    const asked = await act(town, kase, {
      action: 'request_supplement',
      materialKey: 'photo_1inch',
      kind: 'defective',
      reason: '照片背景不是白色，无法制卡',
    });
    expect(asked.statusCode, asked.body).toBe(200);
    msgs = await outbox(kase.id);
    expect(msgs.map((m) => m.template)).toEqual([
      'case_filed',
      'case_supplement',
      'case_supplement',
    ]);
    expect(msgs[2]!.params).toMatchObject({ materials: msgs[1]!.params.materials });
  });

  it('decided: the outcome in words and the result waiting at the accepting station', async () => {
    let kase = (await file(clerk, { presented: ['id_card', 'photo_1inch'] })).json<CaseJson>();
    kase = (await act(clerk, kase, { action: 'route' })).json<CaseJson>();
    const decided = await act(town, kase, {
      action: 'decide',
      result: 'not_approved',
      resultText: '不符合条件',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    const msgs = await outbox(kase.id);
    expect(msgs.slice(1)).toMatchObject([
      {
        template: 'case_decided',
        to: liPhone,
        params: { number: kase.number, outcome: '办结（不予批准）' },
      },
      {
        template: 'case_pickup_ready',
        to: liPhone,
        params: { number: kase.number, station: kase.acceptingStation.name },
      },
    ]);
    kase = decided.json<CaseJson>();
    await act(clerk, kase, { action: 'deliver', deliveryMethod: 'station' });
    const after = (await outbox(kase.id)).filter((m) => m.template.startsWith('case_'));
    expect(after).toHaveLength(3); // delivering sends no case message (the rating invite is GS-13's)
  });

  it('refused at intake: case_decided 不予受理', async () => {
    const kase = (await file(clerk, { presented: ['id_card'] })).json<CaseJson>();
    const r = await act(clerk, kase, { action: 'refuse', reason: '不符合申请条件' });
    expect(r.statusCode, r.body).toBe(200);
    expect((await outbox(kase.id)).at(-1)).toMatchObject({
      template: 'case_decided',
      params: { outcome: '不予受理' },
    });
  });

  it('an applicant without a phone: the case is filed and decided, nothing queued, no error', async () => {
    const cheng = await clerk.call('POST', '/api/v1/residents/lookup', { idNumber: CHENG });
    const chengId = cheng.json<{ id: string }>().id;
    await db()
      .updateTable('residents')
      .set({ phone_cipher: null, phone_masked: null })
      .where('id', '=', chengId)
      .execute();
    const before = await count('outbox_messages');
    const filed = await file(clerk, { residentId: chengId, presented: ['id_card'] });
    expect(filed.statusCode, filed.body).toBe(201);
    const r = await act(clerk, filed.json<CaseJson>(), { action: 'refuse', reason: '材料不全' });
    expect(r.statusCode, r.body).toBe(200);
    expect(await count('outbox_messages')).toBe(before);
  });

  it('the write fails after its message was queued: neither the case nor the message exists', async () => {
    // A write after the first message fails (here: the second message's insert — the audit
    // event's statements are compiled once and pass no plugin).
    let inserts = 0;
    const failSecondMessage: KyselyPlugin = {
      transformQuery: ({ node }: { node: RootOperationNode }) => {
        if (
          node.kind === 'InsertQueryNode' &&
          node.into?.table.identifier.name === 'outbox_messages' &&
          ++inserts === 2
        )
          throw new Error('a later write failed');
        return node;
      },
      transformResult: ({ result }) => Promise.resolve(result),
    };
    const failing = db().withPlugin(failSecondMessage);
    const actor = (await actorForToken(db(), clerk.cookie.split('=')[1]!, 'cookie', t.clock.now))!;
    const townActor = (await actorForToken(
      db(),
      town.cookie.split('=')[1]!,
      'cookie',
      t.clock.now,
    ))!;
    const deps = { pii: t.pii, publicUrl: t.app.deps.config.publicUrl };
    const cases = await count('cases');
    const messages = await count('outbox_messages');
    const filing = {
      residentId: liId,
      itemCode: 'DX-SB-001',
      presented: ['id_card'],
      actor,
      requestId: null,
      now: t.clock.now,
      messages: deps,
    };
    await expect(fileCase(failing, filing)).rejects.toThrow('a later write failed');
    expect(inserts).toBe(2);
    expect(await count('cases')).toBe(cases);
    expect(await count('outbox_messages')).toBe(messages);

    const kase = await fileCase(db(), { ...filing, presented: ['id_card', 'photo_1inch'] });
    inserts = 0;
    const routed = (
      await act(clerk, kase as unknown as CaseJson, { action: 'route' })
    ).json<CaseJson>();
    await expect(
      transitionCase(failing, {
        caseId: kase.id,
        body: {
          action: 'decide',
          expectedVersion: routed.version,
          result: 'approved',
          resultText: '准予',
        },
        actor: townActor,
        requestId: 'decide-fails',
        now: t.clock.now,
        pii: t.pii,
      }),
    ).rejects.toThrow('a later write failed');
    expect(inserts).toBe(2);
    expect((await outbox(kase.id)).map((m) => m.template)).toEqual(['case_filed']);
    expect((await clerk.call('GET', `/api/v1/cases/${kase.id}`)).json<CaseJson>().state).toBe(
      'in_progress',
    );
  });

  it('filed online, the node dies after the commit, the retry elsewhere: one case_filed', async () => {
    const resident = await t.login('resident');
    const station = await db()
      .selectFrom('stations')
      .select('id')
      .where('name', '=', '伊庄村政务服务站')
      .executeTakeFirstOrThrow();
    const quiet = { logStream: new Writable({ write: (_c, _e, cb: () => void) => cb() }) };
    const crashing = await buildApp(
      { ...t.app.deps, config: { ...t.app.deps.config, fault: 'after-commit' } },
      quiet,
    );
    await crashing.ready();
    const send = (app: typeof crashing) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/cases/online',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': 'msg-online-crash',
          cookie: resident.cookie,
        },
        payload: JSON.stringify({
          itemCode: 'DX-SB-001',
          stationId: station.id,
          presented: ['id_card', 'photo_1inch'],
        }),
      });
    try {
      expect((await send(crashing)).statusCode).toBe(500);
    } finally {
      await crashing.close();
    }
    const later = new Date(t.clock.now.getTime() + 10 * 60_000);
    const other = await buildApp({ ...t.app.deps, now: () => later }, quiet);
    await other.ready();
    try {
      const retry = await send(other);
      expect(retry.statusCode, retry.body).toBe(201);
      const { id, number } = retry.json<{ id: string; number: string }>();
      expect(await outbox(id)).toMatchObject([
        { template: 'case_filed', to: liPhone, params: { number } },
      ]);
    } finally {
      await other.close();
    }
  });
});
