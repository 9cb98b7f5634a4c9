/**
 * CP-3 the guardian's pickup list per child: authorised persons (name, relation, phone stored
 * encrypted and answered masked, optional photo reference, a validity window — "today only" is a
 * one-day window) and not-authorised persons, who are refused at the door whatever they hold.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database, ProgramPickupPersonTable } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { auditActor, authorize, type Actor } from '../../shared/actor.ts';
import { chinaDate } from '../../shared/china-time.ts';
import { maskMobile } from '../../shared/personal-numbers.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import { GUARDIAN, myChild } from './programs.access.ts';
import type { NewPickupPerson, PickupPersonView } from './programs-day.schema.ts';
import type { PickupPerson } from './release.rules.ts';

type Db = Kysely<Database>;

export function presentPickupPerson(p: ProgramPickupPersonTable): PickupPersonView {
  return {
    id: p.id,
    childId: p.child_id,
    kind: p.kind,
    name: p.name,
    relation: p.relation,
    phoneMasked: p.phone_masked,
    photoRef: p.photo_ref,
    validFrom: p.valid_from,
    validUntil: p.valid_until,
    revoked: p.revoked_at !== null,
  };
}

export function asPickupPerson(p: ProgramPickupPersonTable): PickupPerson {
  return {
    id: p.id,
    kind: p.kind,
    name: p.name,
    validFrom: p.valid_from,
    validUntil: p.valid_until,
    revoked: p.revoked_at !== null,
  };
}

export async function addPickupPerson(
  deps: { db: Db; pii: PiiCipher },
  input: {
    childId: string;
    body: z.infer<typeof NewPickupPerson>;
    actor: Actor;
    requestId: string;
    now: Date;
  },
): Promise<PickupPersonView> {
  const { db } = deps;
  const { body, actor, now } = input;
  const grant = authorize(actor, GUARDIAN);
  const child = await myChild(db, actor, input.childId);
  const today = chinaDate(now);
  const validFrom = body.todayOnly ? today : (body.validFrom ?? today);
  const validUntil = body.todayOnly ? today : (body.validUntil ?? null);
  if (validUntil !== null && validUntil < validFrom) throw new AppError('CP_PICKUP_WINDOW_INVALID');
  const row: ProgramPickupPersonTable = {
    id: crypto.randomUUID(),
    child_id: child.id,
    guardian_account_id: actor.accountId,
    kind: body.kind,
    name: body.name,
    relation: body.relation,
    phone_cipher: body.phone ? deps.pii.encrypt(body.phone) : null,
    phone_masked: body.phone ? maskMobile(body.phone) : null,
    photo_ref: body.photoRef ?? null,
    valid_from: validFrom,
    valid_until: validUntil,
    revoked_at: null,
    created_at: now.toISOString(),
  };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('program_pickup_persons').values(row).execute();
    await recordAudit(trx, {
      actor: auditActor(actor, grant),
      action: 'pickup_person.added',
      entityType: 'child',
      entityId: child.id,
      regionCode: child.region_code,
      after: { personId: row.id, kind: row.kind, validFrom, validUntil },
      requestId: input.requestId,
      now,
    });
  });
  return presentPickupPerson(row);
}

export async function listPickupPersons(
  db: Db,
  input: { childId: string; actor: Actor },
): Promise<PickupPersonView[]> {
  authorize(input.actor, GUARDIAN);
  const child = await myChild(db, input.actor, input.childId);
  const rows = await db
    .selectFrom('program_pickup_persons')
    .selectAll()
    .where('child_id', '=', child.id)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(presentPickupPerson);
}

export async function revokePickupPerson(
  db: Db,
  input: { id: string; actor: Actor; requestId: string; now: Date },
): Promise<PickupPersonView> {
  const grant = authorize(input.actor, GUARDIAN);
  const row = await db
    .selectFrom('program_pickup_persons')
    .selectAll()
    .where('id', '=', input.id)
    .where('guardian_account_id', '=', input.actor.accountId)
    .executeTakeFirst();
  if (!row) throw new AppError('CP_PICKUP_PERSON_NOT_FOUND');
  if (row.revoked_at !== null) return presentPickupPerson(row);
  const at = input.now.toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('program_pickup_persons')
      .set({ revoked_at: at })
      .where('id', '=', row.id)
      .where('revoked_at', 'is', null)
      .execute();
    await recordAudit(trx, {
      actor: auditActor(input.actor, grant),
      action: 'pickup_person.revoked',
      entityType: 'child',
      entityId: row.child_id,
      regionCode: (await myChild(trx, input.actor, row.child_id)).region_code,
      after: { personId: row.id },
      requestId: input.requestId,
      now: input.now,
    });
  });
  return presentPickupPerson({ ...row, revoked_at: at });
}
