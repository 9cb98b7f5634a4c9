/**
 * One transition = one transaction (GS-7): check the table and the caller's side of the case,
 * check the guards, move the row only if nobody moved it first, log the action, pause or resume
 * the deadline clock (GS-8) and write the audit event.
 */
import crypto from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { CaseTable, Database } from '../../db/schema.ts';
import { AppError, type ProblemCode } from '../../shared/problem.ts';
import { agentMaySee } from '../agents/authorization.rules.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { auditActor, type Actor } from '../../shared/actor.ts';
import { loadWorkCalendar } from '../calendar/calendar.service.ts';
import { computeDueDate } from '../calendar/working-days.ts';
import { getItem } from '../catalog/catalog.service.ts';
import { notifyFirstResponderOnClose } from './case-closed-notice.ts';
import { announceCaseFinished } from './case-finished.port.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import { recordDelivery } from './case-delivery.ts';
import { messageCaseTransition } from './case-messages.ts';
import { canSeeCase, grantForAction, standingOn } from './case-parties.ts';
import { appendCaseAction, casePauses, findCase, updateCaseIfUnchanged } from './case.repo.ts';
import type { TransitionBody } from './case.schema.ts';
import { requestStep, supplementStep } from './case-material-steps.ts';
import { insertRequests, satisfyRequests } from './case-requests.repo.ts';
import type { CaseRequest } from './case.requests.ts';
import { getCaseView, type DeadlineOptions } from './case.view.ts';
import {
  atDecidingUnit,
  checkTransition,
  TRANSITIONS,
  type CaseState,
  type Guard,
} from './case.workflow.ts';
import { parseNotice, parsePresented } from './case.stored.ts';

type Body = z.infer<typeof TransitionBody>;

const REFUSALS: Record<'INVALID_TRANSITION' | 'FORBIDDEN' | 'NOT_PARTY', ProblemCode> = {
  INVALID_TRANSITION: 'CASE_INVALID_TRANSITION',
  FORBIDDEN: 'FORBIDDEN',
  NOT_PARTY: 'CASE_NOT_PARTY',
};

function checkGuards(guards: readonly Guard[], c: CaseTable, body: Body): void {
  for (const g of guards) {
    switch (g) {
      case 'reason_required':
        if (!body.reason) throw new AppError('CASE_REASON_REQUIRED');
        break;
      case 'result_required':
        if (!body.result || !body.resultText) throw new AppError('CASE_RESULT_REQUIRED');
        break;
      case 'routed_item':
        if (c.decided_by === 'station') throw new AppError('CASE_NOT_ROUTED_ITEM');
        break;
      case 'case_at_deciding_unit':
        if (!atDecidingUnit(c.decided_by, c.state)) throw new AppError('CASE_NOT_AT_DECIDING_UNIT');
        break;
      case 'all_required_materials':
      case 'notice_material':
        break; // need the item version: checked in the action's own step below
    }
  }
}

/** Closes open pauses and recomputes the due date with every pause so far. */
async function resumeClock(
  trx: Transaction<Database>,
  c: CaseTable,
  now: Date,
): Promise<string | null> {
  await trx
    .updateTable('case_pauses')
    .set({ resumed_at: now.toISOString() })
    .where('case_id', '=', c.id)
    .where('resumed_at', 'is', null)
    .execute();
  if (!c.accepted_at) return null;
  const pauses = (await casePauses(trx, c.id)).map((p) => ({
    from: new Date(p.paused_at),
    to: p.resumed_at ? new Date(p.resumed_at) : null,
  }));
  const item = await getItem(trx, c.item_code, c.item_version);
  return computeDueDate({
    acceptedAt: new Date(c.accepted_at),
    promisedDays: item.promisedLimitDays,
    pauses,
    cal: await loadWorkCalendar(trx),
  }).dueDate;
}

