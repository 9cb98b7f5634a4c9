/**
 * Issue #11: sends the outbox. Each due message is claimed by one node with a conditional UPDATE
 * (status queued → sending, only if still queued): two nodes running the sweep at once never
 * both send it. A failure puts it back to queued with a growing delay; after MAX_ATTEMPTS it is
 * `failed`. A node that died while sending leaves a `sending` row: after CLAIM_LEASE_MS it is due
 * again — sent again with the same message id and dedupe key, which providers that can (webhook
 * receivers, Aliyun's OutId) use to drop the repeat.
 *
 * Issue #15 point 5: any channel, each through its provider (ChannelProvider); errors are
 * permanent (failed at once), transient (retried with backoff) or refused (WeChat: the user has
 * not subscribed → the message's fallback SMS is queued in the same transaction as the failure);
 * quiet hours (China time) hold what is not urgent; per-number rate limits hold an SMS until the
 * number's windows allow it; a message past its `expires_at` is `expired`, never sent late.
 */
import type { Kysely } from 'kysely';
import type { Database, OutboxMessageTable } from '../../db/schema.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import { enqueueMessage } from './outbox.ts';
import {
  ProviderError,
  smsChannel,
  type ChannelProvider,
  type ChannelProviders,
  type SmsProvider,
} from './outbox.channel.ts';
import { parseNotificationParams } from './params-json.ts';

export {
  logChannelProvider,
  logSmsProvider,
  printProvider,
  ProviderError,
  smsChannel,
  smsProviderFromEnv,
  type ChannelProvider,
  type ChannelProviders,
  type OutgoingMessage,
  type SmsProvider,
} from './outbox.channel.ts';
import { isTemplateKey, TEMPLATES, type Channel } from './templates.rules.ts';
import {
  quietHoldUntil,
  rateHoldUntil,
  type ErrorKind,
  type QuietHours,
  type RateLimit,
} from './delivery.rules.ts';

export const MAX_ATTEMPTS = 5;
export const CLAIM_LEASE_MS = 5 * 60_000;
/** 30 s, 2 min, 8 min, 32 min between tries. */
export const backoffMs = (attempts: number) => 30_000 * 4 ** Math.max(0, attempts - 1);

export interface OutboxRunResult {
  sent: number;
  retried: number;
  failed: number;
  /** Put back for quiet hours or a number's rate limit (no attempt counted). */
  held: number;
  expired: number;
  /** WeChat refused: the fallback SMS was queued. */
  fellBack: number;
}

export interface SenderDeps {
  pii: PiiCipher;
  /** Issue #11: the SMS provider (used when `providers.sms` is not given). */
  provider?: SmsProvider;
  providers?: ChannelProviders;
  nodeId: string;
  now: Date;
  limit?: number;
  /** China time; null/undefined: none. */
  quietHours?: QuietHours | null;
  /** Per number (SMS); undefined: none. */
  rateLimits?: readonly RateLimit[];
}

const emptyResult = (): OutboxRunResult => ({
  sent: 0,
  retried: 0,
  failed: 0,
  held: 0,
  expired: 0,
  fellBack: 0,
});

function providersOf(deps: SenderDeps): ChannelProviders {
  const p: ChannelProviders = { ...deps.providers };
  if (!p.sms && deps.provider) p.sms = smsChannel(deps.provider);
  return p;
}

function errorKind(err: unknown): ErrorKind {
  return err instanceof ProviderError ? err.kind : 'transient';
}

/** One pass: claims every due message (up to `limit`) of the channels with a provider. */
export async function sendDueMessages(
  db: Kysely<Database>,
  deps: SenderDeps,
): Promise<OutboxRunResult> {
  const providers = providersOf(deps);
  const channels = Object.keys(providers) as Channel[];
  const result = emptyResult();
  if (channels.length === 0) return result;
  const nowIso = deps.now.toISOString();
  const leaseCut = new Date(deps.now.getTime() - CLAIM_LEASE_MS).toISOString();
  const due = await db
    .selectFrom('outbox_messages')
    .select(['id', 'status'])
    .where('channel', 'in', channels)
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'queued'), eb('next_attempt_at', '<=', nowIso)]),
        eb.and([eb('status', '=', 'sending'), eb('claimed_at', '<', leaseCut)]),
      ]),
    )
    .orderBy('next_attempt_at')
    .limit(deps.limit ?? 100)
    .execute();
  for (const d of due) await claimAndSend(db, deps, providers, d, result);
  return result;
}

