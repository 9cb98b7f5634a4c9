/**
 * Issue #15 point 3, volunteer teams by Excel: the pure rules of one row (name, kind, region in the
 * importer's reach, category usable there, leader by mobile, person in charge and contact phone),
 * then the file as a tree — each row's parent (an existing team or another row, in any order), the
 * kind the parent allows (总队 → 队伍 → 分队, as createTeam checks), the region inside the
 * parent's — and what each row does (create / change / unchanged / refused). A team is the same
 * team when its name, region and parent are. No I/O.
 */
import { levelOfCode, scopePrefix } from '../../shared/region-code.ts';
import { normaliseMobile } from '../auth/account-phone.ts';
import { PHONE_PATTERN } from './resident-rows.rules.ts';
import {
  regionPrefixOf,
  resolveRegionCell,
  type RegionCellIndex,
  type RegionCellProblem,
} from './region-cell.rules.ts';

import type { TeamReason, TeamReasonCode } from './team-reasons.ts';
import { isUuid } from '../../shared/uuid.ts';

export { TEAM_REASONS, type TeamReason, type TeamReasonCode } from './team-reasons.ts';

export type TeamKind = 'corps' | 'team' | 'subteam';

const KIND_WORDS: Record<string, TeamKind> = {
  总队: 'corps',
  志愿服务总队: 'corps',
  corps: 'corps',
  队伍: 'team',
  队: 'team',
  服务队: 'team',
  志愿服务队: 'team',
  team: 'team',
  分队: 'subteam',
  小分队: 'subteam',
  subteam: 'subteam',
  'sub-team': 'subteam',
};

/** "总队" / "分队" / "team" → the kind; '' → undefined (follows the parent); else null. */
export function parseTeamKind(raw: string): TeamKind | null | undefined {
  const t = raw.trim().toLowerCase();
  if (t === '') return undefined;
  return KIND_WORDS[t] ?? null;
}

/** What the kind of a row with this parent is when the file leaves it empty. */
export function defaultKind(parentKind: TeamKind | null): TeamKind | null {
  if (parentKind === null) return 'team';
  if (parentKind === 'corps') return 'team';
  if (parentKind === 'team') return 'subteam';
  return null;
}

/** createTeam's rule: a corps has no parent, a team's parent is a corps (or none), a sub-team's a team. */
export function kindFitsParent(kind: TeamKind, parentKind: TeamKind | null): boolean {
  if (kind === 'corps') return parentKind === null;
  if (kind === 'team') return parentKind === null || parentKind === 'corps';
  return parentKind === 'team';
}

export interface CategoryRef {
  code: string;
  nameZh: string;
  nameEn: string;
  /** The owner region (a centre's own category); null = national. */
  regionCode: string | null;
}

export interface LeaderRef {
  id: string;
  displayName: string;
  /** An active account holding the team_leader role. */
  isLeader: boolean;
}

export interface TeamRowContext {
  regions: RegionCellIndex;
  reach: readonly string[];
  categories: readonly CategoryRef[];
  /** Accounts by normalised mobile. */
  leaders: ReadonlyMap<string, LeaderRef>;
}

export interface TeamRowValue {
  name: string;
  /** Undefined: follows the parent. */
  kind: TeamKind | undefined;
  /** The parent cell (a name or a team id); null: none. */
  parent: string | null;
  regionCode: string;
  regionPrefix: string;
  categoryCode: string | null;
  leaderAccountId: string | null;
  personInCharge: string | null;
  contactPhone: string | null;
  organisationName: string | null;
  description: string | null;
}

const REGION_REASON: Record<RegionCellProblem, TeamReasonCode> = {
  missing: 'TEAM_REGION_MISSING',
  unknown: 'TEAM_REGION_UNKNOWN',
  ambiguous: 'TEAM_REGION_AMBIGUOUS',
  level: 'TEAM_REGION_LEVEL',
  out_of_scope: 'TEAM_REGION_OUT_OF_SCOPE',
};

function ownerPrefix(code: string): string {
  const level = levelOfCode(code);
  return level ? scopePrefix(code, level) : code;
}

/** A category by code or by its Chinese or English name, usable in the region (as assertCategory). */
export function resolveCategory(
  raw: string,
  categories: readonly CategoryRef[],
  regionCode: string | null,
): { ok: true; code: string | null } | { ok: false; reason: TeamReasonCode } {
  const t = raw.trim();
  if (t === '') return { ok: true, code: null };
  const named = categories.filter(
    (c) => c.code === t || c.nameZh === t || c.nameEn.toLowerCase() === t.toLowerCase(),
  );
  const usable = named.filter(
    (c) => c.regionCode === null || (regionCode ?? '').startsWith(ownerPrefix(c.regionCode)),
  );
  if (usable.length >= 1) return { ok: true, code: usable[0]!.code };
  return {
    ok: false,
    reason: named.length > 0 ? 'TEAM_CATEGORY_OUT_OF_REGION' : 'TEAM_CATEGORY_UNKNOWN',
  };
}

const clean = (v: string | undefined) => (v ?? '').replace(/\s+/g, ' ').trim();

