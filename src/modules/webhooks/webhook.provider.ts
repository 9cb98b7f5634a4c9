/**
 * the outbox's `webhook` channel. The message's recipient is the subscriber's id; its params
 * are the body. The body is POSTed as JSON, signed with the subscriber's secret (HMAC-SHA256 over
 * "<t>.<body>", webhook-signature.ts), with the event and the delivery id (the dedupe key: the same
 * on every retry, so a receiver drops a repeat). 2xx → delivered; 408/429/5xx/network → retried
 * with the outbox's backoff; other 4xx → failed (permanent); a revoked subscriber → failed.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import { ProviderError, type ChannelProvider } from '../notifications/outbox.channel.ts';
import { classifyProviderError } from '../notifications/delivery.rules.ts';
import {
  DELIVERY_HEADER,
  EVENT_HEADER,
  SIGNATURE_HEADER,
  signatureHeader,
} from './webhook-signature.ts';

export function webhookProvider(
  db: Kysely<Database>,
  deps: { pii: PiiCipher; now: () => Date; timeoutMs?: number },
): ChannelProvider {
  return {
    name: 'webhook',
    channel: 'webhook',
    async send(m) {
      const sub = await db
        .selectFrom('webhook_subscribers')
        .select(['url', 'secret_cipher', 'revoked_at'])
        .where('id', '=', m.to)
        .executeTakeFirst();
      if (!sub || sub.revoked_at !== null)
        throw new ProviderError('webhook: subscriber revoked or gone', 'permanent');
      const body = JSON.stringify(m.params);
      let res: Response;
      try {
        res = await fetch(sub.url, {
          method: 'POST',
          redirect: 'manual',
          headers: {
            'content-type': 'application/json',
            'user-agent': 'Doorstep-Webhook/1',
            [EVENT_HEADER]: m.template,
            [DELIVERY_HEADER]: m.dedupeKey,
            [SIGNATURE_HEADER]: signatureHeader(
              deps.pii.decrypt(sub.secret_cipher),
              deps.now(),
              body,
            ),
          },
          body,
          signal: AbortSignal.timeout(deps.timeoutMs ?? 10_000),
        });
        await res.arrayBuffer().catch(() => undefined);
      } catch (err) {
        throw new ProviderError(
          `webhook network: ${err instanceof Error ? err.message : String(err)}`,
          'transient',
          'network',
        );
      }
      if (res.status >= 200 && res.status < 300)
        return { providerId: m.dedupeKey, delivered: true };
      throw new ProviderError(
        `webhook HTTP ${res.status}`,
        classifyProviderError('webhook', res.status),
        String(res.status),
      );
    },
  };
}
