/** Issue #11: one stored notification (kind + params) reads in Chinese and in English. */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notify } from '../../src/modules/notifications/notification.service.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

interface Note {
  id: string;
  kind: string;
  params: Record<string, unknown>;
  text: { subject: string; body: string };
}

describe('X-5 X-6 notifications in the reader’s language (issue #11)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('the same stored message reads in zh and in en; an old bilingual row in the reader’s half', async () => {
    const db = t.testDb.db.kysely;
    const me = await db
      .selectFrom('accounts')
      .select('id')
      .where('username', '=', 'resident')
      .executeTakeFirstOrThrow();
    await db.transaction().execute((trx) =>
      notify(trx, {
        accountId: me.id,
        kind: 'vs_order_taken',
        params: { orderNumber: 'PD-20260302-0007', title: '陪同买菜', team: '助老服务队' },
        entityType: 'vs_order',
        entityId: 'order-7',
        now: t.clock.now,
      }),
    );
    // A row as it was stored before issue #11, in the shape migration 0019 gives it.
    await db
      .insertInto('notifications')
      .values({
        id: crypto.randomUUID(),
        account_id: me.id,
        kind: 'legacy',
        params: JSON.stringify({
          subject: '志愿队伍已接单 PD-1 / A team took order PD-1',
          body: '将与您联系。 / They will contact you.',
          kind: 'vs_order_update',
        }),
        entity_type: 'vs_order',
        entity_id: 'order-1',
        created_at: new Date(t.clock.now.getTime() - 1000).toISOString(),
        read_at: null,
      })
      .execute();
    const resident = await t.login('resident');
    const zh = (await resident.call('GET', '/api/v1/notifications')).json<Note[]>();
    const en = (
      await resident.call('GET', '/api/v1/notifications', undefined, {
        'accept-language': 'en-GB,en;q=0.9',
      })
    ).json<Note[]>();
    const enByQuery = (await resident.call('GET', '/api/v1/notifications?lang=en')).json<Note[]>();
    expect(en).toEqual(enByQuery);
    const [zhNew, zhOld] = zh;
    const [enNew, enOld] = en;
    expect(zhNew).toMatchObject({
      kind: 'vs_order_taken',
      params: { orderNumber: 'PD-20260302-0007', title: '陪同买菜', team: '助老服务队' },
    });
    expect(enNew!.id).toBe(zhNew!.id);
    expect(enNew!.params).toEqual(zhNew!.params);
    expect(zhNew!.text.subject).toBe('志愿队伍已接单：陪同买菜');
    expect(enNew!.text.subject).toBe('A team took your order: 陪同买菜');
    expect(enNew!.text.body).toContain('will contact you');
    expect(zhOld!.text).toEqual({ subject: '志愿队伍已接单 PD-1', body: '将与您联系。' });
    expect(enOld!.text).toEqual({
      subject: 'A team took order PD-1',
      body: 'They will contact you.',
    });
    // Marking read answers in the reader's language too.
    const read = await resident.call('POST', `/api/v1/notifications/${zhNew!.id}/read`, undefined, {
      'accept-language': 'en',
    });
    expect(read.json<Note>().text.subject).toBe('A team took your order: 陪同买菜');
  });
});
