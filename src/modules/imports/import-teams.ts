/**
 * Issue #15 point 3: volunteer teams by Excel (a centre's 总队 → 队伍 → 分队 in one file, parents
 * named by name, in any order). One plan for dry run and apply; apply writes each team through the
 * volunteers module's own createTeamIn / updateTeamIn in the import's transaction (their checks and
 * audit events), parents first.
 */
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Db } from '../../db/in-transaction.ts';
import type { Caller } from '../../shared/actor.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import { LEVEL_PREFIX_LENGTH } from '../../shared/region-code.ts';
import { normaliseMobile, phoneLookupHash } from '../auth/account-phone.ts';
import { createTeamIn, updateTeamIn } from '../volunteers/teams.service.ts';
import type { ImportPlan, PlannedRow, ProgressFn } from './import-plan.ts';
import { regionsForRows } from './import-regions.ts';
import type { SheetRow } from './import-sheet.ts';
import { regionCellIndex } from './region-cell.rules.ts';
import {
  checkTeamRow,
  planTeamRows,
  type ExistingTeam,
  type LeaderRef,
  type TeamRowPlan,
} from './team-rows.rules.ts';
import { underAnyPrefix } from '../../shared/region-range.ts';

export const TEAM_LEVELS = ['district', 'town', 'village', 'grid'] as const;

export interface TeamWork {
  plan: ImportPlan;
  /** Creates and changes, parents before children. */
  writes: Extract<TeamRowPlan, { action: 'create' | 'change' }>[];
}

/** Accounts by the mobiles the file names (by their phone, else their username). */
async function leadersByMobile(db: Db, pii: PiiCipher, mobiles: readonly string[]) {
  const out = new Map<string, LeaderRef>();
  const list = [...new Set(mobiles)];
  for (let i = 0; i < list.length; i += 500) {
    const slice = list.slice(i, i + 500);
    const byHash = new Map(slice.map((m) => [phoneLookupHash(pii, m), m]));
    const rows = await db
      .selectFrom('accounts')
      .select(['id', 'display_name', 'status', 'username', 'phone_hash'])
      .where((eb) =>
        eb.or([eb('phone_hash', 'in', [...byHash.keys()]), eb('username', 'in', slice)]),
      )
      .execute();
    const leaders = new Set(
      rows.length === 0
        ? []
        : (
            await db
              .selectFrom('role_grants')
              .select('account_id')
              .where('role', '=', 'team_leader')
              .where(
                'account_id',
                'in',
                rows.map((r) => r.id),
              )
              .execute()
          ).map((g) => g.account_id),
    );
    for (const r of rows) {
      const mobile = (r.phone_hash ? byHash.get(r.phone_hash) : undefined) ?? r.username;
      if (out.has(mobile) && r.phone_hash === null) continue; // the phone wins over a username
      out.set(mobile, {
        id: r.id,
        displayName: r.display_name,
        isLeader: r.status === 'active' && leaders.has(r.id),
      });
    }
  }
  return out;
}

async function teamsInReach(db: Db, reach: readonly string[]): Promise<ExistingTeam[]> {
  let q = db
    .selectFrom('vs_teams as t')
    .innerJoin('regions as r', 'r.code', 't.region_code')
    .select([
      't.id',
      't.parent_id',
      't.kind',
      't.name',
      't.region_code',
      'r.level',
      't.category_code',
      't.leader_account_id',
      't.organisation_name',
      't.person_in_charge',
      't.contact_phone',
      't.description',
    ]);
  if (!reach.includes('')) q = q.where(underAnyPrefix('t.region_code', reach));
  return (await q.execute()).map((t) => ({
    id: t.id,
    parentId: t.parent_id,
    kind: t.kind,
    name: t.name,
    regionCode: t.region_code,
    regionPrefix: t.region_code.slice(0, LEVEL_PREFIX_LENGTH[t.level]),
    categoryCode: t.category_code,
    leaderAccountId: t.leader_account_id,
    organisationName: t.organisation_name,
    personInCharge: t.person_in_charge,
    contactPhone: t.contact_phone,
    description: t.description,
  }));
}

