/**
 * CP-2: a guardian registers a child (real name, relation; the ID number is personal data as for
 * residents — stored encrypted with a keyed hash, answered only masked). A guardian lists only
 * their own children.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/schema.ts';
import type { ChildTable } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { auditActor, authorize, type Actor } from '../../shared/actor.ts';
import { maskIdNumber, parseIdNumber } from '../residents/id-number.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import { GUARDIAN, isUniqueViolation } from './programs.access.ts';
import type { ChildView, NewChild } from './programs.schema.ts';

type Db = Kysely<Database>;

function presentChild(c: ChildTable): z.infer<typeof ChildView> {
  return {
    id: c.id,
    realName: c.real_name,
    idMasked: c.id_masked,
    birthDate: c.birth_date,
    relation: c.relation,
    regionCode: c.region_code,
  };
}

export async function registerChild(
  deps: { db: Db; pii: PiiCipher },
  input: { body: z.infer<typeof NewChild>; actor: Actor; requestId: string; now: Date },
): Promise<z.infer<typeof ChildView>> {
  const { body, actor, now } = input;
  const grant = authorize(actor, GUARDIAN);
  const parsed = parseIdNumber(body.idNumber, now.toISOString().slice(0, 10));
  if (!parsed.ok) throw new AppError(parsed.problem);
  const row: ChildTable = {
    id: crypto.randomUUID(),
    guardian_account_id: actor.accountId,
    real_name: body.realName,
    id_cipher: deps.pii.encrypt(parsed.value),
    id_hash: deps.pii.lookupHash(`child:${parsed.value}`),
    id_masked: maskIdNumber(parsed.value),
    birth_date: parsed.birthDate,
    relation: body.relation,
    // The child lives where the guardian's grant is (their neighbourhood).
    region_code: grant.regionCode,
    created_at: now.toISOString(),
  };
  try {
    await deps.db.transaction().execute(async (trx) => {
      await trx.insertInto('children').values(row).execute();
      await recordAudit(trx, {
        actor: auditActor(actor, grant),
        action: 'child.registered',
        entityType: 'child',
        entityId: row.id,
        regionCode: row.region_code,
        after: { relation: row.relation, birthDate: row.birth_date },
        requestId: input.requestId,
        now,
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('CP_CHILD_EXISTS');
    throw err;
  }
  return presentChild(row);
}

export async function listMyChildren(db: Db, actor: Actor): Promise<z.infer<typeof ChildView>[]> {
  authorize(actor, GUARDIAN);
  const rows = await db
    .selectFrom('children')
    .selectAll()
    .where('guardian_account_id', '=', actor.accountId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(presentChild);
}
