/**
 * 首问负责 inquiries (GS-4): logged at a station even when no case follows; whoever records one is
 * its first responder for good. Closing one tells the first responder (in the same transaction).
 */
import crypto from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { auditActor, isPartyBound, type Actor, type Grant } from '../../shared/actor.ts';
import { assertAgentMaySeeResident } from '../agents/authorization.check.ts';
import type { Role } from '../../shared/roles.ts';
import { getCaseView } from '../cases/case.view.ts';
import { getItem } from '../catalog/catalog.service.ts';
import { handlingPostHolder } from './handoff-post.ts';
import { mayActOnMatter } from './handoff.rules.ts';
import type { CloseInquiry, NewInquiry } from './inquiry.schema.ts';
import { getInquiry } from './inquiry.view.ts';
import { canSeeMatter, grantOn, HANDLER_ROLES, loadMatter, matterHandoffs } from './matter.ts';
import { notify } from '../notifications/notification.service.ts';

/** The station grant the caller records under: the named one, or their only one. */
function stationGrant(actor: Actor, stationId: string | undefined): Grant {
  const handling = actor.grants.filter((g) => (HANDLER_ROLES as readonly Role[]).includes(g.role));
  if (handling.length === 0) throw new AppError('FORBIDDEN');
  const atStations = handling.filter((g) => g.stationId !== null);
  if (stationId) {
    const g = atStations.find((x) => x.stationId === stationId);
    if (!g) throw new AppError('OUT_OF_SCOPE');
    return g;
  }
  if (atStations.length !== 1) throw new AppError('STATION_REQUIRED');
  return atStations[0]!;
}

/**
 * The checks before an inquiry is recorded (the station the caller records under, the resident in
 * reach, the item, the case): nothing is written. Returns the grant it is recorded under.
 */
export async function prepareInquiry(
  db: Kysely<Database>,
  input: { body: z.infer<typeof NewInquiry>; actor: Actor; now: Date },
): Promise<Grant> {
  const { body, actor, now } = input;
  const grant = stationGrant(actor, body.stationId);
  if (body.residentId) {
    const resident = await db
      .selectFrom('residents')
      .select('home_region_code')
      .where('id', '=', body.residentId)
      .executeTakeFirst();
    if (!resident) throw new AppError('RESIDENT_NOT_FOUND');
    if (!resident.home_region_code.startsWith(grant.reachPrefix))
      throw new AppError('OUT_OF_SCOPE');
    // An agent names only a resident who authorized them: the inquiry shows the resident (GS-6).
    if (isPartyBound(grant))
      await assertAgentMaySeeResident(db, {
        agentAccountId: actor.accountId,
        residentId: body.residentId,
        now,
      });
  }
  if (body.itemCode) await getItem(db, body.itemCode); // CATALOG_ITEM_NOT_FOUND
  if (body.caseId) await getCaseView(db, { id: body.caseId, actor, now }); // seen by the caller
  return grant;
}

/** Writes a checked inquiry and its audit event inside the caller's transaction. */
export async function insertInquiry(
  trx: Transaction<Database>,
  input: {
    id: string;
    body: z.infer<typeof NewInquiry>;
    grant: Grant;
    actor: Actor;
    requestId: string;
    now: Date;
  },
): Promise<void> {
  const { id, body, grant, actor, now } = input;
  await trx
    .insertInto('inquiries')
    .values({
      id,
      channel: body.channel,
      resident_id: body.residentId ?? null,
      caller_description: body.callerDescription ?? null,
      question: body.question,
      item_code: body.itemCode ?? null,
      answer: body.answer,
      station_id: grant.stationId!,
      region_code: grant.regionCode,
      first_responder_id: actor.accountId,
      first_responder_role: grant.role,
      case_id: body.caseId ?? null,
      status: 'open',
      closing_note: null,
      closed_by: null,
      closed_at: null,
      created_at: now.toISOString(),
    })
    .execute();
  await recordAudit(trx, {
    actor: auditActor(actor, grant),
    action: 'inquiry.recorded',
    entityType: 'inquiry',
    entityId: id,
    regionCode: grant.regionCode,
    // No free text in the chain: it may describe a person.
    after: {
      channel: body.channel,
      residentId: body.residentId ?? null,
      itemCode: body.itemCode ?? null,
      stationId: grant.stationId,
      caseId: body.caseId ?? null,
      firstResponderId: actor.accountId,
    },
    requestId: input.requestId,
    now,
  });
}

export async function recordInquiry(
  db: Kysely<Database>,
  input: { body: z.infer<typeof NewInquiry>; actor: Actor; requestId: string; now: Date },
) {
  const { actor } = input;
  const grant = await prepareInquiry(db, input);
  const id = crypto.randomUUID();
  await db.transaction().execute((trx) => insertInquiry(trx, { ...input, id, grant }));
  return getInquiry(db, { id, actor });
}

/** Closed by its handler or its first responder; the first responder is told either way. */
export async function closeInquiry(
  db: Kysely<Database>,
  input: {
    id: string;
    body: z.infer<typeof CloseInquiry>;
    actor: Actor;
    requestId: string;
    now: Date;
  },
) {
  const { body, actor, now } = input;
  const matter = await loadMatter(db, 'inquiry', input.id);
  if (!canSeeMatter(actor, matter)) throw new AppError('OUT_OF_SCOPE');
  if (!matter.open) throw new AppError('INQUIRY_CLOSED');
  const handoffs = await matterHandoffs(db, 'inquiry', matter.id);
  if (
    !mayActOnMatter(
      actor.accountId,
      matter.firstResponderId,
      handoffs,
      await handlingPostHolder(db, handoffs, now),
    )
  )
    throw new AppError('MATTER_NOT_HOLDER');
  if (body.caseId) await getCaseView(db, { id: body.caseId, actor, now });

  const nowIso = now.toISOString();
  await db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('inquiries')
      .set((eb) => ({
        status: 'closed',
        closing_note: body.note ?? null,
        closed_by: actor.accountId,
        closed_at: nowIso,
        case_id: body.caseId ?? eb.ref('case_id'),
      }))
      .where('id', '=', matter.id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('INQUIRY_CLOSED');
    await notify(trx, {
      accountId: matter.firstResponderId,
      kind: 'inquiry_closed',
      params: { label: matter.label },
      entityType: 'inquiry',
      entityId: matter.id,
      now,
    });
    await recordAudit(trx, {
      actor: auditActor(actor, grantOn(actor, matter)),
      action: 'inquiry.closed',
      entityType: 'inquiry',
      entityId: matter.id,
      regionCode: matter.regionCode,
      before: { status: 'open' },
      after: { status: 'closed', caseId: body.caseId ?? null },
      requestId: input.requestId,
      now,
    });
  });
  return getInquiry(db, { id: matter.id, actor });
}
