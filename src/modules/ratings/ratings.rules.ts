/**
 * GS-13 好差评, pure rules: the five levels, which need reason codes, the channels with their
 * national codes, and when a rating (first or the one follow-up) is allowed. No I/O.
 */
import type { RatingChannel, RatingKind, RatingSubjectType } from '../../db/schema.ts';

/** 5 非常满意 … 1 非常不满意 (the national five-level scale). */
export const RATING_LEVELS = [5, 4, 3, 2, 1] as const;
export type RatingLevel = (typeof RATING_LEVELS)[number];

export const LEVEL_LABELS: Record<RatingLevel, { zh: string; en: string; code: string }> = {
  5: { zh: '非常满意', en: 'Very satisfied', code: '5' },
  4: { zh: '满意', en: 'Satisfied', code: '4' },
  3: { zh: '基本满意', en: 'Fairly satisfied', code: '3' },
  2: { zh: '不满意', en: 'Dissatisfied', code: '2' },
  1: { zh: '非常不满意', en: 'Very dissatisfied', code: '1' },
};

/** 差评: the bottom two levels. They need reason codes and open a rectification ticket. */
export function isBadRating(level: number): boolean {
  return level <= 2;
}

/** Satisfied for the metrics: 非常满意、满意、基本满意. */
export function isSatisfied(level: number): boolean {
  return level >= 3;
}

/** Reason codes for 差评 (the national 差评 reasons, shortened). */
export const REASON_CODES = [
  'attitude', // 服务态度差
  'slow', // 办理时间长 / 超时
  'repeat_visits', // 多次跑动
  'unclear_guidance', // 一次性告知不清
  'extra_materials', // 要求额外材料
  'process', // 流程繁琐
  'system', // 系统故障
  'result', // 对结果不满
  'other',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export const REASON_LABELS: Record<ReasonCode, { zh: string; en: string }> = {
  attitude: { zh: '服务态度差', en: 'Unfriendly service' },
  slow: { zh: '办理时间长', en: 'Took too long' },
  repeat_visits: { zh: '多次跑动', en: 'Had to come several times' },
  unclear_guidance: { zh: '告知不清楚', en: 'Unclear guidance' },
  extra_materials: { zh: '要求额外材料', en: 'Asked for extra papers' },
  process: { zh: '流程繁琐', en: 'Complicated process' },
  system: { zh: '系统故障', en: 'System trouble' },
  result: { zh: '对结果不满', en: 'Unhappy with the result' },
  other: { zh: '其他', en: 'Other' },
};

/** The channels and their national codes (评价渠道: 1 PC, 2 移动端, 3 服务窗口评价器, 4 短信, 5 电话回访…). */
export const RATING_CHANNELS: Record<RatingChannel, { code: string; zh: string; en: string }> = {
  device: { code: '3', zh: '窗口评价器', en: 'Window rating device' },
  qr: { code: '6', zh: '二维码', en: 'QR code' },
  sms: { code: '4', zh: '短信', en: 'SMS link' },
  phone_page: { code: '2', zh: '移动端', en: 'Phone pages' },
  callback: { code: '5', zh: '电话回访', en: 'Phone call-back' },
};

/** The national 评价类型: 1 初次评价, 2 追加评价. */
export const RATING_KIND_CODES: Record<RatingKind, string> = { first: '1', follow_up: '2' };

export type RatingRefusal =
  | 'RATING_REASONS_REQUIRED'
  | 'RATING_REASONS_NOT_ALLOWED'
  | 'RATING_ALREADY_GIVEN'
  | 'RATING_FOLLOW_UP_NEEDS_FIRST'
  | 'RATING_NOT_RATEABLE';

/** Checks a level and its reasons: 差评 need at least one; the top three take none. */
export function checkLevelReasons(
  level: RatingLevel,
  reasons: readonly string[],
): RatingRefusal | null {
  if (isBadRating(level) && reasons.length === 0) return 'RATING_REASONS_REQUIRED';
  if (!isBadRating(level) && reasons.length > 0) return 'RATING_REASONS_NOT_ALLOWED';
  return null;
}

/** Which kind the next rating of a subject is, or why none is allowed: once, then one follow-up. */
export function nextRatingKind(existing: readonly RatingKind[]): RatingKind | RatingRefusal {
  if (!existing.includes('first')) return 'first';
  if (!existing.includes('follow_up')) return 'follow_up';
  return 'RATING_ALREADY_GIVEN';
}

/** What kind of subject may be rated in which state (completed service only). */
export function isRateable(subject: { type: RatingSubjectType; state: string }): boolean {
  switch (subject.type) {
    case 'case':
      return subject.state === 'delivered' || subject.state === 'closed';
    case 'inquiry':
      return subject.state === 'closed';
    case 'home_visit':
      return subject.state === 'done';
  }
}

/** Signed links live this long (days): long enough to answer an SMS after the weekend. */
export const LINK_DAYS = 15;
/** A receipt's printed QR link lives this long (days): it is printed at filing, rated after delivery. */
export const QR_LINK_DAYS = 120;
/** A rating device shows a case finished at its station up to this many minutes ago. */
export const DEVICE_WINDOW_MINUTES = 10;
/** A pairing code is valid this long (minutes). */
export const PAIR_CODE_MINUTES = 10;
