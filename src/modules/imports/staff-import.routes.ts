import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../shared/route-actor.ts';
import { applyImport } from './import-run.ts';
import { BODY_LIMIT, fileOf, refusedInWords } from './import-http.ts';
import { presentPlan, StaffImportAppliedView, StaffImportBody } from './imports.schema.ts';

/**
 * Issue #15 point 4: apply a staff roster. Its answer carries the one-time passwords, so a repeat
 * of the same Idempotency-Key is a 409, never a replay (the answer is not stored anywhere).
 * Administrators only (accounts.manage), granting within their own scope.
 */
export const staffImportRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = { db: app.kysely, pii: app.deps.pii };
  app.post(
    '/imports/staff/apply',
    {
      config: { access: { roles: ['admin'] }, idempotent: 'secret-answer' },
      bodyLimit: BODY_LIMIT,
      schema: {
        tags: ['imports'],
        summary:
          'Import a staff roster: accounts with one-time passwords (answered once, or sent by SMS), all or nothing',
        body: StaffImportBody,
        response: { 200: StaffImportAppliedView },
      },
    },
    async (request) => {
      try {
        const applied = await applyImport(deps, {
          kind: 'staff',
          file: fileOf(request.body),
          actor: actorOf(request),
          requestId: request.id,
          sendSms: request.body.sendSms ?? false,
          now: app.deps.now(),
        });
        return { ...presentPlan(applied, request.locale), passwords: applied.passwords ?? [] };
      } catch (err) {
        throw refusedInWords(err, request.locale);
      }
    },
  );
};
