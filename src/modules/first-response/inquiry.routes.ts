import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { STAFF_ROLES } from '../../shared/roles.ts';
import {
  CloseInquiry,
  INQUIRY_DESCRIPTION,
  InquiryHandoff,
  InquiryHandoffView,
  InquiryPageQuery,
  InquiryQuery,
  InquiryView,
  NewInquiry,
} from './inquiry.schema.ts';
import { closeInquiry, recordInquiry } from './inquiry.service.ts';
import { getInquiry, listInquiries, pageInquiries } from './inquiry.view.ts';
import { keysetPageSchema } from '../../shared/keyset.ts';
import { recordInquiryAndHandOff } from './inquiry-handoff.ts';
import { HANDLER_ROLES } from './matter.ts';
import { actorOf } from '../../shared/route-actor.ts';
import { registerListExport } from '../../shared/list-export/list-export.route.ts';
import { INQUIRY_LIST_EXPORT } from './first-response.exports.ts';

/** 首问负责 inquiries (GS-4). */
export const inquiryRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.kysely;

  app.post(
    '/inquiries',
    {
      config: { access: { roles: HANDLER_ROLES }, idempotent: true },
      schema: {
        tags: ['first-response'],
        summary: 'Log a walk-in or phone inquiry (the caller becomes its first responder)',
        description: INQUIRY_DESCRIPTION,
        body: NewInquiry,
        response: { 201: InquiryView },
      },
    },
    async (request, reply) => {
      const created = await recordInquiry(db, {
        body: request.body,
        actor: actorOf(request),
        requestId: request.id,
        now: app.deps.now(),
      });
      return reply.status(201).send(created);
    },
  );

  app.post(
    '/inquiries/handed-on',
    {
      config: { access: { roles: HANDLER_ROLES }, idempotent: true },
      schema: {
        tags: ['first-response'],
        summary:
          'Record an inquiry and hand it on in one transaction (a refused intake, COMPETENCE_REQUIRED)',
        description: `${INQUIRY_DESCRIPTION} Both are written or neither: a refused hand-off (receiver invalid or out of reach, unknown post) records no inquiry. With an Idempotency-Key a retry replays the stored answer.`,
        body: InquiryHandoff,
        response: { 201: InquiryHandoffView },
      },
    },
    async (request, reply) => {
      const created = await recordInquiryAndHandOff(db, {
        body: request.body,
        actor: actorOf(request),
        requestId: request.id,
        now: app.deps.now(),
      });
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/inquiries',
    {
      config: { access: { roles: STAFF_ROLES } },
      schema: {
        tags: ['first-response'],
        summary:
          'Inquiries at stations in my reach (mine=true: those I first responded to or handle)',
        querystring: InquiryQuery,
        response: { 200: z.array(InquiryView) },
      },
    },
    async (request) =>
      listInquiries(db, {
        ...request.query,
        mine: request.query.mine === 'true',
        actor: actorOf(request),
      }),
  );

  app.get(
    '/inquiries/page',
    {
      config: { access: { roles: STAFF_ROLES } },
      schema: {
        tags: ['first-response'],
        summary:
          'The same inquiries paged by keyset: nextCursor for the next page, total exact or estimated (totalExact)',
        querystring: InquiryPageQuery,
        response: { 200: keysetPageSchema(InquiryView) },
      },
    },
    async (request) =>
      pageInquiries(db, {
        ...request.query,
        mine: request.query.mine === 'true',
        actor: actorOf(request),
      }),
  );

  app.get(
    '/inquiries/:id',
    {
      config: { access: { roles: STAFF_ROLES } },
      schema: {
        tags: ['first-response'],
        summary: 'One inquiry, with its first responder, handler and who is accountable now',
        params: z.object({ id: z.string().uuid() }),
        response: { 200: InquiryView },
      },
    },
    async (request) => getInquiry(db, { id: request.params.id, actor: actorOf(request) }),
  );

  app.post(
    '/inquiries/:id/close',
    {
      config: { access: { roles: HANDLER_ROLES }, idempotent: true },
      schema: {
        tags: ['first-response'],
        summary: 'Close an inquiry (its handler or first responder); the first responder is told',
        description: 'The note is free text: no ID or mobile numbers.',
        params: z.object({ id: z.string().uuid() }),
        body: CloseInquiry,
        response: { 200: InquiryView },
      },
    },
    async (request) =>
      closeInquiry(db, {
        id: request.params.id,
        body: request.body,
        actor: actorOf(request),
        requestId: request.id,
        now: app.deps.now(),
      }),
  );

  registerListExport(app, INQUIRY_LIST_EXPORT);
};
