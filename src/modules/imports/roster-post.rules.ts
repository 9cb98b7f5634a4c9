/**
 * Issue #15 point 4, the staff roster's 岗位 column: the GS-11 AB post a person holds at their
 * station, written "综合窗口A岗" / "综合窗口 B岗" / "综合窗口（A）". A post has an A and a B holder
 * (posts.rules.ts), two different people with a holder role at that station (posts.access.ts
 * HOLDER_ROLES): a row names an existing post of its station and takes its slot, or — a post the
 * station does not have yet — the file names both its A and its B holder and the import creates it.
 * No I/O.
 */
import type { Role } from '../../shared/roles.ts';
import { HOLDER_ROLES } from '../posts/posts.access.ts';

export const POST_REASONS = {
  STAFF_POST_FORMAT: {
    zh: '岗位应写作“岗位名称 + A岗/B岗”，如“综合窗口A岗”（名称最多 40 字）',
    en: 'Post as "name + A or B", e.g. "General window A" (name 40 characters at most)',
  },
  STAFF_POST_NEEDS_STATION: {
    zh: 'AB 岗设在站点：填写岗位时须填写所属站点',
    en: 'A post belongs to a station: give the station with the post',
  },
  STAFF_POST_HOLDER_ROLE: {
    zh: '岗位的 A、B 岗须由村级专管员、镇中心工作人员或代办员担任',
    en: 'A post is held by a clerk, a town officer or an agent',
  },
  STAFF_POST_SLOT_TWICE: {
    zh: '文件中另一行已担任同一站点同一岗位的同一 A/B 岗',
    en: 'Another row of the file takes the same slot of the same post',
  },
  STAFF_POST_PAIR_MISSING: {
    zh: '该站点还没有这个岗位：新岗位须在同一文件中同时填写 A 岗和 B 岗',
    en: 'The station has no such post yet: a new post needs both its A and its B holder in the file',
  },
  STAFF_POST_HOLDERS_SAME: {
    zh: '同一人不能同时担任一个岗位的 A 岗和 B 岗',
    en: 'One person cannot hold both the A and the B slot of a post',
  },
} as const satisfies Record<string, { zh: string; en: string }>;

export type PostReasonCode = keyof typeof POST_REASONS;
export type PostSlot = 'a' | 'b';

export interface RosterPost {
  name: string;
  slot: PostSlot;
}

const CELL = /^(.+?)[\s·・\-—_（(]*([AaBbＡＢａｂ])\s*(?:岗位|岗|角|角色|holder|slot)?\s*[)）]?$/u;

/** "综合窗口A岗" → { 综合窗口, a }; '' → undefined; not understood → null. */
export function parsePostCell(raw: string): RosterPost | null | undefined {
  const text = raw.normalize('NFKC').replace(/\s+/g, ' ').trim();
  if (text === '') return undefined;
  const m = CELL.exec(text);
  if (!m) return null;
  const name = m[1]!.trim();
  if (name === '' || [...name].length > 40) return null;
  return { name, slot: m[2]!.toLowerCase() === 'a' ? 'a' : 'b' };
}

/** "综合窗口 A岗": how a plan names the post. */
export const postLabel = (p: RosterPost) => `${p.name} ${p.slot.toUpperCase()}岗`;

/** The row-level reasons of a post cell, given the row's station and roles. */
export function checkRosterPost(
  raw: string,
  ctx: { hasStation: boolean; roles: readonly (Role | null)[] },
): { ok: true; post: RosterPost | null } | { ok: false; reasons: PostReasonCode[] } {
  const post = parsePostCell(raw);
  if (post === undefined) return { ok: true, post: null };
  const reasons: PostReasonCode[] = [];
  if (post === null) reasons.push('STAFF_POST_FORMAT');
  if (!ctx.hasStation) reasons.push('STAFF_POST_NEEDS_STATION');
  if (!ctx.roles.some((r) => r !== null && (HOLDER_ROLES as readonly Role[]).includes(r)))
    reasons.push('STAFF_POST_HOLDER_ROLE');
  return reasons.length > 0 || !post ? { ok: false, reasons } : { ok: true, post };
}