export async function transitionCase(
  db: Kysely<Database>,
  input: {
    caseId: string;
    body: Body;
    actor: Actor;
    requestId: string;
    now: Date;
    /** a postal address and recipient phone are stored encrypted. */
    pii: PiiCipher;
  } & DeadlineOptions,
) {
  const { body, actor, now } = input;
  const current = await findCase(db, input.caseId);
  if (!current) throw new AppError('CASE_NOT_FOUND');
  if (!canSeeCase(actor.grants, current) || !agentMaySee(actor, current))
    throw new AppError('OUT_OF_SCOPE');
  const check = checkTransition(current.state, body.action, standingOn(actor.grants, current));
  if (!check.ok) throw new AppError(REFUSALS[check.reason]);
  if (current.version !== body.expectedVersion) throw new AppError('CASE_CHANGED');
  checkGuards(check.guards, current, body);
  const grant = grantForAction(actor.grants, current, body.action)!;
  const item = await getItem(db, current.item_code, current.item_version);
  const notice = parseNotice(current.notice);
  const presented = parsePresented(current.presented);
  const nowIso = now.toISOString();
  const changes: Partial<CaseTable> = { updated_at: nowIso };
  let payload: Record<string, unknown> = {};
  let newRequest: CaseRequest | null = null;
  let satisfied: string[] = [];

  const to: CaseState =
    check.to === 'previous' ? (current.state_before_suspension as CaseState) : check.to;
  switch (body.action) {
    case 'supplement': {
      const step = await supplementStep(db, {
        caseId: current.id,
        item,
        presented,
        supplied: body.presented ?? [],
      });
      satisfied = step.satisfied;
      changes.presented = JSON.stringify(step.presented);
      if (!current.accepted_at) {
        changes.accepted_at = nowIso;
        changes.due_date = computeDueDate({
          acceptedAt: now,
          promisedDays: item.promisedLimitDays,
          pauses: [],
          cal: await loadWorkCalendar(db),
        }).dueDate;
      }
      payload = { presented: body.presented ?? [] };
      break;
    }
    case 'request_supplement': {
      const step = await requestStep(db, {
        caseId: current.id,
        item,
        notice,
        presented,
        body,
        accountId: actor.accountId,
        at: nowIso,
      });
      changes.presented = JSON.stringify(step.presented);
      newRequest = step.request;
      payload = step.payload;
      break;
    }
    case 'suspend':
      changes.state_before_suspension = current.state;
      break;
    case 'decide':
      changes.result = body.result!;
      changes.result_text = body.resultText!;
      payload = { result: body.result };
      break;
    case 'deliver':
      // Collected at any station in scope (the one taking this step), or sent by post (GS-7).
      if (body.deliveryMethod === 'post' && !body.postalAddress)
        throw new AppError('CASE_POSTAL_ADDRESS_REQUIRED');
      // the address and phone go only encrypted into case_deliveries, never into the log.
      payload =
        body.deliveryMethod === 'post'
          ? { deliveryMethod: 'post' }
          : { deliveryMethod: 'station', stationId: grant.stationId };
      break;
    case 'refuse':
    case 'route':
    case 'forward':
    case 'resume':
    case 'close':
    case 'withdraw':
      break;
  }
  changes.state = to;

  await db.transaction().execute(async (trx) => {
    const clock = TRANSITIONS[body.action] as { clock?: 'pause' | 'resume' };
    if (clock.clock === 'pause' && current.accepted_at) {
      await trx
        .insertInto('case_pauses')
        .values({
          id: crypto.randomUUID(),
          case_id: current.id,
          kind: body.action === 'suspend' ? 'suspension' : 'supplement',
          paused_at: nowIso,
          resumed_at: null,
        })
        .execute();
    }
    if (clock.clock === 'resume' && current.accepted_at) {
      const due = await resumeClock(trx, current, now);
      if (due) changes.due_date = due;
    }
    const moved = await updateCaseIfUnchanged(
      trx,
      current.id,
      { version: current.version, state: current.state },
      changes,
    );
    if (!moved) throw new AppError('CASE_CHANGED');
    if (newRequest) await insertRequests(trx, current.id, [newRequest]);
    await satisfyRequests(trx, satisfied, { accountId: actor.accountId, at: nowIso });
    if (body.action === 'deliver') {
      const { recipientPhoneMasked } = await recordDelivery(trx, {
        caseId: current.id,
        method: body.deliveryMethod ?? 'station',
        stationId: grant.stationId,
        postalAddress: body.postalAddress,
        recipientPhone: body.recipientPhone,
        actorId: actor.accountId,
        pii: input.pii,
        now,
      });
      if (recipientPhoneMasked) payload = { ...payload, recipientPhoneMasked };
    }
    await appendCaseAction(trx, {
      caseId: current.id,
      action: body.action,
      from: current.state,
      to,
      actorId: actor.accountId,
      actorRole: grant.role,
      stationId: grant.stationId,
      reason: body.reason ?? null,
      payload,
      at: nowIso,
    });
    await messageCaseTransition(trx, input, {
      kase: current,
      action: body.action,
      version: current.version + 1,
      itemName: item.name.zh,
      requested: newRequest
        ? item.materials.filter((m) => m.key === newRequest.materialKey).map((m) => m.name.zh)
        : [],
      result: body.result,
      now,
    });
    await notifyFirstResponderOnClose(trx, { kase: current, to, now });
    await announceCaseFinished(trx, { caseId: current.id, to, pii: input.pii, now });
    await recordAudit(trx, {
      actor: auditActor(actor, grant),
      action: 'case.transitioned',
      entityType: 'case',
      entityId: current.id,
      regionCode: current.home_region_code,
      before: { state: current.state, version: current.version },
      after: {
        state: to,
        version: current.version + 1,
        action: body.action,
        reason: body.reason ?? null,
        ...payload,
      },
      requestId: input.requestId,
      now,
    });
  });
  return getCaseView(db, {
    id: current.id,
    actor,
    now,
    pii: input.pii,
    yellowWithinWorkingDays: input.yellowWithinWorkingDays,
  });
}
