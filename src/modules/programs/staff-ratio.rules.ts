/**
 * CP-4 the staff:child ratio from actual check-ins, never from the plan. Given when each staff
 * member and each child was actually there (check-in to check-out; still there = until `until`),
 * the moments of a session at which present children exceed `childrenPerStaff` per present staff
 * member. Pure.
 */

export interface Presence {
  from: string;
  /** null: still there (counted until `until`). */
  to: string | null;
}

export interface RatioWarning {
  from: string;
  to: string;
  staff: number;
  children: number;
}

function clip(p: Presence, start: number, until: number): [number, number] | null {
  const a = Math.max(Date.parse(p.from), start);
  const b = Math.min(p.to === null ? until : Date.parse(p.to), until);
  return b > a ? [a, b] : null;
}

/**
 * Intervals inside [start, until) where children > staff × childrenPerStaff (and at least one
 * child is present); neighbouring intervals with the same counts are merged.
 */
export function ratioWarnings(input: {
  staff: readonly Presence[];
  children: readonly Presence[];
  childrenPerStaff: number;
  start: string;
  until: string;
}): RatioWarning[] {
  const start = Date.parse(input.start);
  const until = Date.parse(input.until);
  if (!(until > start)) return [];
  const staff = input.staff.map((p) => clip(p, start, until)).filter((x) => x !== null);
  const children = input.children.map((p) => clip(p, start, until)).filter((x) => x !== null);
  const points = [
    ...new Set([start, until, ...[...staff, ...children].flatMap(([a, b]) => [a, b])]),
  ].sort((a, b) => a - b);
  const at = (list: [number, number][], t: number) =>
    list.filter(([a, b]) => a <= t && t < b).length;
  const out: RatioWarning[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const t = points[i]!;
    const nStaff = at(staff, t);
    const nChildren = at(children, t);
    if (nChildren === 0 || nChildren <= nStaff * input.childrenPerStaff) continue;
    const last = out[out.length - 1];
    const from = new Date(t).toISOString();
    const to = new Date(points[i + 1]!).toISOString();
    if (last && last.to === from && last.staff === nStaff && last.children === nChildren)
      last.to = to;
    else out.push({ from, to, staff: nStaff, children: nChildren });
  }
  return out;
}
