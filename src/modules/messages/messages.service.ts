/**
 * Issue #15 point 5: staff see a case's and a person's messages — every channel, with its
 * state, attempts and last error — and may resend one that is finished (failed, expired, or
 * submitted/delivered but not received). A person's messages are those about them and those sent
 * to their phone (the keyed hash of the number, so no phone is compared in clear). A resend is a
 * new outbox message (`resent_of` the original), audited; a login code is never resent. Staff read
 * what a message says (`text`), except a login code's and a rating link's (they hold a secret).
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, OutboxMessageTable } from '../../db/schema.ts';
import { auditActor, type Actor } from '../../shared/actor.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import { AppError } from '../../shared/problem.ts';
import { RESIDENT_READERS, type Role } from '../../shared/roles.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { getCaseView } from '../cases/case.view.ts';
import '../notifications/notifications.problems.ts';
import { recipientHash, smsText } from '../notifications/outbox.ts';
import { parseNotificationParams } from '../notifications/params-json.ts';
import { isTemplateKey } from '../notifications/templates.rules.ts';
import { getResident } from '../residents/residents.service.ts';

/** Statuses a resend may start from. */
const RESENDABLE = new Set<OutboxMessageTable['status']>([
  'failed',
  'expired',
  'submitted',
  'delivered',
]);

/** Templates whose text staff never read: a login code, a rating link's one-time token. */
const SECRET_TEMPLATES = new Set(['login_code', 'rating_invite']);

/** What the message says (the SMS text as the log provider prints it), unless it holds a secret. */
function textOf(r: OutboxMessageTable, pii: PiiCipher): string | null {
  if (r.channel === 'webhook' || SECRET_TEMPLATES.has(r.template_kind)) return null;
  if (!isTemplateKey(r.template_kind)) return null;
  const params = parseNotificationParams(
    pii.decrypt(r.params_cipher),
    'outbox_messages.params_cipher',
  );
  return smsText(r.template_kind, params);
}

function view(r: OutboxMessageTable, pii: PiiCipher) {
  const s = (v: string | Date | null) => (v === null ? null : String(v));
  return {
    id: r.id,
    channel: r.channel,
    template: r.template_kind,
    text: textOf(r, pii),
    recipient: r.recipient_masked,
    status: r.status,
    attempts: r.attempts,
    errorKind: r.error_kind,
    lastError: r.last_error,
    provider: r.provider,
    createdAt: String(r.created_at),
    sentAt: s(r.sent_at),
    deliveredAt: s(r.delivered_at),
    nextAttemptAt: String(r.next_attempt_at),
    fallbackOf: r.fallback_of,
    resentOf: r.resent_of,
    demo: r.is_demo === 1,
    resendable: RESENDABLE.has(r.status) && r.template_kind !== 'login_code' && r.is_demo === 0,
  };
}
export type MessageView = ReturnType<typeof view>;

type Target = { kind: 'case'; id: string } | { kind: 'resident'; id: string };

/** Checks the caller may see the case / resident; answers how to find its messages and the region. */
async function scope(
  db: Kysely<Database>,
  t: Target,
  deps: { actor: Actor; pii: PiiCipher; now: Date },
) {
  if (t.kind === 'case') {
    await getCaseView(db, { id: t.id, actor: deps.actor, now: deps.now }); // OUT_OF_SCOPE unless seen
    const c = await db
      .selectFrom('cases')
      .select('accepting_region_code')
      .where('id', '=', t.id)
      .executeTakeFirstOrThrow();
    return { region: c.accepting_region_code, hashes: [] as string[] };
  }
  await getResident({ db, pii: deps.pii }, { id: t.id, actor: deps.actor, now: deps.now });
  const r = await db
    .selectFrom('residents')
    .select(['phone_cipher', 'home_region_code'])
    .where('id', '=', t.id)
    .executeTakeFirstOrThrow();
  const hashes: string[] = [];
  if (r.phone_cipher) hashes.push(recipientHash(deps.pii, 'sms', deps.pii.decrypt(r.phone_cipher)));
  const acct = await db
    .selectFrom('accounts')
    .select('phone_hash')
    .where('resident_id', '=', t.id)
    .where('phone_hash', 'is not', null)
    .execute();
  for (const a of acct)
    if (a.phone_hash && !hashes.includes(a.phone_hash)) hashes.push(a.phone_hash);
  return { region: r.home_region_code, hashes };
}

function messagesOf(db: Kysely<Database>, t: Target, hashes: string[]) {
  return db
    .selectFrom('outbox_messages')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([eb('subject_type', '=', t.kind), eb('subject_id', '=', t.id)]),
        ...(hashes.length ? [eb('recipient_hash', 'in', hashes)] : []),
      ]),
    );
}

export async function listMessages(
  db: Kysely<Database>,
  input: { target: Target; actor: Actor; pii: PiiCipher; now: Date },
) {
  const { hashes } = await scope(db, input.target, input);
  const rows = await messagesOf(db, input.target, hashes)
    .where('channel', '!=', 'webhook')
    .orderBy('created_at', 'desc')
    .limit(200)
    .execute();
  return rows.map((r) => view(r, input.pii));
}

export async function resendMessage(
  db: Kysely<Database>,
  input: {
    target: Target;
    messageId: string;
    actor: Actor;
    pii: PiiCipher;
    requestId: string;
    now: Date;
  },
) {
  const { region, hashes } = await scope(db, input.target, input);
  const m = await messagesOf(db, input.target, hashes)
    .where('id', '=', input.messageId)
    .where('channel', '!=', 'webhook')
    .executeTakeFirst();
  if (!m) throw new AppError('OUTBOX_MESSAGE_NOT_FOUND');
  if (!view(m, input.pii).resendable) throw new AppError('OUTBOX_RESEND_NOT_ALLOWED');
  // The case / resident was seen above; the grant the audit names is the resender's own.
  const roles: readonly Role[] =
    input.target.kind === 'resident'
      ? RESIDENT_READERS.filter((r) => r !== 'agent')
      : CASE_RESENDERS;
  const mayResend = input.actor.grants.filter((g) => roles.includes(g.role));
  const grant = mayResend.find((g) => region.startsWith(g.reachPrefix)) ?? mayResend[0];
  if (!grant) throw new AppError('FORBIDDEN');
  const id = crypto.randomUUID();
  const nowIso = input.now.toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('outbox_messages')
      .values({
        ...m,
        id,
        status: 'queued',
        attempts: 0,
        next_attempt_at: nowIso,
        claimed_by: null,
        claimed_at: null,
        last_error: null,
        error_kind: null,
        sent_at: null,
        delivered_at: null,
        provider: null,
        provider_message_id: null,
        created_at: nowIso,
        dedupe_key: null,
        fallback_of: null,
        resent_of: m.id,
      })
      .execute();
    await recordAudit(trx, {
      actor: auditActor(input.actor, grant),
      action: 'message.resent',
      entityType: 'outbox_message',
      entityId: id,
      regionCode: region,
      after: { resentOf: m.id, channel: m.channel, template: m.template_kind },
      requestId: input.requestId,
      now: input.now,
    });
  });
  const row = await db
    .selectFrom('outbox_messages')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return view(row, input.pii);
}

/** Staff who may resend a case's message (an agent reads, does not resend). */
export const CASE_RESENDERS: readonly Role[] = ['admin', 'supervisor', 'town_officer', 'clerk'];
