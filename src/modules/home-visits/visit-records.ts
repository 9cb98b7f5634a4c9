/**
 * GS-10 structured records of a visit (a village doctor's checkup of a chronic patient…): values
 * validated by the template, flagged by its range rules, stored encrypted (values and flags).
 * Returned only to the visiting unit's staff — in full to the record's author; other staff of the
 * unit reveal them with a reason, audited — and to the resident themself. Never in the audit
 * chain, never in logs, never in another unit's answers (404 there).
 */
import crypto from 'node:crypto';
import type { z } from 'zod';
import { auditActor, type Actor } from '../../shared/actor.ts';
import { AppError } from '../../shared/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { loadVisit, partyOf } from './home-visits.access.ts';
import type { MyRecordView, RecordSummary, RevealedRecord } from './home-visits.schema.ts';
import { readRecordData } from './home-visits.stored.ts';
import { visitRefusal } from './home-visit.workflow.ts';
import { recordFlags, type NewVisitRecord, type RecordTemplate } from './visit-record.templates.ts';
import type { VisitDeps } from './visit-view.ts';

export async function addVisitRecord(
  deps: VisitDeps,
  input: { visitId: string; body: NewVisitRecord; actor: Actor; requestId: string; now: Date },
): Promise<z.infer<typeof RecordSummary>> {
  const { db, pii } = deps;
  const { actor, now } = input;
  const { visit, party } = await loadVisit(db, actor, input.visitId);
  const refusal = visitRefusal('record', visit.status, party);
  if (refusal === 'FORBIDDEN') throw new AppError('VISIT_NOT_VISITING_UNIT');
  if (refusal) throw new AppError('VISIT_STATE');
  const grant = actor.grants.find((g) => g.stationId === visit.station_id)!;
  const values = input.body.values as Record<string, string | number>;
  const flags = recordFlags(input.body);
  const id = crypto.randomUUID();
  const createdAt = now.toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('home_visit_records')
      .values({
        id,
        visit_id: visit.id,
        station_id: visit.station_id,
        resident_id: visit.resident_id,
        template: input.body.template,
        data_cipher: pii.encrypt(JSON.stringify({ values, flags })),
        author_id: actor.accountId,
        created_at: createdAt,
      })
      .execute();
    await recordAudit(trx, {
      actor: auditActor(actor, grant),
      action: 'home_visit.record_added',
      entityType: 'home_visit',
      entityId: visit.id,
      regionCode: visit.village_code,
      // Health data never enters the chain: which record, of which template, nothing more.
      after: { recordId: id, template: input.body.template },
      requestId: input.requestId,
      now,
    });
  });
  return {
    id,
    template: input.body.template,
    authorName: actor.displayName,
    createdAt,
    values,
    flags,
    revealable: false,
  };
}

/** Full values for staff of the visiting unit other than the author: a reason, audited. */
export async function revealVisitRecord(
  deps: VisitDeps,
  input: { id: string; reason: string; actor: Actor; requestId: string; now: Date },
): Promise<z.infer<typeof RevealedRecord>> {
  const { db, pii } = deps;
  const record = await db
    .selectFrom('home_visit_records as r')
    .innerJoin('home_visits as v', 'v.id', 'r.visit_id')
    .select(['r.id', 'r.data_cipher', 'r.visit_id', 'v.station_id', 'v.village_code'])
    .where('r.id', '=', input.id)
    .executeTakeFirst();
  if (!record || partyOf(input.actor, record) !== 'visiting_unit')
    throw new AppError('VISIT_RECORD_NOT_FOUND');
  const grant = input.actor.grants.find((g) => g.stationId === record.station_id)!;
  await db.transaction().execute(async (trx) => {
    await recordAudit(trx, {
      actor: auditActor(input.actor, grant),
      action: 'home_visit.record_revealed',
      entityType: 'home_visit',
      entityId: record.visit_id,
      regionCode: record.village_code,
      after: { recordId: record.id, reason: input.reason },
      requestId: input.requestId,
      now: input.now,
    });
  });
  const data = readRecordData(pii, record.data_cipher);
  return { id: record.id, values: data.values, flags: data.flags };
}

/** The resident's own records (their login's resident record only). */
export async function myVisitRecords(
  deps: VisitDeps,
  input: { actor: Actor },
): Promise<z.infer<typeof MyRecordView>[]> {
  const residentId = input.actor.residentId;
  if (!residentId) return [];
  const rows = await deps.db
    .selectFrom('home_visit_records as r')
    .innerJoin('stations as s', 's.id', 'r.station_id')
    .select(['r.id', 'r.template', 'r.data_cipher', 'r.created_at', 's.name'])
    .where('r.resident_id', '=', residentId)
    .orderBy('r.created_at', 'desc')
    .orderBy('r.id')
    .limit(100)
    .execute();
  return rows.map((r) => {
    const data = readRecordData(deps.pii, r.data_cipher);
    return {
      id: r.id,
      template: r.template as RecordTemplate,
      stationName: r.name,
      createdAt: r.created_at,
      values: data.values,
      flags: data.flags,
    };
  });
}
