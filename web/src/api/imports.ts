import { apiClient, idempotent, must } from './client';
import type { Answer, BodyOf } from './contract';

/** Issue #15 point 3: people by Excel (src/modules/imports). */
export type ImportPlan = Answer<'/api/v1/imports/{kind}/dry-run', 'post'>;
export type ImportApplied = Answer<'/api/v1/imports/{kind}/apply', 'post'>;
export type ImportKind = ImportPlan['kind'];
export type ImportBody = BodyOf<'/api/v1/imports/{kind}/dry-run'>;
export type PlannedRow = ImportPlan['rows'][number];
export const IMPORT_KINDS = [
  'residents',
  'hours',
  'stations',
] as const satisfies readonly ImportKind[];

/** The template (.xlsx, Chinese headers, one example row). */
export const downloadTemplate = (kind: ImportKind, region?: string) =>
  must<Blob>(
    apiClient.GET('/api/v1/imports/{kind}/template', {
      params: { path: { kind }, query: region ? { region } : {} },
      parseAs: 'blob',
    }),
  );

/** The file as base64 (the JSON body the server takes). */
export async function fileAsBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export const dryRunImport = (kind: ImportKind, file: string) =>
  must(
    apiClient.POST('/api/v1/imports/{kind}/dry-run', {
      params: { path: { kind } },
      body: { file },
    }),
  );

export const applyImport = (kind: ImportKind, file: string, key: string) =>
  must(
    apiClient.POST('/api/v1/imports/{kind}/apply', {
      params: { path: { kind } },
      body: { file },
      ...idempotent(key),
    }),
  );
