/**
 * GS-12 a town's setting "items that require competence": on / off per item, set by a town
 * officer, audited. A row stays when switched off (the audit shows who changed it and when).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { auditActor, type Actor } from '../../shared/actor.ts';
import { chinaDate } from '../../shared/china-time.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { competentAccountIds } from './competence-gate.ts';
import {
  assertItems,
  itemNames,
  itemRef,
  readerPrefixes,
  townStaff,
  writerGrantForTown,
} from './training-town.ts';
import { underAnyPrefix } from '../../shared/region-range.ts';

export async function setRequirement(
  db: Kysely<Database>,
  input: {
    itemCode: string;
    required: boolean;
    townCode?: string | undefined;
    actor: Actor;
    requestId: string | null;
    now: Date;
  },
) {
  const grant = writerGrantForTown(input.actor, input.townCode);
  const townCode = `${grant.regionCode.slice(0, 9)}000`;
  await assertItems(db, [input.itemCode]);
  const nowIso = input.now.toISOString();
  const required = input.required ? 1 : 0;
  await db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('competence_requirements')
      .select('required')
      .where('town_code', '=', townCode)
      .where('item_code', '=', input.itemCode)
      .executeTakeFirst();
    await trx
      .insertInto('competence_requirements')
      .values({
        town_code: townCode,
        item_code: input.itemCode,
        required,
        set_by: input.actor.accountId,
        set_at: nowIso,
      })
      .onConflict((oc) =>
        oc
          .columns(['town_code', 'item_code'])
          .doUpdateSet({ required, set_by: input.actor.accountId, set_at: nowIso }),
      )
      .execute();
    await recordAudit(trx, {
      actor: auditActor(input.actor, grant),
      action: 'competence.requirement_set',
      entityType: 'competence_requirement',
      entityId: `${townCode}:${input.itemCode}`,
      regionCode: townCode,
      before: before ? { required: before.required === 1 } : undefined,
      after: { required: input.required },
      requestId: input.requestId,
      now: input.now,
    });
  });
  const all = await listRequirements(db, { townCode, actor: input.actor, now: input.now });
  return all.find((r) => r.item.code === input.itemCode)!;
}

export async function listRequirements(
  db: Kysely<Database>,
  input: { townCode?: string | undefined; actor: Actor; now: Date },
) {
  const prefixes = readerPrefixes(input.actor, input.townCode);
  const rows = await db
    .selectFrom('competence_requirements as r')
    .innerJoin('accounts as a', 'a.id', 'r.set_by')
    .selectAll('r')
    .select('a.display_name as setter_name')
    .where(underAnyPrefix('r.town_code', prefixes))
    .orderBy('r.town_code')
    .orderBy('r.item_code')
    .execute();
  const names = await itemNames(
    db,
    rows.map((r) => r.item_code),
  );
  const today = chinaDate(input.now);
  const out = [];
  for (const r of rows) {
    const staff = (await townStaff(db, r.town_code)).map((s) => s.id);
    const holders = await competentAccountIds(db, {
      itemCode: r.item_code,
      today,
      accountIds: [...new Set(staff)],
    });
    out.push({
      townCode: r.town_code,
      item: itemRef(names, r.item_code),
      required: r.required === 1,
      setBy: { id: r.set_by, displayName: r.setter_name },
      setAt: r.set_at,
      competentHolders: holders.size,
    });
  }
  return out;
}
