/**
 * GS-13 好差评 calls of the light entry: the signed link (SMS / QR, no login) and the window rating
 * device (评价器: its own device token in X-Rating-Device, not a staff session).
 */
import { apiClient, idempotent, must } from '../api/client';
import type { Answer, BodyOf } from '../api/contract';
import { randomUuid } from '../lib/idempotency';

export type LinkView = Answer<'/api/v1/ratings/public/links/{token}'>;
export type RatingBody = BodyOf<'/api/v1/ratings/public/links/{token}', 'post'>;
export type DeviceNow = Answer<'/api/v1/ratings/device/current'>;

export const viewLink = (token: string, signal?: AbortSignal) =>
  must(
    apiClient.GET('/api/v1/ratings/public/links/{token}', { params: { path: { token } }, signal }),
  );

export const rateByLink = (token: string, body: RatingBody, key: string) =>
  must(
    apiClient.POST('/api/v1/ratings/public/links/{token}', {
      params: { path: { token } },
      body,
      ...idempotent(key),
    }),
  );

const deviceHeader = (token: string) => ({ 'x-rating-device': token });

export const pairDevice = (code: string, key: string) =>
  must(
    apiClient.POST('/api/v1/ratings/device/pair', {
      body: { code },
      headers: { 'Idempotency-Key': key },
    }),
  );

export const deviceNow = (token: string, signal?: AbortSignal) =>
  must(apiClient.GET('/api/v1/ratings/device/current', { headers: deviceHeader(token), signal }));

export const rateAtDevice = (token: string, body: RatingBody & { caseId: string }, key: string) => {
  // The device rates only the first time (no follow-up field).
  const rest = {
    caseId: body.caseId,
    level: body.level,
    reasons: body.reasons,
    comment: body.comment,
  };
  return must(
    apiClient.POST('/api/v1/ratings/device/ratings', {
      body: rest,
      headers: { ...deviceHeader(token), 'Idempotency-Key': key },
    }),
  );
};

export const skipAtDevice = (token: string) =>
  must(
    apiClient.POST('/api/v1/ratings/device/skip', {
      headers: { ...deviceHeader(token), 'Idempotency-Key': randomUuid() },
    }),
  );

/** The five levels, best first, and the reason codes a 差评 chooses from (the server's lists). */
export const LEVELS = [5, 4, 3, 2, 1] as const;
export const REASONS = [
  'attitude',
  'slow',
  'repeat_visits',
  'unclear_guidance',
  'extra_materials',
  'process',
  'system',
  'result',
  'other',
] as const;

/** GS-13: my services to rate and my ratings (phone login), and rating one of them. */
export type MyRatings = Answer<'/api/v1/ratings/mine'>;
export type MineBody = BodyOf<'/api/v1/ratings/mine', 'post'>;

export const myRatings = (signal?: AbortSignal) =>
  must(apiClient.GET('/api/v1/ratings/mine', { signal }));

export const rateMine = (body: MineBody, key: string) =>
  must(apiClient.POST('/api/v1/ratings/mine', { body, ...idempotent(key) }));
