/**
 * GS-13: record one rating of a finished service, whatever the channel (device, link, the
 * resident's pages, a call-back). Exactly one first rating and one follow-up per subject, settled
 * by the unique key (subject_type, subject_id, kind): parallel submits leave one row and the others
 * are told RATING_ALREADY_GIVEN. A 差评 opens its rectification ticket in the same transaction.
 */
import crypto from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database, RatingChannel } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { chinaDate } from '../../shared/china-time.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { loadWorkCalendar } from '../calendar/calendar.service.ts';
import { addWorkingDays } from '../calendar/working-days.ts';
import { checkLevelReasons, isBadRating, type RatingLevel } from './ratings.rules.ts';
import { DEFAULT_TICKET_DEADLINES, type TicketDeadlines } from './ticket.workflow.ts';
import type { RatingSubject } from './rating-subjects.ts';

export interface RatingInput {
  level: RatingLevel;
  reasons: string[];
  comment?: string | null | undefined;
  followUp?: boolean | undefined;
}

export interface SubmitRating {
  subject: RatingSubject & { completedAt: string };
  rating: RatingInput;
  channel: RatingChannel;
  rater: { residentId: string | null; accountId: string | null };
  /** Who the audit names: the rater's account, or nobody (a device or a link). */
  auditAccountId: string | null;
  now: Date;
  requestId?: string | undefined;
  deadlines?: TicketDeadlines | undefined;
}

/** Working-day due dates of a new ticket: the call-back and the whole ticket (GS-13). */
export async function ticketDueDates(
  trx: Transaction<Database>,
  input: { from: Date; complex: boolean; deadlines?: TicketDeadlines | undefined },
): Promise<{ callbackDue: string; dueDate: string }> {
  const d = input.deadlines ?? DEFAULT_TICKET_DEADLINES;
  const cal = await loadWorkCalendar(trx);
  const today = chinaDate(input.from);
  return {
    callbackDue: addWorkingDays(today, d.callbackDays, cal),
    dueDate: addWorkingDays(today, input.complex ? d.complexDays : d.days, cal),
  };
}

export async function submitRating(
  trx: Transaction<Database>,
  input: SubmitRating,
): Promise<{ id: string; kind: 'first' | 'follow_up'; ticketId: string | null }> {
  const { subject, rating, now } = input;
  const refusal = checkLevelReasons(rating.level, rating.reasons);
  if (refusal) throw new AppError(refusal);
  const kind = rating.followUp ? 'follow_up' : 'first';
  if (kind === 'follow_up') {
    const first = await trx
      .selectFrom('ratings')
      .select('id')
      .where('subject_type', '=', subject.type)
      .where('subject_id', '=', subject.id)
      .where('kind', '=', 'first')
      .executeTakeFirst();
    if (!first) throw new AppError('RATING_FOLLOW_UP_NEEDS_FIRST');
  }
  const id = crypto.randomUUID();
  const nowIso = now.toISOString();
  const r = await trx
    .insertInto('ratings')
    .values({
      id,
      subject_type: subject.type,
      subject_id: subject.id,
      kind,
      level: rating.level,
      reason_codes: JSON.stringify([...new Set(rating.reasons)]),
      comment: rating.comment ?? null,
      channel: input.channel,
      service_channel: subject.serviceChannel,
      subject_number: subject.number,
      item_code: subject.itemCode,
      region_code: subject.regionCode,
      station_id: subject.stationId,
      staff_account_id: subject.staffAccountId,
      agent_account_id: subject.agentAccountId,
      rater_resident_id: input.rater.residentId,
      rater_account_id: input.rater.accountId,
      completed_at: subject.completedAt,
      excluded: 0,
      rated_at: nowIso,
    })
    .onConflict((oc) => oc.columns(['subject_type', 'subject_id', 'kind']).doNothing())
    .executeTakeFirst();
  if (Number(r.numInsertedOrUpdatedRows ?? 0) !== 1) throw new AppError('RATING_ALREADY_GIVEN');
  const actor = { accountId: input.auditAccountId, role: null, stationId: null };
  await recordAudit(trx, {
    actor,
    action: 'rating.recorded',
    entityType: 'rating',
    entityId: id,
    regionCode: subject.regionCode,
    after: {
      subject: `${subject.type}:${subject.number}`,
      kind,
      level: rating.level,
      channel: input.channel,
    },
    requestId: input.requestId,
    now,
  });
  let ticketId: string | null = null;
  if (isBadRating(rating.level)) {
    ticketId = crypto.randomUUID();
    const due = await ticketDueDates(trx, {
      from: now,
      complex: false,
      deadlines: input.deadlines,
    });
    await trx
      .insertInto('rating_tickets')
      .values({
        id: ticketId,
        rating_id: id,
        region_code: subject.regionCode,
        station_id: subject.stationId,
        state: 'opened',
        complex: 0,
        callback_due: due.callbackDue,
        due_date: due.dueDate,
        classification: null,
        fix_due_date: null,
        called_back_at: null,
        callback_note: null,
        verify_note: null,
        outcome: null,
        resident_reply: null,
        resident_satisfied: null,
        closed_at: null,
        version: 1,
        created_at: nowIso,
        updated_at: nowIso,
      })
      .execute();
    await recordAudit(trx, {
      actor,
      action: 'rating_ticket.opened',
      entityType: 'rating_ticket',
      entityId: ticketId,
      regionCode: subject.regionCode,
      after: { rating: id, callbackDue: due.callbackDue, dueDate: due.dueDate },
      requestId: input.requestId,
      now,
    });
  }
  return { id, kind, ticketId };
}
