/**
 * GS-13 metrics, pure: 主动评价率 (rated ÷ completed), satisfaction (满意率), 差评整改率, 实名差评回访率,
 * average level — per staff member, station or town; the monthly station ranking; the 12345 trio
 * 响应率 / 解决率 / 满意率 for inquiries. Ratings excluded by an upheld appeal do not count. A subject's
 * follow-up rating (追加评价) replaces its first level in the metrics: it is the resident's last word.
 */
import { isBadRating, isSatisfied } from './ratings.rules.ts';

/** `channel`: the service's own channel (cases.channel: window, appointment, home visit, …). */
export type MetricsGroup = 'staff' | 'station' | 'town' | 'channel';

export interface CompletedRow {
  subjectId: string;
  staffId: string | null;
  stationId: string | null;
  townCode: string;
  channel: string | null;
}

export interface RatingRow {
  id: string;
  subjectId: string;
  kind: 'first' | 'follow_up';
  level: number;
  excluded: boolean;
  staffId: string | null;
  stationId: string | null;
  townCode: string;
  channel: string | null;
  /** A rater we can call back (实名): a resident or an account is known. */
  realName: boolean;
}

export interface TicketRow {
  ratingId: string;
  calledBack: boolean;
  closed: boolean;
}

export interface MetricsRow {
  key: string;
  completed: number;
  rated: number;
  activeRate: number | null;
  satisfied: number;
  satisfaction: number | null;
  bad: number;
  rectified: number;
  rectificationRate: number | null;
  realNameBad: number;
  realNameCalledBack: number;
  callbackRate: number | null;
  averageLevel: number | null;
}

export function ratio(n: number, d: number): number | null {
  return d === 0 ? null : Math.round((n / d) * 10000) / 10000;
}

/**
 * One effective rating per subject: excluded ones are dropped; a follow-up's level replaces the
 * first's, the first's identity (its ticket) stays what the 差评 counts hang on.
 */
export function effectiveRatings(rows: readonly RatingRow[]): RatingRow[] {
  const bySubject = new Map<string, RatingRow>();
  for (const r of rows.filter((x) => x.kind === 'first' && !x.excluded))
    bySubject.set(r.subjectId, r);
  for (const r of rows.filter((x) => x.kind === 'follow_up' && !x.excluded)) {
    const first = bySubject.get(r.subjectId);
    if (first) bySubject.set(r.subjectId, { ...first, level: r.level });
  }
  return [...bySubject.values()];
}

function keyOf(
  row: {
    staffId: string | null;
    stationId: string | null;
    townCode: string;
    channel: string | null;
  },
  g: MetricsGroup,
) {
  if (g === 'staff') return row.staffId ?? '';
  if (g === 'station') return row.stationId ?? '';
  if (g === 'channel') return row.channel ?? '';
  return row.townCode;
}

export function computeMetrics(
  input: {
    completed: readonly CompletedRow[];
    ratings: readonly RatingRow[];
    tickets: readonly TicketRow[];
  },
  group: MetricsGroup,
): MetricsRow[] {
  const tickets = new Map(input.tickets.map((t) => [t.ratingId, t]));
  // Ratings excluded by an upheld appeal: their first rating's ticket no longer counts either.
  const firstIds = new Map(
    input.ratings.filter((r) => r.kind === 'first').map((r) => [r.subjectId, r.id]),
  );
  const acc = new Map<string, MetricsRow & { levelSum: number }>();
  const row = (key: string) => {
    let r = acc.get(key);
    if (!r) {
      r = {
        key,
        completed: 0,
        rated: 0,
        activeRate: null,
        satisfied: 0,
        satisfaction: null,
        bad: 0,
        rectified: 0,
        rectificationRate: null,
        realNameBad: 0,
        realNameCalledBack: 0,
        callbackRate: null,
        averageLevel: null,
        levelSum: 0,
      };
      acc.set(key, r);
    }
    return r;
  };
  for (const c of input.completed) {
    const key = keyOf(c, group);
    if (key) row(key).completed += 1;
  }
  for (const r of effectiveRatings(input.ratings)) {
    const key = keyOf(r, group);
    if (!key) continue;
    const m = row(key);
    m.rated += 1;
    m.levelSum += r.level;
    if (isSatisfied(r.level)) m.satisfied += 1;
    const ticket = tickets.get(firstIds.get(r.subjectId) ?? r.id);
    // A 差评 counts as one to rectify even when a follow-up raised the level afterwards.
    if (isBadRating(r.level) || ticket) {
      m.bad += 1;
      if (ticket?.closed) m.rectified += 1;
      if (r.realName) {
        m.realNameBad += 1;
        if (ticket?.calledBack) m.realNameCalledBack += 1;
      }
    }
  }
  return [...acc.values()]
    .map(({ levelSum, ...m }) => ({
      ...m,
      activeRate: ratio(Math.min(m.rated, m.completed), m.completed),
      satisfaction: ratio(m.satisfied, m.rated),
      rectificationRate: ratio(m.rectified, m.bad),
      callbackRate: ratio(m.realNameCalledBack, m.realNameBad),
      averageLevel: m.rated === 0 ? null : Math.round((levelSum / m.rated) * 100) / 100,
    }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

export interface RankedRow extends MetricsRow {
  rank: number;
}

/**
 * The monthly station ranking: satisfaction first, then the average level, then how many rated
 * (more evidence ranks higher); stations rated by nobody come last. Equal figures share a rank.
 */
export function rankStations(rows: readonly MetricsRow[]): RankedRow[] {
  const score = (r: MetricsRow) => [r.satisfaction ?? -1, r.averageLevel ?? -1, r.rated] as const;
  const sorted = [...rows].sort((a, b) => {
    const [x, y] = [score(a), score(b)];
    for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return y[i]! - x[i]!;
    return a.key.localeCompare(b.key);
  });
  let rank = 0;
  return sorted.map((r, i) => {
    const prev = sorted[i - 1];
    if (!prev || score(prev).some((v, j) => v !== score(r)[j])) rank = i + 1;
    return { ...r, rank };
  });
}

/** The 12345 trio for inquiries: 响应率 (answered), 解决率 (closed), 满意率 (satisfied of rated). */
export function inquiryTrio(input: {
  total: number;
  responded: number;
  resolved: number;
  rated: number;
  satisfied: number;
}) {
  return {
    total: input.total,
    responseRate: ratio(input.responded, input.total),
    resolutionRate: ratio(input.resolved, input.total),
    satisfactionRate: ratio(input.satisfied, input.rated),
  };
}
