import type { OpeningHours } from '../api/types';

export interface OpeningHoursWords {
  /** Names of ISO weekdays 1 (Monday) … 7 (Sunday), index 0 = Monday. */
  dayNames: readonly string[];
  /** Joins the first and last day of a run: "至" / "–". */
  rangeSeparator: string;
  /** Joins single days and runs: "、" / ", ". */
  listSeparator: string;
  /** Shown instead of all seven days: "每天" / "Daily". */
  everyDay: string;
}

/** Consecutive runs of ISO weekdays, e.g. [1,2,3,5,6] → [[1,3],[5,6]]. */
export function dayRuns(days: readonly number[]): [number, number][] {
  const sorted = [...new Set(days)].filter((d) => d >= 1 && d <= 7).sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const day of sorted) {
    const last = runs[runs.length - 1];
    if (last && day === last[1] + 1) last[1] = day;
    else runs.push([day, day]);
  }
  return runs;
}

export function formatDays(days: readonly number[], words: OpeningHoursWords): string {
  const runs = dayRuns(days);
  if (runs.length === 1 && runs[0]?.[0] === 1 && runs[0][1] === 7) return words.everyDay;
  const name = (d: number) => words.dayNames[d - 1] ?? String(d);
  return runs
    .map(([from, to]) => {
      if (from === to) return name(from);
      if (to === from + 1) return `${name(from)}${words.listSeparator}${name(to)}`;
      return `${name(from)}${words.rangeSeparator}${name(to)}`;
    })
    .join(words.listSeparator);
}

/** One line per opening period: "周一至周五 08:30–17:00". */
export function formatOpeningHours(
  hours: readonly OpeningHours[],
  words: OpeningHoursWords,
): string[] {
  return hours.map((h) => `${formatDays(h.days, words)} ${h.open}–${h.close}`);
}
