/**
 * The demo leaves messages in the outbox (e.g. the SMS of its scheduled home visits): a test that
 * counts what the sender sends drains them first, as the running app's sender would have.
 */
import {
  sendDueMessages,
  type SmsProvider,
} from '../../src/modules/notifications/outbox.sender.ts';
import type { TestApp } from './test-app.ts';

export async function drainOutbox(t: TestApp): Promise<number> {
  let n = 0;
  const provider: SmsProvider = {
    name: 'drain',
    async send() {
      n++;
      return { providerId: `drain-${n}` };
    },
  };
  for (;;) {
    const r = await sendDueMessages(t.testDb.db.kysely, {
      pii: t.pii,
      provider,
      nodeId: 'drain',
      now: t.clock.now,
    });
    if (r.sent === 0) return n;
  }
}
