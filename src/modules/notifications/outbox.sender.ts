/**
 * Issue #11: sends the outbox. Each due message is claimed by one node with a conditional UPDATE
 * (status pending → sending, only if still pending): two nodes running the sweep at once never
 * both send it. A failure puts it back to pending with a growing delay; after MAX_ATTEMPTS it is
 * `failed`. A node that died while sending leaves a `sending` row: after CLAIM_LEASE_MS it is due
 * again (at-least-once after a crash; exactly once otherwise).
 */
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../../db/schema.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import { smsText } from './outbox.ts';
import { parseNotificationParams } from './params-json.ts';

export interface SmsProvider {
  readonly name: string;
  send(
    to: string,
    templateKind: string,
    params: Record<string, unknown>,
  ): Promise<{ providerId: string }>;
}

export const MAX_ATTEMPTS = 5;
export const CLAIM_LEASE_MS = 5 * 60_000;
/** 30 s, 2 min, 8 min, 32 min between tries. */
export const backoffMs = (attempts: number) => 30_000 * 4 ** Math.max(0, attempts - 1);

/** Development: writes the message (with its code) to the server log. Never for production. */
export function logSmsProvider(log: Pick<Logger, 'info'>): SmsProvider {
  let n = 0;
  return {
    name: 'log',
    send(to, templateKind, params) {
      n += 1;
      log.info(
        { sms: { to, template: templateKind, params, text: smsText(templateKind, params) } },
        'SMS (log provider, development only)',
      );
      return Promise.resolve({ providerId: `log-${Date.now()}-${n}` });
    },
  };
}

/**
 * SMS_PROVIDER: `log` (default outside production). In production `log` would print login codes
 * to the log instead of sending them: refused unless SMS_PROVIDER_ALLOW_LOG=true (a trial).
 */
export function smsProviderFromEnv(
  env: NodeJS.ProcessEnv,
  mode: 'development' | 'production' | 'test',
  log: Pick<Logger, 'info'>,
): SmsProvider {
  const name = env.SMS_PROVIDER ?? (mode === 'production' ? '' : 'log');
  if (name === 'log') {
    if (mode === 'production' && env.SMS_PROVIDER_ALLOW_LOG !== 'true')
      throw new Error(
        'SMS_PROVIDER=log writes login codes to the log: refused in production (set SMS_PROVIDER_ALLOW_LOG=true for a trial)',
      );
    return logSmsProvider(log);
  }
  throw new Error(
    name
      ? `SMS_PROVIDER=${name} is not known (available: log)`
      : 'SMS_PROVIDER is required in production (available: log, with SMS_PROVIDER_ALLOW_LOG=true)',
  );
}

export interface OutboxRunResult {
  sent: number;
  retried: number;
  failed: number;
}

/** One pass: claims every due message (up to `limit`) and sends it. */
export async function sendDueMessages(
  db: Kysely<Database>,
  deps: { pii: PiiCipher; provider: SmsProvider; nodeId: string; now: Date; limit?: number },
): Promise<OutboxRunResult> {
  const nowIso = deps.now.toISOString();
  const leaseCut = new Date(deps.now.getTime() - CLAIM_LEASE_MS).toISOString();
  const due = await db
    .selectFrom('outbox_messages')
    .select(['id', 'status'])
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', nowIso)]),
        eb.and([eb('status', '=', 'sending'), eb('claimed_at', '<', leaseCut)]),
      ]),
    )
    .orderBy('next_attempt_at')
    .limit(deps.limit ?? 100)
    .execute();
  const result: OutboxRunResult = { sent: 0, retried: 0, failed: 0 };
  for (const d of due) {
    // The claim: only one node's UPDATE matches the row in its old state.
    let claim = db
      .updateTable('outbox_messages')
      .set({ status: 'sending', claimed_by: deps.nodeId, claimed_at: nowIso })
      .where('id', '=', d.id);
    claim =
      d.status === 'pending'
        ? claim.where('status', '=', 'pending')
        : claim.where('status', '=', 'sending').where('claimed_at', '<', leaseCut);
    const claimed = await claim.executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) continue; // another node has it
    const m = await db
      .selectFrom('outbox_messages')
      .selectAll()
      .where('id', '=', d.id)
      .executeTakeFirstOrThrow();
    const attempts = m.attempts + 1;
    try {
      const to = deps.pii.decrypt(m.recipient_cipher);
      const params = parseNotificationParams(
        deps.pii.decrypt(m.params_cipher),
        'outbox_messages.params_cipher',
      );
      const sent = await deps.provider.send(to, m.template_kind, params);
      await db
        .updateTable('outbox_messages')
        .set({
          status: 'sent',
          attempts,
          sent_at: deps.now.toISOString(),
          provider_message_id: sent.providerId,
          last_error: null,
        })
        .where('id', '=', m.id)
        .where('claimed_by', '=', deps.nodeId)
        .execute();
      result.sent++;
    } catch (err) {
      const last = attempts >= MAX_ATTEMPTS;
      await db
        .updateTable('outbox_messages')
        .set({
          status: last ? 'failed' : 'pending',
          attempts,
          next_attempt_at: new Date(deps.now.getTime() + backoffMs(attempts)).toISOString(),
          last_error: (err instanceof Error ? err.message : String(err)).slice(0, 500),
          claimed_by: null,
          claimed_at: null,
        })
        .where('id', '=', m.id)
        .execute();
      if (last) result.failed++;
      else result.retried++;
    }
  }
  return result;
}

/** Runs the sender every `intervalMs` (from bootstrap, beside the deadline sweep). */
export function startOutboxSender(
  db: Kysely<Database>,
  deps: {
    pii: PiiCipher;
    provider: SmsProvider;
    nodeId: string;
    intervalMs: number;
    onError: (err: unknown) => void;
  },
): () => void {
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    sendDueMessages(db, { ...deps, now: new Date() })
      .catch(deps.onError)
      .finally(() => {
        running = false;
      });
  };
  const timer = setInterval(tick, deps.intervalMs);
  timer.unref();
  tick();
  return () => clearInterval(timer);
}