/** Every reason a row is refused on its own, or its clean value. */
export function checkTeamRow(
  values: Readonly<Record<string, string | undefined>>,
  ctx: TeamRowContext,
): { ok: true; value: TeamRowValue } | { ok: false; reasons: TeamReason[] } {
  const reasons: TeamReason[] = [];
  const name = clean(values.name);
  if (name === '') reasons.push({ code: 'TEAM_NAME_MISSING' });
  else if ([...name].length > 100) reasons.push({ code: 'TEAM_NAME_TOO_LONG' });
  const kind = parseTeamKind(values.kind ?? '');
  if (kind === null) reasons.push({ code: 'TEAM_KIND_UNKNOWN' });
  const region = resolveRegionCell(values.region ?? '', ctx.regions, ctx.reach);
  if (!region.ok) reasons.push({ code: REGION_REASON[region.problem] });
  const category = resolveCategory(
    values.category ?? '',
    ctx.categories,
    region.ok ? region.region.code : null,
  );
  if (!category.ok && region.ok) reasons.push({ code: category.reason });
  const leaderRaw = (values.leaderPhone ?? '').trim();
  let leader: LeaderRef | null = null;
  let leaderMobile: string | null = null;
  if (leaderRaw !== '') {
    leaderMobile = normaliseMobile(leaderRaw);
    if (!leaderMobile) reasons.push({ code: 'TEAM_LEADER_PHONE_INVALID' });
    else {
      leader = ctx.leaders.get(leaderMobile) ?? null;
      if (!leader) reasons.push({ code: 'TEAM_LEADER_UNKNOWN' });
      else if (!leader.isLeader) reasons.push({ code: 'TEAM_LEADER_NOT_LEADER' });
    }
  }
  const person = clean(values.personInCharge);
  if ([...person].length > 50) reasons.push({ code: 'TEAM_PERSON_TOO_LONG' });
  else if (person === '' && leaderRaw === '') reasons.push({ code: 'TEAM_PERSON_MISSING' });
  const contact = (values.contactPhone ?? '').replace(/[\s()（）]/g, '');
  if (contact !== '' && !PHONE_PATTERN.test(contact))
    reasons.push({ code: 'TEAM_CONTACT_INVALID' });
  else if (contact === '' && leaderRaw === '') reasons.push({ code: 'TEAM_CONTACT_MISSING' });
  const organisation = clean(values.organisation);
  if ([...organisation].length > 100) reasons.push({ code: 'TEAM_ORGANISATION_TOO_LONG' });
  const description = (values.description ?? '').trim();
  if ([...description].length > 1000) reasons.push({ code: 'TEAM_DESCRIPTION_TOO_LONG' });
  if (reasons.length > 0 || !region.ok || !category.ok || kind === null)
    return { ok: false, reasons };
  const parent = clean(values.parent);
  return {
    ok: true,
    value: {
      name,
      kind,
      parent: parent === '' ? null : parent,
      regionCode: region.region.code,
      regionPrefix: regionPrefixOf(region.region),
      categoryCode: category.code,
      leaderAccountId: leader?.id ?? null,
      personInCharge: person !== '' ? person : (leader?.displayName ?? null),
      contactPhone: contact !== '' ? contact : leaderMobile,
      organisationName: organisation === '' ? null : organisation,
      description: description === '' ? null : description,
    },
  };
}

/** A team already in the registry (in the importer's reach), as the plan compares it. */
export interface ExistingTeam {
  id: string;
  parentId: string | null;
  kind: TeamKind;
  name: string;
  regionCode: string;
  regionPrefix: string;
  categoryCode: string | null;
  leaderAccountId: string | null;
  organisationName: string;
  personInCharge: string;
  contactPhone: string;
  description: string;
}

export const TEAM_FIELDS = [
  'categoryCode',
  'leaderAccountId',
  'organisationName',
  'personInCharge',
  'contactPhone',
  'description',
] as const;
export type TeamField = (typeof TEAM_FIELDS)[number];

/** The full values a row writes (empty cells take the registered value, or a default). */
export interface TeamToWrite {
  kind: TeamKind;
  name: string;
  regionCode: string;
  categoryCode: string | null;
  leaderAccountId: string | null;
  organisationName: string;
  personInCharge: string;
  contactPhone: string;
  description: string;
}

export type TeamRowPlan =
  | {
      row: number;
      action: 'create';
      /** The parent: an existing team's id, or `row:N` for a team created by row N. */
      parent: string | null;
      team: TeamToWrite;
    }
  | { row: number; action: 'change'; id: string; changes: TeamField[]; team: TeamToWrite }
  | { row: number; action: 'unchanged'; id: string }
  | { row: number; action: 'refused'; reasons: TeamReason[] };

interface Node {
  /** An existing team's id, or `row:N`. */
  ref: string;
  kind: TeamKind;
  regionPrefix: string;
  organisationName: string;
}

/**
 * The file as a tree: rows are settled once their parent is (an existing team, or a row settled
 * before), so the answer lists parents before their children whatever the file's order — apply
 * writes in this order. Names a parent cell may mean: existing teams of that name, and rows of
 * that name that are not an existing team (same name and region).
 */