export async function planTeamImport(
  ctx: { db: Db; pii: PiiCipher; reach: readonly string[]; onProgress?: ProgressFn | undefined },
  rows: readonly SheetRow[],
): Promise<TeamWork> {
  const regions = regionCellIndex(
    await regionsForRows(ctx.db, ctx.reach, rows, 'region', TEAM_LEVELS),
    TEAM_LEVELS,
  );
  const categories = (
    await ctx.db
      .selectFrom('vs_categories')
      .select(['code', 'name_zh', 'name_en', 'region_code'])
      .where('active', '=', 1)
      .execute()
  ).map((c) => ({
    code: c.code,
    nameZh: c.name_zh,
    nameEn: c.name_en,
    regionCode: c.region_code,
  }));
  const mobiles = rows.flatMap((r) => {
    const m = normaliseMobile((r.values.leaderPhone ?? '').trim());
    return m ? [m] : [];
  });
  const leaders = await leadersByMobile(ctx.db, ctx.pii, mobiles);
  ctx.onProgress?.({ phase: 'check', done: 0, total: rows.length });
  const checked = rows.map((r) => ({
    row: r.row,
    label: r.values.name ?? '',
    check: checkTeamRow(r.values, { regions, reach: ctx.reach, categories, leaders }),
  }));
  const clean = checked.flatMap((c) => (c.check.ok ? [{ row: c.row, value: c.check.value }] : []));
  const tree = planTeamRows(clean, await teamsInReach(ctx.db, ctx.reach));
  const whoOf = new Map(
    clean.map((c) => [
      c.row,
      `${c.value.name}（${regions.byCode.get(c.value.regionCode)?.name ?? c.value.regionCode}）`,
    ]),
  );
  const planned: PlannedRow[] = [];
  const counts = { create: 0, change: 0, unchanged: 0, refused: 0 };
  for (const c of checked)
    if (!c.check.ok) {
      counts.refused++;
      planned.push({ row: c.row, action: 'refused', who: c.label, reasons: c.check.reasons });
    }
  const writes: TeamWork['writes'] = [];
  for (const t of tree) {
    const who = whoOf.get(t.row) ?? '';
    counts[t.action]++;
    switch (t.action) {
      case 'create':
        writes.push(t);
        planned.push({ row: t.row, action: 'create', who });
        break;
      case 'change':
        writes.push(t);
        planned.push({ row: t.row, action: 'change', who, changes: [...t.changes] });
        break;
      case 'unchanged':
        break;
      case 'refused':
        planned.push({ row: t.row, action: 'refused', who, reasons: t.reasons });
        break;
    }
  }
  planned.sort((a, b) => a.row - b.row);
  ctx.onProgress?.({ phase: 'check', done: rows.length, total: rows.length });
  return { plan: { kind: 'teams', total: rows.length, counts, rows: planned }, writes };
}

/** Carries out a clean plan in the caller's transaction, parents first. */
export async function writeTeamImport(
  trx: Transaction<Database>,
  ctx: { actor: Caller; requestId: string | null; now: Date; onProgress?: ProgressFn | undefined },
  work: TeamWork,
): Promise<void> {
  const created = new Map<string, string>();
  const total = work.writes.length;
  let done = 0;
  ctx.onProgress?.({ phase: 'write', done, total });
  for (const w of work.writes) {
    const t = w.team;
    if (w.action === 'create') {
      const parentId = w.parent?.startsWith('row:') ? created.get(w.parent)! : w.parent;
      const team = await createTeamIn(trx, {
        body: {
          kind: t.kind,
          parentId,
          name: t.name,
          regionCode: t.regionCode,
          categoryCode: t.categoryCode,
          leaderAccountId: t.leaderAccountId,
          organisationName: t.organisationName,
          personInCharge: t.personInCharge,
          contactPhone: t.contactPhone,
          description: t.description,
        },
        actor: ctx.actor,
        requestId: ctx.requestId,
        now: ctx.now,
      });
      created.set(`row:${w.row}`, team.id);
    } else {
      await updateTeamIn(trx, {
        id: w.id,
        body: Object.fromEntries(w.changes.map((f) => [f, t[f]])),
        actor: ctx.actor,
        requestId: ctx.requestId,
        now: ctx.now,
      });
    }
    ctx.onProgress?.({ phase: 'write', done: ++done, total });
  }
}
