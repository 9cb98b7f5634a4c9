import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { databaseFault } from '../shared/db-errors.ts';
import { AppError, problemBody, type FieldError } from '../shared/problem.ts';
import { fieldMessage } from './validation-messages.ts';
import { FREE_TEXT_CODE, freeTextFieldMessage, isFreeTextIssue } from '../shared/free-text.ts';

/** What a 503 for an unavailable database asks the client to wait before retrying. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** Maps every error to application/problem+json; unexpected ones become a logged 500 INTERNAL. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    let appError: AppError;
    if (error instanceof AppError) {
      appError = error;
    } else if (hasZodFastifySchemaValidationErrors(error)) {
      const errors: FieldError[] = error.validation.map((v) => ({
        path: `${error.validationContext ?? 'body'}${v.instancePath.replaceAll('/', '.')}`.replace(
          /\.$/,
          '',
        ),
        message: fieldMessage(v, request.locale),
        ...(v.keyword ? { code: v.keyword } : {}),
      }));
      // a personal number in a free-text field has its own code (src/shared/free-text.ts).
      const personal = error.validation.some((v) => isFreeTextIssue(v.params));
      for (const [i, v] of error.validation.entries())
        if (isFreeTextIssue(v.params))
          errors[i] = {
            ...errors[i]!,
            code: FREE_TEXT_CODE,
            message: freeTextFieldMessage(request.locale),
          };
      appError = new AppError(personal ? FREE_TEXT_CODE : 'VALIDATION_FAILED', { errors });
    } else if (
      error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
      (error.statusCode === 400 && error instanceof SyntaxError)
    ) {
      appError = new AppError('MALFORMED_JSON');
    } else if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
      appError = new AppError('MALFORMED_JSON', { detail: 'empty body' });
    } else if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      appError = new AppError('BODY_TOO_LARGE');
    } else if (
      error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ||
      error.code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH'
    ) {
      appError = new AppError('UNSUPPORTED_MEDIA_TYPE');
    } else if (error.validation) {
      appError = new AppError('VALIDATION_FAILED', {
        errors: error.validation.map((v) => ({
          path: v.instancePath || String(error.validationContext ?? ''),
          message: v.message ?? 'invalid',
        })),
      });
    } else if (
      typeof error.statusCode === 'number' &&
      error.statusCode >= 400 &&
      error.statusCode < 500
    ) {
      request.log.info({ code: error.code }, 'client error');
      appError = new AppError('VALIDATION_FAILED', { detail: error.code });
    } else if (databaseFault(error)) {
      // Down, stalled or locked: one line without a stack, and the client is told to retry.
      request.log.warn({ dbFault: databaseFault(error)?.reason }, 'database unavailable');
      appError = new AppError('DATABASE_UNAVAILABLE', {
        retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS,
      });
    } else {
      request.log.error({ err: error }, 'unhandled error');
      appError = new AppError('INTERNAL');
    }
    if (appError.retryAfterSeconds)
      void reply.header('retry-after', String(appError.retryAfterSeconds));
    return reply
      .status(appError.status)
      .type('application/problem+json')
      .send(problemBody(appError, request.locale, request.id));
  });
}