export function planTeamRows(
  rows: readonly { row: number; value: TeamRowValue }[],
  existing: readonly ExistingTeam[],
): TeamRowPlan[] {
  const out: TeamRowPlan[] = [];
  const settled = new Map<number, Node | null>(); // null: refused
  const existingById = new Map(existing.map((t) => [t.id, t]));
  const isExisting = (v: TeamRowValue) =>
    existing.some((t) => t.name === v.name && t.regionCode === v.regionCode);
  const candidates = (name: string): ({ row: number } | { team: ExistingTeam })[] => [
    ...existing.filter((t) => t.name === name).map((team) => ({ team })),
    ...rows
      .filter((r) => r.value.name === name && !isExisting(r.value))
      .map((r) => ({ row: r.row })),
  ];
  const nodeOf = (t: ExistingTeam): Node => ({
    ref: t.id,
    kind: t.kind,
    regionPrefix: t.regionPrefix,
    organisationName: t.organisationName,
  });
  const seen = new Map<string, number>();
  const refuse = (row: number, reasons: TeamReason[]) => {
    settled.set(row, null);
    out.push({ row, action: 'refused', reasons });
  };

  const settle = (r: { row: number; value: TeamRowValue }, parent: Node | null) => {
    const v = r.value;
    const kind = v.kind ?? defaultKind(parent?.kind ?? null);
    if (!kind || !kindFitsParent(kind, parent?.kind ?? null))
      return refuse(r.row, [{ code: 'TEAM_KIND_PARENT' }]);
    if (parent && !v.regionCode.startsWith(parent.regionPrefix))
      return refuse(r.row, [{ code: 'TEAM_PARENT_REGION' }]);
    const key = `${v.name}\u0000${v.regionCode}\u0000${parent?.ref ?? ''}`;
    const first = seen.get(key);
    if (first !== undefined)
      return refuse(r.row, [{ code: 'TEAM_DUPLICATE_IN_FILE', detail: String(first) }]);
    seen.set(key, r.row);
    const match = existing.find(
      (t) =>
        t.name === v.name &&
        t.regionCode === v.regionCode &&
        (t.parentId ?? '') === (parent?.ref ?? ''),
    );
    if (match && match.kind !== kind) return refuse(r.row, [{ code: 'TEAM_KIND_DIFFERENT' }]);
    const team: TeamToWrite = {
      kind,
      name: v.name,
      regionCode: v.regionCode,
      categoryCode: v.categoryCode ?? match?.categoryCode ?? null,
      leaderAccountId: v.leaderAccountId ?? match?.leaderAccountId ?? null,
      organisationName:
        v.organisationName ?? match?.organisationName ?? parent?.organisationName ?? v.name,
      personInCharge: v.personInCharge ?? match?.personInCharge ?? '',
      contactPhone: v.contactPhone ?? match?.contactPhone ?? '',
      description: v.description ?? match?.description ?? '',
    };
    settled.set(r.row, {
      ref: match?.id ?? `row:${r.row}`,
      kind,
      regionPrefix: v.regionPrefix,
      organisationName: team.organisationName,
    });
    if (!match) {
      out.push({ row: r.row, action: 'create', parent: parent?.ref ?? null, team });
      return;
    }
    const changes = TEAM_FIELDS.filter((f) => team[f] !== match[f]);
    out.push(
      changes.length === 0
        ? { row: r.row, action: 'unchanged', id: match.id }
        : { row: r.row, action: 'change', id: match.id, changes, team },
    );
  };

  let pending = [...rows];
  for (;;) {
    const waiting: typeof pending = [];
    for (const r of pending) {
      const cell = r.value.parent;
      if (cell === null) {
        settle(r, null);
        continue;
      }
      if (isUuid(cell)) {
        const t = existingById.get(cell);
        if (t) settle(r, nodeOf(t));
        else refuse(r.row, [{ code: 'TEAM_PARENT_UNKNOWN' }]);
        continue;
      }
      const found = candidates(cell);
      if (found.length === 0) {
        refuse(r.row, [{ code: 'TEAM_PARENT_UNKNOWN' }]);
        continue;
      }
      if (found.length > 1) {
        refuse(r.row, [{ code: 'TEAM_PARENT_AMBIGUOUS' }]);
        continue;
      }
      const only = found[0]!;
      if ('team' in only) {
        settle(r, nodeOf(only.team));
        continue;
      }
      if (only.row === r.row) {
        refuse(r.row, [{ code: 'TEAM_PARENT_CYCLE' }]);
        continue;
      }
      if (!settled.has(only.row)) {
        waiting.push(r);
        continue;
      }
      const parent = settled.get(only.row);
      if (parent === null || parent === undefined)
        refuse(r.row, [{ code: 'TEAM_PARENT_REFUSED', detail: String(only.row) }]);
      else settle(r, parent);
    }
    if (waiting.length === pending.length) {
      for (const r of waiting) refuse(r.row, [{ code: 'TEAM_PARENT_CYCLE' }]);
      break;
    }
    if (waiting.length === 0) break;
    pending = waiting;
  }
  return out;
}
