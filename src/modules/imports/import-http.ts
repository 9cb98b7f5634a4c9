/** The HTTP side shared by the import routes: the uploaded file, and a refused plan in words. */
import { AppError, type Locale } from '../../shared/problem.ts';
import type { ImportPlan } from './import-plan.ts';
import { presentPlan } from './imports.schema.ts';

/** An upload's .xlsx at most (base64 in the body adds a third). */
const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const BODY_LIMIT = 15 * 1024 * 1024;

export function fileOf(body: { file: string }): Buffer {
  const file = Buffer.from(body.file, 'base64');
  if (file.length > MAX_FILE_BYTES)
    throw new AppError('IMPORT_FILE_TOO_LARGE', { detail: `at most ${MAX_FILE_BYTES} bytes` });
  return file;
}

/** The refused plan travels in the problem, each reason in the caller's words. */
export function refusedInWords(err: unknown, locale: Locale): unknown {
  const plan =
    err instanceof AppError ? (err.extensions?.plan as ImportPlan | undefined) : undefined;
  if (!(err instanceof AppError) || !plan) return err;
  return new AppError(err.code, {
    ...(err.detail ? { detail: err.detail } : {}),
    ...(err.errors ? { errors: err.errors } : {}),
    extensions: { plan: presentPlan(plan, locale) },
  });
}
