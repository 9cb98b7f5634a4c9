/**
 * GS-10/GS-13 station windows, pure: a window's default name, what may be done to a window (the web
 * shows only `availableActions`), what the queue screen announces, and whether a clerk's seat at a
 * window covers an instant (the rating device of a window wakes only with that clerk's case).
 */

/** Windows a station may have (numbers 1 … MAX_WINDOWS). */
export const MAX_WINDOWS = 20;

/** 2 → 2号窗口. */
export function defaultWindowName(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > MAX_WINDOWS) throw new RangeError('window number');
  return `${n}号窗口`;
}

export type WindowAction = 'sit' | 'leave' | 'rename' | 'archive';

/**
 * What the caller may do with a window: sit when it is free and open; leave when she sits there;
 * rename and archive an open window nobody sits at (archive) — managers only.
 */
export function windowActions(w: {
  archived: boolean;
  sitterIsMe: boolean;
  taken: boolean;
  canManage: boolean;
}): WindowAction[] {
  if (w.archived) return [];
  const out: WindowAction[] = [];
  if (w.sitterIsMe) out.push('leave');
  else if (!w.taken) out.push('sit');
  if (w.canManage) {
    out.push('rename');
    if (!w.taken) out.push('archive');
  }
  return out;
}

/** What the queue screen says for a called ticket: A001 请到 2号窗口 / A001 to window 2. */
export function callText(
  label: string,
  window: { number: number; name: string } | null,
  desk: string | null,
): { zh: string; en: string } {
  if (window)
    return { zh: `${label} 请到 ${window.name}`, en: `${label} to window ${window.number}` };
  if (desk) return { zh: `${label} 请到 ${desk}`, en: `${label} to ${desk}` };
  return { zh: `${label} 请到窗口`, en: `${label} to the counter` };
}

/** A seat covers an instant when the clerk sat down before it and had not left by then. */
export function seatCovers(seat: { satAt: string; leftAt: string | null }, at: string): boolean {
  const t = Date.parse(at);
  return Date.parse(seat.satAt) <= t && (seat.leftAt === null || Date.parse(seat.leftAt) >= t);
}
