import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendUploadedFile } from '../../shared/file-reply.ts';
import { AppError } from '../../shared/problem.ts';
import { isScanType, mediaTypeOf, SCAN_TYPES } from '../../shared/scan-magic.ts';
import { listAttachments, readAttachment, uploadAttachment } from './attachment.service.ts';
import {
  ATTACHMENT_LIMIT_BYTES,
  AttachmentView,
  CaseParams,
  UploadQuery,
} from './attachment.schema.ts';
import { actorOf } from '../../shared/route-actor.ts';
import { uploadOwnPhoto } from './attachment-own.ts';

const CASE_STAFF = [
  'admin',
  'supervisor',
  'district_officer',
  'town_officer',
  'clerk',
  'agent',
] as const;

/**
 * Scans of materials (GS-5). The raw-file body parsers exist only inside this plugin: elsewhere
 * the API stays JSON only. Any other body type here is refused before it is read.
 */
export const attachmentRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.kysely;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    [...SCAN_TYPES],
    { parseAs: 'buffer', bodyLimit: ATTACHMENT_LIMIT_BYTES },
    (_request, body, done) => done(null, body),
  );
  app.addContentTypeParser('*', (_request, _payload, done) =>
    done(new AppError('ATTACHMENT_TYPE_UNSUPPORTED'), undefined),
  );

  app.post(
    '/cases/:id/attachments',
    {
      config: { access: { roles: ['clerk', 'agent', 'town_officer'] }, idempotent: true },
      bodyLimit: ATTACHMENT_LIMIT_BYTES,
      schema: {
        tags: ['cases'],
        summary: 'Upload a scan of one material (the raw JPEG, PNG or PDF file as the body)',
        description: `Send the file itself with Content-Type ${SCAN_TYPES.join(', ')} (at most 10 MiB); its first bytes must match. The same bytes for the same material are stored once (200 with the existing row).`,
        params: CaseParams,
        querystring: UploadQuery,
        response: { 200: AttachmentView, 201: AttachmentView },
      },
    },
    async (request, reply) => {
      const contentType = mediaTypeOf(request.headers['content-type']);
      if (!isScanType(contentType) || !Buffer.isBuffer(request.body))
        throw new AppError('ATTACHMENT_TYPE_UNSUPPORTED');
      const { created, attachment } = await uploadAttachment(db, {
        caseId: request.params.id,
        materialKey: request.query.materialKey,
        contentType,
        body: request.body,
        pii: app.deps.pii,
        actor: actorOf(request),
        requestId: request.id,
        now: app.deps.now(),
      });
      return reply.status(created ? 201 : 200).send(attachment);
    },
  );

  app.post(
    '/cases/online/:id/photos',
    {
      config: { access: { roles: ['resident'] }, idempotent: true },
      bodyLimit: ATTACHMENT_LIMIT_BYTES,
      schema: {
        tags: ['cases'],
        summary: 'A resident’s photo of one material for their own online case (GS-10, 不打烊)',
        description: `The raw file as the body (${SCAN_TYPES.join(', ')}, at most 10 MiB; its first bytes must match). Only the applicant’s own online case while it is open.`,
        params: CaseParams,
        querystring: UploadQuery,
        response: { 200: AttachmentView, 201: AttachmentView },
      },
    },
    async (request, reply) => {
      const contentType = mediaTypeOf(request.headers['content-type']);
      if (!isScanType(contentType) || !Buffer.isBuffer(request.body))
        throw new AppError('ATTACHMENT_TYPE_UNSUPPORTED');
      const { created, attachment } = await uploadOwnPhoto(db, {
        caseId: request.params.id,
        materialKey: request.query.materialKey,
        contentType,
        body: request.body,
        pii: app.deps.pii,
        actor: actorOf(request),
        requestId: request.id,
        now: app.deps.now(),
      });
      return reply.status(created ? 201 : 200).send(attachment);
    },
  );

  app.get(
    '/cases/:id/attachments',
    {
      config: { access: { roles: CASE_STAFF } },
      schema: {
        tags: ['cases'],
        summary: 'The scans stored for a case (descriptions only)',
        params: CaseParams,
        response: { 200: z.array(AttachmentView) },
      },
    },
    async (request) => listAttachments(db, { caseId: request.params.id, actor: actorOf(request) }),
  );

  app.get(
    '/attachments/:id',
    {
      config: { access: { roles: CASE_STAFF } },
      schema: {
        tags: ['cases'],
        summary: 'One scan, as the file itself',
        params: z.object({ id: z.string().uuid() }),
      },
    },
    async (request, reply) => {
      const file = await readAttachment(db, {
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
