/**
 * GS-10 the one insert of a home-visit request, shared by the staff's request (request-visit.ts)
 * and the resident's own (my-visits.ts): the row (contact phone encrypted, answered masked) and its
 * audit event, inside the caller's transaction. No free text and no phone in the chain.
 */
import crypto from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { maskMobile } from '../../shared/personal-numbers.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import { recordAudit, type AuditActor } from '../audit/audit.service.ts';

export interface VisitRequestRow {
  residentId: string;
  villageCode: string;
  stationId: string;
  requestedBy: 'resident' | 'relative' | 'agent' | 'staff';
  requesterRelation?: string | undefined;
  reason: 'elderly' | 'disabled' | 'ill';
  itemCode?: string | undefined;
  preferredDates: readonly string[];
  contactPhone?: string | undefined;
  note?: string | undefined;
}

/** Inserts the request and audits it; returns the new visit's id. */
export async function insertVisitRequest(
  trx: Transaction<Database>,
  pii: PiiCipher,
  input: {
    request: VisitRequestRow;
    createdBy: string;
    auditActor: AuditActor;
    /** Extra facts for the audit event (e.g. the resident's own channel). */
    auditExtra?: Record<string, string>;
    requestId: string | null;
    now: Date;
  },
): Promise<string> {
  const { request: r, now } = input;
  const id = crypto.randomUUID();
  const nowIso = now.toISOString();
  await trx
    .insertInto('home_visits')
    .values({
      id,
      resident_id: r.residentId,
      village_code: r.villageCode,
      station_id: r.stationId,
      requested_by: r.requestedBy,
      requester_relation: r.requesterRelation ?? null,
      reason: r.reason,
      item_code: r.itemCode ?? null,
      preferred_dates: JSON.stringify([...r.preferredDates].sort()),
      contact_phone_cipher: r.contactPhone ? pii.encrypt(r.contactPhone) : null,
      contact_phone_masked: r.contactPhone ? maskMobile(r.contactPhone) : null,
      note: r.note ?? null,
      status: 'requested',
      route_id: null,
      stop_order: null,
      visit_window: null,
      case_id: null,
      outcome_note: null,
      created_by: input.createdBy,
      visited_by: null,
      visited_at: null,
      version: 1,
      created_at: nowIso,
      updated_at: nowIso,
    })
    .execute();
  await recordAudit(trx, {
    actor: input.auditActor,
    action: 'home_visit.requested',
    entityType: 'home_visit',
    entityId: id,
    regionCode: r.villageCode,
    after: {
      residentId: r.residentId,
      requestedBy: r.requestedBy,
      reason: r.reason,
      itemCode: r.itemCode ?? null,
      stationId: r.stationId,
      ...input.auditExtra,
    },
    requestId: input.requestId,
    now,
  });
  return id;
}
