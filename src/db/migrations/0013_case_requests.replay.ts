/**
 * Migration 0013's replay of a case's material requests from its notice and action log, frozen
 * as the rules stood when the table was created (GS-5, GS-9). A migration must not import a
 * module: the module's rules may change later, and the migration must produce today what it
 * produced then. (The live rules are in src/modules/cases/case.requests.ts.)
 */

/** One entry of the case's action log, as far as materials go. */
export interface ReplayAction {
  action: string;
  actorId: string;
  reason: string | null;
  payload: Record<string, unknown>;
  at: string;
}

/** A request row as the backfill writes it. */
export interface ReplayedRequest {
  materialKey: string;
  kind: 'notice' | 'missing' | 'defective';
  blocking: boolean;
  reason: string | null;
  requestedBy: string;
  requestedAt: string;
  satisfiedAt: string | null;
  satisfiedBy: string | null;
}

const keysOf = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/**
 * The requests a case's action log implies: one per material the one-time notice listed (by the
 * first responder, at intake); a supplement satisfies every open request for a material it
 * brought; a later request is `defective` (a second request) when the material was presented
 * before, else `missing`.
 */
export function replayCaseRequests(
  notice: { missing: readonly { key: string; blocking: boolean }[] },
  intake: { by: string; at: string },
  log: readonly ReplayAction[],
): ReplayedRequest[] {
  const rows: ReplayedRequest[] = notice.missing.map((m) => ({
    materialKey: m.key,
    kind: 'notice',
    blocking: m.blocking,
    reason: null,
    requestedBy: intake.by,
    requestedAt: intake.at,
    satisfiedAt: null,
    satisfiedBy: null,
  }));
  const presented = new Set<string>();
  for (const a of log) {
    const keys = keysOf(a.payload.presented);
    if (a.action === 'file') keys.forEach((k) => presented.add(k));
    if (a.action === 'supplement') {
      const brought = new Set(keys);
      for (const r of rows) {
        if (r.satisfiedAt === null && brought.has(r.materialKey)) {
          r.satisfiedAt = a.at;
          r.satisfiedBy = a.actorId;
        }
      }
      keys.forEach((k) => presented.add(k));
    }
    const key = a.payload.materialKey;
    if (a.action === 'request_supplement' && typeof key === 'string') {
      rows.push({
        materialKey: key,
        kind: presented.has(key) ? 'defective' : 'missing',
        blocking: true,
        reason: a.reason,
        requestedBy: a.actorId,
        requestedAt: a.at,
        satisfiedAt: null,
        satisfiedBy: null,
      });
    }
  }
  return rows;
}
