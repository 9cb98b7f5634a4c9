/**
 * Issue #15 point 3: volunteers by Excel (a centre's register, with each person's team). One plan
 * for dry run and apply; apply registers each new volunteer through the volunteers module's
 * registerVolunteerIn (GB 11643, age and guardian-consent rules, ID hashed and encrypted, audit),
 * changes a registered one's phone and skills, and approves the team membership — all in the
 * import's transaction. A plan carries only masked ID numbers.
 */
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Db } from '../../db/in-transaction.ts';
import { isSystemActor, type Caller } from '../../shared/actor.ts';
import { chinaDate } from '../../shared/china-time.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import { maskIdNumber } from '../residents/id-number.ts';
import { registerVolunteerIn } from '../volunteers/volunteer-registration.ts';
import {
  approveRosterMembership,
  updateRosterVolunteer,
  volunteersByIdHash,
} from '../volunteers/volunteer-roster.ts';
import type { ImportPlan, PlannedRow, ProgressFn } from './import-plan.ts';
import { regionsForRows } from './import-regions.ts';
import type { SheetRow } from './import-sheet.ts';
import { regionCellIndex } from './region-cell.rules.ts';
import { duplicatesInFile } from './resident-rows.rules.ts';
import {
  checkVolunteerRow,
  volunteerRowAction,
  type TeamRef,
  type VolunteerChange,
  type VolunteerRowValue,
} from './volunteer-rows.rules.ts';
import { underAnyPrefix } from '../../shared/region-range.ts';

const HOME_LEVELS = ['town', 'village', 'grid'] as const;

export interface VolunteerWork {
  plan: ImportPlan;
  creates: VolunteerRowValue[];
  changes: { id: string; value: VolunteerRowValue; changes: VolunteerChange[] }[];
}

async function activeTeamsInReach(db: Db, reach: readonly string[]) {
  let q = db.selectFrom('vs_teams').select(['id', 'name']).where('active', '=', 1);
  if (!reach.includes('')) q = q.where(underAnyPrefix('region_code', reach));
  const byName = new Map<string, TeamRef[]>();
  for (const t of await q.execute()) byName.set(t.name, [...(byName.get(t.name) ?? []), t]);
  return byName;
}

export async function planVolunteerImport(
  ctx: {
    db: Db;
    pii: PiiCipher;
    reach: readonly string[];
    now: Date;
    onProgress?: ProgressFn | undefined;
  },
  rows: readonly SheetRow[],
): Promise<VolunteerWork> {
  const homes = regionCellIndex(
    await regionsForRows(ctx.db, ctx.reach, rows, 'village', HOME_LEVELS),
    HOME_LEVELS,
  );
  const teams = await activeTeamsInReach(ctx.db, ctx.reach);
  const today = chinaDate(ctx.now);
  const checked = rows.map((r, i) => {
    if (ctx.onProgress && i % 1000 === 0)
      ctx.onProgress({ phase: 'check', done: i, total: rows.length });
    return {
      row: r.row,
      name: r.values.fullName ?? '',
      check: checkVolunteerRow(r.values, { today, homes, reach: ctx.reach, teams }),
    };
  });
  const clean = checked.flatMap((c) =>
    c.check.ok
      ? [{ row: c.row, value: c.check.value, hash: ctx.pii.lookupHash(c.check.value.idNumber) }]
      : [],
  );
  const dups = duplicatesInFile(clean.map((c) => ({ row: c.row, key: c.hash })));
  const registered = await volunteersByIdHash(
    ctx.db,
    ctx.pii,
    clean.filter((c) => !dups.has(c.row)).map((c) => c.hash),
  );
  const byRow = new Map(clean.map((c) => [c.row, c]));
  const planned: PlannedRow[] = [];
  const work: VolunteerWork = { plan: undefined as never, creates: [], changes: [] };
  const counts = { create: 0, change: 0, unchanged: 0, refused: 0 };
  for (const c of checked) {
    if (!c.check.ok) {
      counts.refused++;
      planned.push({ row: c.row, action: 'refused', who: c.name, reasons: c.check.reasons });
      continue;
    }
    const item = byRow.get(c.row)!;
    const who = `${item.value.fullName} ${maskIdNumber(item.value.idNumber)}`;
    const first = dups.get(c.row);
    if (first !== undefined) {
      counts.refused++;
      planned.push({
        row: c.row,
        action: 'refused',
        who,
        reasons: [{ code: 'DUPLICATE_IN_FILE', detail: String(first) }],
      });
      continue;
    }
    const current = registered.get(item.hash) ?? null;
    const act = volunteerRowAction(item.value, current, { reach: ctx.reach });
    counts[act.action]++;
    switch (act.action) {
      case 'create':
        work.creates.push(item.value);
        planned.push({ row: c.row, action: 'create', who });
        break;
      case 'change':
        work.changes.push({ id: current!.id, value: item.value, changes: act.changes });
        planned.push({ row: c.row, action: 'change', who, changes: act.changes });
        break;
      case 'unchanged':
        break;
      case 'refused':
        planned.push({ row: c.row, action: 'refused', who, reasons: act.reasons });
        break;
    }
  }
  work.plan = { kind: 'volunteers', total: rows.length, counts, rows: planned };
  return work;
}

/** Carries out a clean plan in the caller's transaction. */
export async function writeVolunteerImport(
  trx: Transaction<Database>,
  ctx: {
    pii: PiiCipher;
    actor: Caller;
    requestId: string | null;
    now: Date;
    onProgress?: ProgressFn | undefined;
  },
  work: VolunteerWork,
): Promise<void> {
  const total = work.creates.length + work.changes.length;
  const decidedBy = isSystemActor(ctx.actor) ? null : ctx.actor.accountId;
  let done = 0;
  ctx.onProgress?.({ phase: 'write', done, total });
  for (const v of work.creates) {
    const registered = await registerVolunteerIn(trx, ctx.pii, {
      body: {
        idNumber: v.idNumber,
        fullName: v.fullName,
        ...(v.phone ? { phone: v.phone } : {}),
        homeRegionCode: v.homeRegionCode,
        skills: v.skills ?? [],
        serviceRegionCodes: [],
        availability: { weekdays: [], parts: [] },
        ...(v.guardianConsent ? { guardianConsent: v.guardianConsent } : {}),
      },
      mode: 'staff',
      actor: ctx.actor,
      requestId: ctx.requestId,
      now: ctx.now,
    });
    if (v.teamId)
      await approveRosterMembership(trx, {
        teamId: v.teamId,
        volunteerId: registered.id,
        decidedBy,
        now: ctx.now,
      });
    if (++done % 100 === 0) ctx.onProgress?.({ phase: 'write', done, total });
  }
  for (const c of work.changes) {
    if (c.changes.includes('phone') || c.changes.includes('skills'))
      await updateRosterVolunteer(trx, ctx.pii, {
        id: c.id,
        ...(c.changes.includes('phone') ? { phone: c.value.phone! } : {}),
        ...(c.changes.includes('skills') ? { skills: c.value.skills! } : {}),
        actor: ctx.actor,
        requestId: ctx.requestId,
        now: ctx.now,
      });
    if (c.changes.includes('team'))
      await approveRosterMembership(trx, {
        teamId: c.value.teamId!,
        volunteerId: c.id,
        decidedBy,
        now: ctx.now,
      });
    if (++done % 100 === 0) ctx.onProgress?.({ phase: 'write', done, total });
  }
  ctx.onProgress?.({ phase: 'write', done: total, total });
}
