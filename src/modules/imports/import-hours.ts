/**
 * Issue #15 point 3: historic confirmed volunteer hours by Excel — a centre migrating a
 * volunteer's 550 h, or a lead entering offline service after the fact. Each clean row becomes a
 * confirmed service record of the recording team (records/imported-hours.ts), so the team's
 * organisation is on the record and the certificate and stars count the hours from day one. A
 * re-import finds the rows already imported and leaves them; confirmed hours are never changed.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { chinaDate } from '../../shared/china-time.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import {
  importedServiceKey,
  importedServices,
  recordedHalfHoursByDay,
  recordImportedHours,
  type ImportedService,
} from '../records/imported-hours.ts';
import { maskIdNumber, maskPhone } from '../residents/id-number.ts';
import { volunteersByIdOrPhone } from '../volunteers/volunteer-match.ts';
import { checkHoursRow, overDailyCap, type HoursReasonCode } from './hours-rows.rules.ts';
import type { ImportPlan, PlannedRow, ProgressFn } from './import-plan.ts';
import type { SheetRow } from './import-sheet.ts';
import { underAnyPrefix } from '../../shared/region-range.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** A refused row names its volunteer only masked: a plan never carries a full ID number or phone. */
function maskedKey(raw: string): string {
  const v = raw.replace(/\s/g, '');
  if (/^1\d{10}$/.test(v)) return maskPhone(v);
  return v.length >= 10 ? maskIdNumber(v.toUpperCase()) : '';
}

export interface HoursPlanContext {
  db: Db;
  pii: PiiCipher;
  reach: readonly string[];
  /** Who confirms: the importer's account; null from the CLI (then each team's leader). */
  accountId: string | null;
  now: Date;
  onProgress?: ProgressFn | undefined;
}

export interface HoursWork {
  plan: ImportPlan;
  services: ImportedService[];
  teams: Map<string, { regionCode: string; confirmerId: string }>;
}

async function teamsInReach(db: Db, reach: readonly string[]) {
  let q = db
    .selectFrom('vs_teams')
    .select(['id', 'name', 'region_code', 'leader_account_id'])
    .where('active', '=', 1);
  if (!reach.includes('')) q = q.where(underAnyPrefix('region_code', reach));
  return q.execute();
}

