/**
 * Issue #15 point 5: the SMS a case sends its applicant, written in the transaction of the
 * business write that causes it (so a message exists exactly when the write committed, and the
 * outbox's sender sends it once): filed (case_filed, with the tracking link the receipt's QR code
 * carries), a one-time notice or supplement request (case_supplement), refused or decided
 * (case_decided) and, on a decision, the result waiting at the accepting station
 * (case_pickup_ready). Each has a dedupe key, so a write replayed queues nothing twice. An
 * applicant without a phone gets nothing (and nothing fails); a demo resident's message is kept
 * suppressed. The phone is decrypted only to be handed to the outbox, which encrypts it again.
 */
import type { Transaction } from 'kysely';
import type { CaseTable, Database } from '../../db/schema.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import { enqueueSms, type SmsParamsByTemplate, type SmsTemplate } from '../notifications/outbox.ts';
import { fitVar } from '../notifications/templates.rules.ts';
import { materialsText, outcomeText } from './case-messages.rules.ts';
import type { CaseAction } from './case.workflow.ts';
import { trackingUrl } from './case.tracking-code.ts';

/** What a case's messages need from the caller (the route's app.deps). */
export interface CaseMessageDeps {
  pii: PiiCipher;
  /** config.publicUrl: where residents reach this site (the tracking link). */
  publicUrl: string;
}

type Trx = Transaction<Database>;
type Kase = Pick<
  CaseTable,
  'id' | 'number' | 'applicant_id' | 'accepting_station_id' | 'accepting_region_code'
>;

async function applicantPhone(trx: Trx, residentId: string) {
  const r = await trx
    .selectFrom('residents')
    .select(['phone_cipher', 'is_demo'])
    .where('id', '=', residentId)
    .executeTakeFirst();
  return r?.phone_cipher ? { cipher: r.phone_cipher, demo: r.is_demo === 1 } : null;
}

async function send<T extends SmsTemplate>(
  trx: Trx,
  pii: PiiCipher,
  kase: Kase,
  m: { template: T; params: SmsParamsByTemplate[T]; dedupeKey: string; now: Date },
): Promise<void> {
  const phone = await applicantPhone(trx, kase.applicant_id);
  if (!phone) return;
  await enqueueSms(trx, pii, {
    to: pii.decrypt(phone.cipher),
    template: m.template,
    params: m.params,
    now: m.now,
    demo: phone.demo,
    dedupeKey: m.dedupeKey,
    subject: { type: 'case', id: kase.id },
    regionCode: kase.accepting_region_code,
  });
}

/**
 * A case was filed (window, online, a queue ticket's intake — all through insertFiledCase): the
 * tracking link; and, when the one-time notice lists a blocking material, the notice in words.
 */
export async function messageCaseFiled(
  trx: Trx,
  deps: CaseMessageDeps,
  input: {
    kase: Kase & Pick<CaseTable, 'tracking_code'>;
    itemName: string;
    missing: readonly { name: { zh: string }; blocking: boolean }[];
    now: Date;
  },
): Promise<void> {
  const { kase, now } = input;
  const number = kase.number;
  const item = fitVar(input.itemName);
  const url = trackingUrl(deps.publicUrl, number, kase.tracking_code ?? '');
  await send(trx, deps.pii, kase, {
    template: 'case_filed',
    params: { number, item, url },
    dedupeKey: `case_filed:${kase.id}`,
    now,
  });
  const blocking = input.missing.filter((m) => m.blocking).map((m) => m.name.zh);
  if (blocking.length > 0)
    await send(trx, deps.pii, kase, {
      template: 'case_supplement',
      params: { number, item, materials: materialsText(blocking) },
      dedupeKey: `case_supplement:${kase.id}:1`,
      now,
    });
}

/**
 * A transition's message, if it sends one: a supplement request names the material; a refusal or
 * a decision its outcome; a decision also where to collect the result. `version`: the case's
 * version after the transition (one supplement request per version).
 */
export async function messageCaseTransition(
  trx: Trx,
  deps: Pick<CaseMessageDeps, 'pii'>,
  input: {
    kase: Kase;
    action: CaseAction;
    version: number;
    itemName: string;
    /** request_supplement: the names of the materials asked for. */
    requested: readonly string[];
    result: 'approved' | 'not_approved' | null | undefined;
    now: Date;
  },
): Promise<void> {
  const { kase, now } = input;
  const number = kase.number;
  const item = fitVar(input.itemName);
  if (input.action === 'request_supplement' && input.requested.length > 0) {
    await send(trx, deps.pii, kase, {
      template: 'case_supplement',
      params: { number, item, materials: materialsText(input.requested) },
      dedupeKey: `case_supplement:${kase.id}:${input.version}`,
      now,
    });
    return;
  }
  const outcome = outcomeText(input.action, input.result);
  if (!outcome) return;
  await send(trx, deps.pii, kase, {
    template: 'case_decided',
    params: { number, item, outcome },
    dedupeKey: `case_decided:${kase.id}`,
    now,
  });
  if (input.action !== 'decide') return;
  const station = await trx
    .selectFrom('stations')
    .select('name')
    .where('id', '=', kase.accepting_station_id)
    .executeTakeFirst();
  await send(trx, deps.pii, kase, {
    template: 'case_pickup_ready',
    params: { number, station: fitVar(station?.name ?? '受理服务站') },
    dedupeKey: `case_pickup_ready:${kase.id}`,
    now,
  });
}
