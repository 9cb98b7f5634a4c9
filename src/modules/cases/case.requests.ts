/**
 * A case's material requests (GS-5, GS-9), pure. The one-time notice opens one request per
 * missing material at intake; a later request opens another. A request stays open until a
 * supplement brings that very material, so "what is missing now" is the open requests — on the
 * case view, the tracking page, the receipt and in CASE_MATERIALS_INCOMPLETE alike.
 *
 * Whether a later request is a second request (二次补正) is decided here from the case's material
 * history, never from what the caller claims: asking for a material the applicant has presented
 * at any point (at intake or in a supplement) is asking again, and needs a written reason.
 */

/** notice: listed by the one-time notice at intake; missing: later, never presented; defective: presented before, asked again. */
export type RequestKind = 'notice' | 'missing' | 'defective';

export interface CaseRequest {
  materialKey: string;
  kind: RequestKind;
  /** The case waits for it: every later request, and the notice's required materials. */
  blocking: boolean;
  reason: string | null;
  requestedBy: string;
  requestedAt: string;
  satisfiedAt: string | null;
  satisfiedBy: string | null;
}

/** The shortest written reason accepted for asking again for a presented material. */
export const MIN_SECOND_REQUEST_REASON = 4;

/** The requests the one-time notice opens at intake, one per material it lists. */
export function noticeRequests(
  notice: { missing: readonly { key: string; blocking: boolean }[] },
  by: { by: string; at: string },
): CaseRequest[] {
  return notice.missing.map((m) => ({
    materialKey: m.key,
    kind: 'notice',
    blocking: m.blocking,
    reason: null,
    requestedBy: by.by,
    requestedAt: by.at,
    satisfiedAt: null,
    satisfiedBy: null,
  }));
}

export type RequestVerdict =
  | { ok: true; kind: 'missing' | 'defective'; secondRequest: boolean }
  | { ok: false; code: 'SUPPLEMENT_NOT_IN_NOTICE' | 'SUPPLEMENT_REASON_REQUIRED' };

/**
 * A later request for `materialKey`. Outside the item version: refused. Presented at any point
 * before: a second request (defective), only with a reason. Never presented: only what the
 * one-time notice listed (missing, not a second request).
 */
export function classifyRequest(input: {
  itemMaterials: readonly string[];
  noticeMissing: readonly string[];
  everPresented: readonly string[];
  materialKey: string;
  reason: string | null | undefined;
}): RequestVerdict {
  const key = input.materialKey;
  if (!input.itemMaterials.includes(key)) return { ok: false, code: 'SUPPLEMENT_NOT_IN_NOTICE' };
  if (input.everPresented.includes(key)) {
    if ((input.reason ?? '').trim().length < MIN_SECOND_REQUEST_REASON)
      return { ok: false, code: 'SUPPLEMENT_REASON_REQUIRED' };
    return { ok: true, kind: 'defective', secondRequest: true };
  }
  if (!input.noticeMissing.includes(key)) return { ok: false, code: 'SUPPLEMENT_NOT_IN_NOTICE' };
  return { ok: true, kind: 'missing', secondRequest: false };
}

/**
 * A supplement bringing `supplied`: which open requests it satisfies (their material was
 * brought) and which blocking ones it leaves open. Supplying nothing satisfies nothing.
 */
export function applySupplement<R extends CaseRequest>(
  open: readonly R[],
  supplied: readonly string[],
): { satisfied: R[]; stillMissing: R[] } {
  const have = new Set(supplied);
  const pending = open.filter((r) => r.satisfiedAt === null);
  return {
    satisfied: pending.filter((r) => have.has(r.materialKey)),
    stillMissing: pending.filter((r) => r.blocking && !have.has(r.materialKey)),
  };
}

export interface MissingNow {
  key: string;
  kind: RequestKind;
  blocking: boolean;
  reason: string | null;
  requestedAt: string;
}

/** What is missing now: one line per material with an open request, newest request's details, in first-asked order. */
export function missingNow(requests: readonly CaseRequest[]): MissingNow[] {
  const open = new Map<string, CaseRequest[]>();
  for (const r of requests) {
    if (r.satisfiedAt === null) open.set(r.materialKey, [...(open.get(r.materialKey) ?? []), r]);
  }
  return [...open.values()].map((rs) => {
    const last = rs.reduce((a, b) => (b.requestedAt >= a.requestedAt ? b : a));
    return {
      key: last.materialKey,
      kind: last.kind,
      blocking: rs.some((r) => r.blocking),
      reason: last.reason,
      requestedAt: last.requestedAt,
    };
  });
}

/** One entry of the case's action log, as far as materials go. */
export interface ReplayAction {
  action: string;
  actorId: string;
  reason: string | null;
  payload: Record<string, unknown>;
  at: string;
}

const keysOf = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/** Every material the applicant has presented so far: at intake and in every supplement. */
export function everPresented(log: readonly ReplayAction[]): string[] {
  const seen = new Set<string>();
  for (const a of log) {
    if (a.action === 'file' || a.action === 'supplement')
      keysOf(a.payload.presented).forEach((k) => seen.add(k));
  }
  return [...seen];
}