export async function planHoursImport(
  ctx: HoursPlanContext,
  rows: readonly SheetRow[],
): Promise<HoursWork> {
  const today = chinaDate(ctx.now);
  const checked = rows.map((r) => ({
    row: r.row,
    values: r.values,
    check: checkHoursRow(r.values, { today }),
  }));
  const clean = checked.flatMap((c) => (c.check.ok ? [{ row: c.row, value: c.check.value }] : []));
  const { byId, byPhone } = await volunteersByIdOrPhone(ctx.db, ctx.pii, {
    idNumbers: [
      ...new Set(
        clean.filter((c) => c.value.volunteer.kind === 'id').map((c) => c.value.volunteer.value),
      ),
    ],
    phones: [
      ...new Set(
        clean.filter((c) => c.value.volunteer.kind === 'phone').map((c) => c.value.volunteer.value),
      ),
    ],
  });
  const teams = await teamsInReach(ctx.db, ctx.reach);
  const teamsByName = new Map<string, typeof teams>();
  for (const t of teams) teamsByName.set(t.name, [...(teamsByName.get(t.name) ?? []), t]);

  const reasons = new Map<number, HoursReasonCode[]>();
  const refuse = (row: number, code: HoursReasonCode) =>
    reasons.set(row, [...(reasons.get(row) ?? []), code]);
  for (const c of checked) if (!c.check.ok) reasons.set(c.row, c.check.reasons);
  const resolved: { row: number; service: ImportedService; who: string }[] = [];
  const teamOf = new Map<string, { regionCode: string; confirmerId: string }>();
  for (const c of clean) {
    const v = c.value.volunteer;
    const matches =
      v.kind === 'id'
        ? byId.get(v.value)
          ? [byId.get(v.value)!]
          : []
        : (byPhone.get(v.value) ?? []);
    if (matches.length === 0) refuse(c.row, 'VOLUNTEER_UNKNOWN');
    else if (matches.length > 1) refuse(c.row, 'VOLUNTEER_AMBIGUOUS');
    const named = teamsByName.get(c.value.team) ?? [];
    if (named.length === 0) refuse(c.row, 'TEAM_UNKNOWN');
    else if (named.length > 1) refuse(c.row, 'TEAM_AMBIGUOUS');
    const team = named.length === 1 ? named[0]! : null;
    const confirmerId = ctx.accountId ?? team?.leader_account_id ?? null;
    if (team && !confirmerId) refuse(c.row, 'TEAM_WITHOUT_LEADER');
    if (reasons.has(c.row) || !team || !confirmerId || matches.length !== 1) continue;
    teamOf.set(team.id, { regionCode: team.region_code, confirmerId });
    const volunteer = matches[0]!;
    resolved.push({
      row: c.row,
      who: `${volunteer.fullName} ${volunteer.idMasked}`,
      service: {
        volunteerId: volunteer.id,
        teamId: team.id,
        date: c.value.date,
        halfHours: c.value.halfHours,
        content: c.value.content,
        place: c.value.place,
      },
    });
  }
  // Duplicates in the file, earlier imports, the daily cap.
  const volunteerIds = [...new Set(resolved.map((r) => r.service.volunteerId))];
  const earlier = await importedServices(ctx.db, volunteerIds);
  const recorded = await recordedHalfHoursByDay(ctx.db, volunteerIds);
  const firstRow = new Map<string, number>();
  const fresh: typeof resolved = [];
  const unchanged = new Set<number>();
  const detail = new Map<number, string>();
  for (const r of resolved) {
    const key = importedServiceKey(r.service);
    const first = firstRow.get(key);
    if (first !== undefined) {
      refuse(r.row, 'SERVICE_DUPLICATE_IN_FILE');
      detail.set(r.row, String(first));
      continue;
    }
    firstRow.set(key, r.row);
    const before = earlier.get(key);
    if (before === r.service.halfHours) unchanged.add(r.row);
    else if (before !== undefined) refuse(r.row, 'ALREADY_IMPORTED_DIFFERENT');
    else fresh.push(r);
  }
  const over = overDailyCap(
    fresh.map((r) => ({
      row: r.row,
      key: `${r.service.volunteerId} ${r.service.date}`,
      halfHours: r.service.halfHours,
    })),
    recorded,
  );
  for (const row of over) refuse(row, 'HOURS_OVER_DAILY_CAP');

  const planned: PlannedRow[] = [];
  const whoOf = new Map(resolved.map((r) => [r.row, r.who]));
  const services: ImportedService[] = [];
  for (const c of checked) {
    const why = reasons.get(c.row);
    if (why)
      planned.push({
        row: c.row,
        action: 'refused',
        who: whoOf.get(c.row) ?? maskedKey(c.values.volunteer ?? ''),
        reasons: why.map((code) => ({
          code,
          ...(detail.has(c.row) && code === 'SERVICE_DUPLICATE_IN_FILE'
            ? { detail: detail.get(c.row)! }
            : {}),
        })),
      });
  }
  for (const r of fresh)
    if (!reasons.has(r.row)) {
      services.push(r.service);
      planned.push({ row: r.row, action: 'create', who: r.who });
    }
  planned.sort((a, b) => a.row - b.row);
  const refused = planned.filter((p) => p.action === 'refused').length;
  ctx.onProgress?.({ phase: 'check', done: rows.length, total: rows.length });
  return {
    plan: {
      kind: 'hours',
      total: rows.length,
      counts: { create: services.length, change: 0, unchanged: unchanged.size, refused },
      rows: planned,
    },
    services,
    teams: teamOf,
  };
}

export async function writeHoursImport(
  trx: Transaction<Database>,
  ctx: { pii: PiiCipher; importId: string; now: Date; onProgress?: ProgressFn | undefined },
  work: HoursWork,
): Promise<void> {
  ctx.onProgress?.({ phase: 'write', done: 0, total: work.services.length });
  await recordImportedHours(trx, ctx.pii, {
    services: work.services,
    teams: work.teams,
    importId: ctx.importId,
    now: ctx.now,
  });
  ctx.onProgress?.({ phase: 'write', done: work.services.length, total: work.services.length });
}
