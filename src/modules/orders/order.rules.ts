/**
 * Pure rules of VS-5 派单/抢单 beside the workflow (order.workflow.ts): the dispatch windows, the
 * region an open order escalates to, who may grab, and human-friendly numbers. No I/O here.
 */
import crypto from 'node:crypto';
import type { RegionLevel, VsOrderState } from '../../db/schema.ts';
import { LEVEL_ORDER, levelOfCode, scopePrefix } from '../../shared/region-code.ts';

/** Coded reasons a team may give when it declines a directed order. */
export const DECLINE_REASONS = [
  'no_capacity',
  'skills_mismatch',
  'schedule_conflict',
  'out_of_area',
  'other',
] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

export const DEFAULT_WINDOW_HOURS = 24;

/** When a directed or open window that starts `now` ends. */
export function windowEnd(now: Date, hours: number = DEFAULT_WINDOW_HOURS): string {
  if (!Number.isFinite(hours) || hours <= 0) throw new RangeError('window hours must be > 0');
  return new Date(now.getTime() + hours * 3_600_000).toISOString();
}

/** Whether a window has passed at `now` (a missing window never expires). */
export function windowPassed(windowEndsAt: string | null, now: Date): boolean {
  return windowEndsAt !== null && Date.parse(windowEndsAt) <= now.getTime();
}

/** The canonical 12-digit code of the region at `level` that contains `code`. */
export function ancestorAt(code: string, level: RegionLevel): string {
  const prefix = scopePrefix(code, level);
  return prefix.padEnd(12, '0');
}

/**
 * Where an order first opens for grabbing: its town (town-level ancestor), so that every team of
 * the town — the village teams and the town's own — may grab it. An order placed at district
 * level or above opens at its own region.
 */
export function initialGrabRegion(orderRegion: string): string {
  const level = levelOfCode(orderRegion);
  if (level === null) throw new RangeError(`not a region code: ${orderRegion}`);
  const depth = LEVEL_ORDER.indexOf(level);
  return depth > LEVEL_ORDER.indexOf('town') ? ancestorAt(orderRegion, 'town') : orderRegion;
}

/** One region level up (town → district → city → province), or null at the top. */
export function escalatedGrabRegion(grabRegion: string): string | null {
  const level = levelOfCode(grabRegion);
  if (level === null) return null;
  const depth = LEVEL_ORDER.indexOf(level);
  if (depth <= 0) return null;
  return ancestorAt(grabRegion, LEVEL_ORDER[depth - 1]!);
}

/** The prefix every team region inside the grab region starts with. */
export function grabPrefix(grabRegion: string): string {
  const level = levelOfCode(grabRegion);
  if (level === null) throw new RangeError(`not a region code: ${grabRegion}`);
  return scopePrefix(grabRegion, level);
}

/** Whether a team may grab an open order: active, same category, inside the grab region. */
export function teamMayGrab(
  team: { active: number; kind: string; category_code: string | null; region_code: string },
  order: { category_code: string; grab_region_code: string | null },
): boolean {
  if (team.active !== 1 || team.kind === 'corps') return false;
  if (team.category_code !== order.category_code) return false;
  if (!order.grab_region_code) return false;
  return team.region_code.startsWith(grabPrefix(order.grab_region_code));
}

/** The sweep's step for an order at its current version: a directed window → open, open → escalate. */
export function sweepStep(order: {
  state: VsOrderState;
  version: number;
}): { step: string; action: 'sweep_open' | 'sweep_escalate' } | null {
  if (order.state === 'directed') return { step: `open:v${order.version}`, action: 'sweep_open' };
  if (order.state === 'open')
    return { step: `escalate:v${order.version}`, action: 'sweep_escalate' };
  return null;
}

const NUMBER_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'; // no 0/O, 1/I/L

/** Human-friendly numbers: XQ-260302-7K3P (需求 need) and PD-260302-Q8M2 (派单 order), China date. */
export function humanNumber(
  prefix: 'XQ' | 'PD',
  now: Date,
  random = crypto.randomBytes(5),
): string {
  const china = new Date(now.getTime() + 8 * 3_600_000);
  const ymd = china.toISOString().slice(2, 10).replaceAll('-', '');
  let tail = '';
  for (const b of random) tail += NUMBER_ALPHABET[b % NUMBER_ALPHABET.length];
  return `${prefix}-${ymd}-${tail}`;
}

const CHINA_OFFSET_MS = 8 * 3_600_000;

/**
 * Issue #11: a wanted service time may not lie in the past, judged in China time. Refused when the
 * window starts on a China day before today, or when it is already over (its end — or its start
 * when it has no end — is before now). A window that began earlier today and ends later is fine:
 * "come this afternoon" ordered at 15:05 with a 15:00–17:00 window.
 */
export function wantedInPast(
  wanted: { from?: string | undefined; to?: string | undefined },
  now: Date,
): boolean {
  const from = wanted.from === undefined ? null : Date.parse(wanted.from);
  const to = wanted.to === undefined ? null : Date.parse(wanted.to);
  const todayStart =
    Math.floor((now.getTime() + CHINA_OFFSET_MS) / 86_400_000) * 86_400_000 - CHINA_OFFSET_MS;
  if (from !== null && from < todayStart) return true;
  const end = to ?? from;
  return end !== null && end < now.getTime();
}
