import { apiClient, idempotent, must } from './client';
import type { Answer, BodyOf } from './contract';

/** Issue #15: the first-run setup (src/modules/setup). */
export type SetupStatus = Answer<'/api/v1/setup'>;
export type SetupStepKey = SetupStatus['steps'][number]['key'];
export type RegionPreview = Answer<'/api/v1/setup/regions/preview', 'post'>;
export type RegionImport = Answer<'/api/v1/setup/regions', 'post'>;
export type FirstAdmin = BodyOf<'/api/v1/setup/admin'>;

const withToken = (token: string | null) => (token ? { 'x-setup-token': token } : {});

export const getSetup = (signal?: AbortSignal) => must(apiClient.GET('/api/v1/setup', { signal }));
export const previewSetupRegions = (scope: string, token: string | null) =>
  must(
    apiClient.POST('/api/v1/setup/regions/preview', { body: { scope }, headers: withToken(token) }),
  );
export const importSetupRegions = (scope: string, token: string | null) =>
  must(apiClient.POST('/api/v1/setup/regions', { body: { scope }, headers: withToken(token) }));
export const createFirstAdmin = (body: FirstAdmin, token: string | null, key: string) =>
  must(
    apiClient.POST('/api/v1/setup/admin', {
      body,
      headers: { ...withToken(token), ...idempotent(key).headers },
    }),
  );
