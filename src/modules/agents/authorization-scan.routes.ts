import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../shared/problem.ts';
import { isScanType, mediaTypeOf, SCAN_LIMIT_BYTES, SCAN_TYPES } from '../../shared/scan-magic.ts';
import { STAFF_ROLES } from '../../shared/roles.ts';
import { AuthorizationView } from './authorization.schema.ts';
import { readAuthorizationScan, uploadAuthorizationScan } from './authorization-scan.service.ts';
import { sendUploadedFile } from '../../shared/file-reply.ts';
import { actorOf } from '../../shared/route-actor.ts';

const Params = z.object({ id: z.string().uuid() });

/**
 * The scan of a signed authorization form (GS-6). The raw-file body parsers exist only inside
 * this plugin; any other body type is refused before it is read.
 */
export const authorizationScanRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.kysely;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    [...SCAN_TYPES],
    { parseAs: 'buffer', bodyLimit: SCAN_LIMIT_BYTES },
    (_request, body, done) => done(null, body),
  );
  app.addContentTypeParser('*', (_request, _payload, done) =>
    done(new AppError('ATTACHMENT_TYPE_UNSUPPORTED'), undefined),
  );

  app.post(
    '/authorizations/:id/scan',
    {
      config: { access: { roles: ['clerk', 'town_officer', 'agent'] }, idempotent: true },
      bodyLimit: SCAN_LIMIT_BYTES,
      schema: {
        tags: ['agents'],
        summary: 'Upload the scan of the signed authorization form (the raw JPEG, PNG or PDF)',
        description: `Only for consent method signed_form. Send the file itself with Content-Type ${SCAN_TYPES.join(', ')} (at most 10 MiB); its first bytes must match. It becomes the consent's attachment; the same bytes again answer 200 and write nothing.`,
        params: Params,
        response: { 200: AuthorizationView, 201: AuthorizationView },
      },
    },
    async (request, reply) => {
      const contentType = mediaTypeOf(request.headers['content-type']);
      if (!isScanType(contentType) || !Buffer.isBuffer(request.body))
        throw new AppError('ATTACHMENT_TYPE_UNSUPPORTED');
      const { created, authorization } = await uploadAuthorizationScan(db, {
        id: request.params.id,
        contentType,
        body: request.body,
        pii: app.deps.pii,
        actor: actorOf(request),
        requestId: request.id,
        now: app.deps.now(),
      });
      return reply.status(created ? 201 : 200).send(authorization);
    },
  );

  app.get(
    '/authorizations/:id/scan',
    {
      config: { access: { roles: STAFF_ROLES } },
      schema: {
        tags: ['agents'],
        summary: 'The scan of the signed authorization form, as the file itself (audited)',
        params: Params,
      },
    },
    async (request, reply) => {
      const file = await readAuthorizationScan(db, {
        id: request.params.id,
        pii: app.deps.pii,
        actor: actorOf(request),
        requestId: request.id,
        now: app.deps.now(),
      });
      return sendUploadedFile(reply, file);
    },
  );
};
