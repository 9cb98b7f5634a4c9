/**
 * GS-12 → GS-4 hand-off on refusal, pure rule: whom a clerk refused with COMPETENCE_REQUIRED should
 * hand the resident's matter to, so the resident is never turned away. A post (AB岗) whose current
 * holder is competent comes first — the hand-off then follows the post if its holder changes —
 * preferring a post at the refusing clerk's own station; else the first competent colleague (the
 * gate lists them nearest region first); else nobody (the town centre must be asked). No I/O.
 */

export interface ReferralPost {
  id: string;
  regionCode: string;
  /** The post's holder now (A, or B while A is away); null when nobody holds it. */
  holderId: string | null;
  holderCompetent: boolean;
}

export interface ReferralColleague {
  id: string;
}

export type Referral = { toPostId: string } | { toAccountId: string } | null;

export function suggestReferral(input: {
  stationRegionCode: string;
  refusedAccountId: string;
  posts: readonly ReferralPost[];
  colleagues: readonly ReferralColleague[];
}): Referral {
  const usable = input.posts.filter(
    (p) => p.holderId !== null && p.holderCompetent && p.holderId !== input.refusedAccountId,
  );
  const post =
    usable.find((p) => p.regionCode === input.stationRegionCode) ?? usable[0] ?? undefined;
  if (post) return { toPostId: post.id };
  const colleague = input.colleagues.find((c) => c.id !== input.refusedAccountId);
  return colleague ? { toAccountId: colleague.id } : null;
}