/**
 * Issue #15: one message, as the job queue's worker asks (outbox-queue.ts) — claimed and sent if
 * it is due now, else nothing: a job run twice, or after the sweep sent it, sends nothing more.
 */
export async function sendOneMessage(
  db: Kysely<Database>,
  deps: SenderDeps,
  id: string,
): Promise<OutboxRunResult> {
  const providers = providersOf(deps);
  const result = emptyResult();
  const d = await db
    .selectFrom('outbox_messages')
    .select(['id', 'status', 'channel', 'next_attempt_at', 'claimed_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!d || !providers[d.channel]) return result;
  const leaseCut = deps.now.getTime() - CLAIM_LEASE_MS;
  const due =
    (d.status === 'queued' &&
      new Date(String(d.next_attempt_at)).getTime() <= deps.now.getTime()) ||
    (d.status === 'sending' && d.claimed_at && new Date(String(d.claimed_at)).getTime() < leaseCut);
  if (due) await claimAndSend(db, deps, providers, d, result);
  return result;
}

/** The claim: only one node's UPDATE matches the row in its old state; that node sends it. */
async function claimAndSend(
  db: Kysely<Database>,
  deps: SenderDeps,
  providers: ChannelProviders,
  d: { id: string; status: string },
  result: OutboxRunResult,
): Promise<void> {
  const nowIso = deps.now.toISOString();
  const leaseCut = new Date(deps.now.getTime() - CLAIM_LEASE_MS).toISOString();
  let claim = db
    .updateTable('outbox_messages')
    .set({ status: 'sending', claimed_by: deps.nodeId, claimed_at: nowIso })
    .where('id', '=', d.id);
  claim =
    d.status === 'queued'
      ? claim.where('status', '=', 'queued').where('next_attempt_at', '<=', nowIso)
      : claim.where('status', '=', 'sending').where('claimed_at', '<', leaseCut);
  const claimed = await claim.executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) return; // another node has it (or it is not due)
  const m = await db
    .selectFrom('outbox_messages')
    .selectAll()
    .where('id', '=', d.id)
    .executeTakeFirstOrThrow();
  await sendClaimed(db, deps, providers[m.channel]!, m, result);
}

/** Only this node's claim is finished (a node whose lease ran out changes nothing). */
function mine(db: Kysely<Database>, id: string, nodeId: string) {
  return db
    .updateTable('outbox_messages')
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .where('claimed_by', '=', nodeId);
}

async function holdUntil(
  db: Kysely<Database>,
  deps: SenderDeps,
  m: OutboxMessageTable,
): Promise<Date | null> {
  if (m.channel !== 'sms' && m.channel !== 'wechat') return null;
  const urgent =
    isTemplateKey(m.template_kind) &&
    'urgent' in TEMPLATES[m.template_kind] &&
    TEMPLATES[m.template_kind as 'login_code'].urgent;
  const quiet = quietHoldUntil(deps.now, deps.quietHours ?? null, urgent);
  if (quiet) return quiet;
  if (urgent || m.channel !== 'sms' || !deps.rateLimits?.length || !m.recipient_hash) return null;
  const longest = Math.max(...deps.rateLimits.map((l) => l.windowMs));
  const earlier = await db
    .selectFrom('outbox_messages')
    .select('sent_at')
    .where('recipient_hash', '=', m.recipient_hash)
    .where('channel', '=', 'sms')
    .where('id', '!=', m.id)
    .where('status', 'in', ['submitted', 'delivered'])
    .where('sent_at', '>', new Date(deps.now.getTime() - longest).toISOString())
    .execute();
  return rateHoldUntil(
    deps.now,
    earlier.map((r) => new Date(String(r.sent_at))),
    deps.rateLimits,
  );
}

async function sendClaimed(
  db: Kysely<Database>,
  deps: SenderDeps,
  provider: ChannelProvider,
  m: OutboxMessageTable,
  result: OutboxRunResult,
): Promise<void> {
  const nowIso = deps.now.toISOString();
  if (m.expires_at && new Date(String(m.expires_at)).getTime() <= deps.now.getTime()) {
    await mine(db, m.id, deps.nodeId)
      .set({ status: 'expired', claimed_by: null, claimed_at: null })
      .execute();
    result.expired++;
    return;
  }
  const hold = await holdUntil(db, deps, m);
  if (hold) {
    await mine(db, m.id, deps.nodeId)
      .set({
        status: 'queued',
        next_attempt_at: hold.toISOString(),
        claimed_by: null,
        claimed_at: null,
      })
      .execute();
    result.held++;
    return;
  }
  const attempts = m.attempts + 1;
  let to: string;
  try {
    to = deps.pii.decrypt(m.recipient_cipher);
  } catch (err) {
    await mine(db, m.id, deps.nodeId)
      .set({
        status: 'failed',
        attempts,
        error_kind: 'permanent',
        last_error: `recipient: ${err instanceof Error ? err.message : String(err)}`.slice(0, 500),
        claimed_by: null,
        claimed_at: null,
      })
      .execute();
    result.failed++;
    return;
  }
  try {
    const params = parseNotificationParams(
      deps.pii.decrypt(m.params_cipher),
      'outbox_messages.params_cipher',
    );
    const sent = await provider.send({
      id: m.id,
      channel: m.channel,
      to,
      template: m.template_kind,
      params,
      dedupeKey: m.dedupe_key ?? m.id,
      attempt: attempts,
      createdAt: String(m.created_at),
    });
    await db
      .updateTable('outbox_messages')
      .set({
        status: sent.delivered ? 'delivered' : 'submitted',
        attempts,
        sent_at: nowIso,
        delivered_at: sent.delivered ? nowIso : null,
        provider: provider.name,
        provider_message_id: sent.providerId,
        last_error: null,
        error_kind: null,
      })
      .where('id', '=', m.id)
      .where('claimed_by', '=', deps.nodeId)
      .execute();
    result.sent++;
  } catch (err) {
    const kind = errorKind(err);
    const message = (err instanceof Error ? err.message : String(err)).slice(0, 500);
    const last = kind !== 'transient' || attempts >= MAX_ATTEMPTS;
    await db.transaction().execute(async (trx) => {
      const done = await trx
        .updateTable('outbox_messages')
        .set({
          status: last ? 'failed' : 'queued',
          attempts,
          next_attempt_at: new Date(deps.now.getTime() + backoffMs(attempts)).toISOString(),
          last_error: message,
          error_kind: kind,
          provider: provider.name,
          claimed_by: null,
          claimed_at: null,
        })
        .where('id', '=', m.id)
        .where('status', '=', 'sending')
        .where('claimed_by', '=', deps.nodeId)
        .executeTakeFirst();
      if (
        Number(done.numUpdatedRows) === 1 &&
        kind === 'refused' &&
        m.fallback_channel === 'sms' &&
        m.fallback_recipient_cipher
      ) {
        const params = parseNotificationParams(
          deps.pii.decrypt(m.params_cipher),
          'outbox_messages.params_cipher',
        );
        const fallbackId = await enqueueMessage(trx, deps.pii, {
          channel: 'sms',
          to: deps.pii.decrypt(m.fallback_recipient_cipher),
          template: m.template_kind,
          params,
          now: deps.now,
          dedupeKey: `fallback:${m.id}`,
          subject:
            m.subject_type && m.subject_id ? { type: m.subject_type, id: m.subject_id } : undefined,
          regionCode: m.region_code ?? undefined,
          expiresAt: m.expires_at ? new Date(String(m.expires_at)) : undefined,
        });
        await trx
          .updateTable('outbox_messages')
          .set({ fallback_of: m.id })
          .where('id', '=', fallbackId)
          .execute();
        result.fellBack++;
      }
    });
    if (last) result.failed++;
    else result.retried++;
  }
}

/** Runs the sender every `intervalMs` (from bootstrap, beside the deadline sweep). */
export function startOutboxSender(
  db: Kysely<Database>,
  deps: Omit<SenderDeps, 'now'> & {
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
