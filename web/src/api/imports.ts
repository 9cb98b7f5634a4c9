import { apiClient, idempotent, must } from './client';
import type { Answer, BodyOf } from './contract';

/** Issue #15 point 3: people by Excel (src/modules/imports). */
export type ImportPlan = Answer<'/api/v1/imports/{kind}/dry-run', 'post'>;
export type ImportApplied = Answer<'/api/v1/imports/{kind}/apply', 'post'>;
/** Issue #15 point 4: the roster's result carries the one-time passwords, this once. */
export type StaffImportApplied = Answer<'/api/v1/imports/staff/apply', 'post'>;
export type IssuedPassword = StaffImportApplied['passwords'][number];
export type ImportKind = ImportPlan['kind'];
export type ImportBody = BodyOf<'/api/v1/imports/{kind}/dry-run'>;
export type PlannedRow = ImportPlan['rows'][number];
export const IMPORT_KINDS = [
  'residents',
  'hours',
  'stations',
  'staff',
  'teams',
  'volunteers',
] as const satisfies readonly ImportKind[];
/** The kinds whose apply is the general route (the roster has its own). */
export type GeneralImportKind = Exclude<ImportKind, 'staff'>;

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

export const applyImport = (kind: GeneralImportKind, file: string, key: string) =>
  must(
    apiClient.POST('/api/v1/imports/{kind}/apply', {
      params: { path: { kind } },
      body: { file },
      ...idempotent(key),
    }),
  );

/** The roster: accounts with one-time passwords, answered once (or sent by SMS when asked). */
export const applyStaffImport = (file: string, sendSms: boolean, key: string) =>
  must(
    apiClient.POST('/api/v1/imports/staff/apply', {
      body: { file, sendSms },
      ...idempotent(key),
    }),
  );