export interface ExistingPost {
  id: string;
  stationId: string;
  name: string;
  aAccountId: string;
  bAccountId: string;
}

/** A clean roster row with a post: who (an existing account, or the row's new one). */
export interface PostClaim {
  row: number;
  stationId: string;
  post: RosterPost;
  /** The existing account of the row's mobile; null: the import creates it. */
  accountId: string | null;
}

/** Who holds a slot: an existing account, or the account a row of the file creates. */
export type Holder = { accountId: string } | { row: number };

export type PostAssignment =
  | { kind: 'create'; stationId: string; name: string; a: Holder; b: Holder; rows: number[] }
  | { kind: 'update'; id: string; a: Holder | null; b: Holder | null; rows: number[] };

export interface PostPlan {
  /** Rows whose claim changes nothing (the slot already theirs). */
  unchanged: Set<number>;
  refused: Map<number, { code: PostReasonCode; detail?: string }[]>;
  assignments: PostAssignment[];
}

const sameHolder = (x: Holder, y: Holder) =>
  'accountId' in x && 'accountId' in y
    ? x.accountId === y.accountId
    : 'row' in x && 'row' in y && x.row === y.row;

/**
 * The file's claims on posts: one row per slot; an existing post takes the rows' slots (the other
 * slot stays), a new post needs both; A and B never the same person.
 */
export function planRosterPosts(
  claims: readonly PostClaim[],
  existing: readonly ExistingPost[],
): PostPlan {
  const plan: PostPlan = { unchanged: new Set(), refused: new Map(), assignments: [] };
  const refuse = (row: number, code: PostReasonCode, detail?: string) =>
    plan.refused.set(row, [
      ...(plan.refused.get(row) ?? []),
      { code, ...(detail ? { detail } : {}) },
    ]);
  const groups = new Map<string, PostClaim[]>();
  for (const c of claims) {
    const key = `${c.stationId}\u0000${c.post.name}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  for (const group of groups.values()) {
    const slot: Partial<Record<PostSlot, PostClaim>> = {};
    for (const c of group) {
      const first = slot[c.post.slot];
      if (first) refuse(c.row, 'STAFF_POST_SLOT_TWICE', String(first.row));
      else slot[c.post.slot] = c;
    }
    const { stationId, post } = group[0]!;
    const holderOf = (c: PostClaim): Holder =>
      c.accountId ? { accountId: c.accountId } : { row: c.row };
    const current = existing.find((p) => p.stationId === stationId && p.name === post.name);
    const claimed = [slot.a, slot.b].filter((c): c is PostClaim => c !== undefined);
    if (!current) {
      if (!slot.a || !slot.b) {
        for (const c of claimed) refuse(c.row, 'STAFF_POST_PAIR_MISSING');
        continue;
      }
      const a = holderOf(slot.a);
      const b = holderOf(slot.b);
      if (sameHolder(a, b)) {
        for (const c of claimed) refuse(c.row, 'STAFF_POST_HOLDERS_SAME');
        continue;
      }
      plan.assignments.push({
        kind: 'create',
        stationId,
        name: post.name,
        a,
        b,
        rows: claimed.map((c) => c.row),
      });
      continue;
    }
    const a: Holder = slot.a ? holderOf(slot.a) : { accountId: current.aAccountId };
    const b: Holder = slot.b ? holderOf(slot.b) : { accountId: current.bAccountId };
    if (sameHolder(a, b)) {
      for (const c of claimed) refuse(c.row, 'STAFF_POST_HOLDERS_SAME');
      continue;
    }
    const changedA = slot.a && !sameHolder(a, { accountId: current.aAccountId });
    const changedB = slot.b && !sameHolder(b, { accountId: current.bAccountId });
    if (slot.a && !changedA) plan.unchanged.add(slot.a.row);
    if (slot.b && !changedB) plan.unchanged.add(slot.b.row);
    if (changedA || changedB)
      plan.assignments.push({
        kind: 'update',
        id: current.id,
        a: changedA ? a : null,
        b: changedB ? b : null,
        rows: [changedA ? slot.a!.row : null, changedB ? slot.b!.row : null].filter(
          (r): r is number => r !== null,
        ),
      });
  }
  return plan;
}
