import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { pingDatabase } from '../db/connection.ts';
import { accountRoutes } from '../modules/auth/accounts.routes.ts';
import { authRoutes } from '../modules/auth/auth.routes.ts';
import { capabilityResolver } from './capabilities.ts';
import { attachmentRoutes } from '../modules/attachments/attachment.routes.ts';
import { auditRoutes } from '../modules/audit/audit.routes.ts';
import { auditListExport } from '../modules/audit/audit-list-export.ts';
import { setListExportAuditor } from '../shared/list-export/list-export.route.ts';
import { caseFigureRoutes } from '../modules/cases/case-figures.routes.ts';
import { supervisionRoutes } from '../modules/first-response/supervision.routes.ts';
import { agentRoutes } from '../modules/agents/agents.routes.ts';
import { caseRoutes } from '../modules/cases/case.routes.ts';
import { caseOnlineRoutes } from '../modules/cases/case-online.routes.ts';
import { firstResponseRoutes } from '../modules/first-response/first-response.routes.ts';
import { orderRoutes } from '../modules/orders/orders.routes.ts';
import { escalationRoutes } from '../modules/escalations/escalation.routes.ts';
import { activityRoutes } from '../modules/activities/activities.routes.ts';
import { appointmentRoutes } from '../modules/appointments/appointments.routes.ts';
import { queueRoutes } from '../modules/appointments/queue.routes.ts';
import { notificationRoutes } from '../modules/notifications/notifications.routes.ts';
import { colleagueRoutes } from '../modules/first-response/colleagues.ts';
import { catalogRoutes } from '../modules/catalog/catalog.routes.ts';
import { setupRoutes } from '../modules/setup/setup.routes.ts';
import { importRoutes } from '../modules/imports/imports.routes.ts';
import { calendarRoutes } from '../modules/calendar/calendar.routes.ts';
import { recomputeDueDates } from '../modules/cases/case-due-dates.ts';
import { recomputeHandoffDueDates } from '../modules/first-response/handoff-due-dates.ts';
import { documentRoutes } from '../modules/documents/document.routes.ts';
import { closePdfPool, configurePdfPool, usePdfWorker } from '../modules/documents/pdf-pool.ts';
import { PDF_WORKER_URL } from '../workers/pdf-worker-url.ts';
import { programRoutes } from '../modules/programs/programs.routes.ts';
import { enrolmentPageRoutes } from '../modules/programs/enrolments-page.routes.ts';
import { programOrganiserRoutes } from '../modules/programs/programs-organiser.routes.ts';
import { programLotteryRoutes } from '../modules/programs/programs-lottery.routes.ts';
import { programFigureRoutes } from '../modules/programs/programs-figures.routes.ts';
import { programDayRoutes } from '../modules/programs/programs-day.routes.ts';
import { postRoutes } from '../modules/posts/posts.routes.ts';
import { trainingRoutes } from '../modules/training/training.routes.ts';
import { homeVisitRoutes } from '../modules/home-visits/home-visits.routes.ts';
import { open311KeyRoutes } from '../modules/open311/open311-keys.routes.ts';
import { open311Routes } from '../modules/open311/open311.routes.ts';
import { webhookRoutes } from '../modules/webhooks/webhooks.routes.ts';
import { registerWebhookPorts } from '../modules/webhooks/webhooks-ports.ts';
import { messageRoutes } from '../modules/messages/messages.routes.ts';
import { recordsRoutes } from '../modules/records/records.routes.ts';
import { ratingRoutes } from '../modules/ratings/ratings.routes.ts';
import { ratingStaffRoutes } from '../modules/ratings/ratings-staff.routes.ts';
import { registerRatingPorts } from '../modules/ratings/ratings-ports.ts';
import { registerOfferSms } from '../modules/programs/offer-sms.ts';
import { regionRoutes } from '../modules/regions/regions.routes.ts';
import { residentRoutes } from '../modules/residents/residents.routes.ts';
import { volunteerRoutes } from '../modules/volunteers/volunteers.routes.ts';
import { vsRoutes } from '../modules/volunteers/vs.routes.ts';
import { registerAuth } from './auth.plugin.ts';
import { DATABASE_RETRY_AFTER_SECONDS, registerErrorHandling } from './errors.plugin.ts';
import { registerIdempotency } from './idempotency.plugin.ts';
import { logOptions, requestIdFor } from './logging.ts';
import { fastifyTrustProxy } from './trust-proxy.ts';
import { metaRoutes } from './meta.routes.ts';
import { tlsServerOptions } from './tls.ts';
import {
  apiSecurityHeaders,
  helmetOptions,
  registerCompression,
  registerWebStatic,
} from './web-delivery.ts';
import { AppError, problemBody } from '../shared/problem.ts';
import './problem-tables.ts';
import type { AppDeps } from './types.ts';
import { webEntryResolver } from './web-entries.ts';

export interface BuildOptions {
  /** Where log lines go (tests capture them); stdout by default. */
  logStream?: NodeJS.WritableStream;
}

export async function buildApp(deps: AppDeps, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const loggerOptions: FastifyServerOptions['logger'] = {
    ...logOptions(deps.config.logLevel),
    ...(opts.logStream ? { stream: opts.logStream } : {}),
  };
  const app = Fastify({
    logger: loggerOptions,
    bodyLimit: deps.config.bodyLimitBytes,
    trustProxy: fastifyTrustProxy(deps.config.trustProxy),
    requestIdHeader: false, // a client's x-request-id is checked by requestIdFor
    genReqId: requestIdFor,
    ajv: { customOptions: { removeAdditional: false } },
    ...tlsServerOptions(deps.config),
  }).withTypeProvider<ZodTypeProvider>();

  // JSON only: refusing text/plain also closes the "simple request" door for cross-site writes.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('deps', deps);
  app.decorate('kysely', deps.db.kysely);
  app.decorate('reader', deps.db.reader);
  configurePdfPool(deps.config.pdfPool);
  registerRatingPorts({ publicUrl: deps.config.publicUrl });
  registerWebhookPorts();
  registerOfferSms(deps.pii);
  setListExportAuditor(auditListExport);
  usePdfWorker(PDF_WORKER_URL);
  app.addHook('onClose', closePdfPool);

  await app.register(cookie);
  // API routes skip helmet (registered before it, so its onRoute sees the flag) and get their
  // headers precomputed once (web-delivery.ts apiSecurityHeaders).
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/')) route.helmet = false;
  });
  await app.register(helmet, helmetOptions(deps.config));
  const apiHeaders = apiSecurityHeaders(deps.config);
  app.addHook('onRequest', (request, reply, done) => {
    if (request.routeOptions.url?.startsWith('/api/')) void reply.headers(apiHeaders);
    done();
  });
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  // Answers of the API are personal and change: no browser or proxy may keep them.
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control'))
      void reply.header('cache-control', 'no-store');
  });
  for (const warning of deps.config.startupWarnings) app.log.warn(warning);
  registerErrorHandling(app);
  registerAuth(app);
  registerIdempotency(app);
  await registerCompression(app); // after the hooks that read answers (idempotency stores them)

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Doorstep (家门口) API',
        version: '0.1.0',
        description:
          'Errors are application/problem+json with a stable `code`. Creating POSTs honour `Idempotency-Key`. Authenticate with the `ds_session` cookie (web) or `Authorization: Bearer <token>` from POST /api/v1/auth/tokens.',
      },
      components: {
        securitySchemes: {
          cookieAuth: { type: 'apiKey', in: 'cookie', name: 'ds_session' },
          bearerAuth: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  if (deps.config.apiDocs) await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await pingDatabase(deps.db);
      return { status: 'ready', database: deps.db.dialect };
    } catch {
      return reply
        .status(503)
        .header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS))
        .send({ status: 'unavailable', database: deps.db.dialect });
    }
  });

  await app.register(
    async (api) => {
      await api.register(metaRoutes);
      await api.register(authRoutes, { capabilities: capabilityResolver });
      await api.register(accountRoutes, { capabilities: capabilityResolver });
      await api.register(regionRoutes);
      await api.register(residentRoutes);
      await api.register(auditRoutes);
      await api.register(catalogRoutes);
      await api.register(setupRoutes);
      await api.register(importRoutes);
      await api.register(calendarRoutes, {
        dependents: {
          recomputeCaseDueDates: recomputeDueDates,
          recomputeHandoffDueDates,
        },
      });
      await api.register(caseFigureRoutes);
      await api.register(supervisionRoutes);
      await api.register(caseRoutes);
      await api.register(caseOnlineRoutes);
      await api.register(firstResponseRoutes);
      await api.register(notificationRoutes);
      await api.register(orderRoutes);
      await api.register(agentRoutes);
      await api.register(attachmentRoutes);
      await api.register(documentRoutes);
      await api.register(escalationRoutes);
      await api.register(colleagueRoutes);
      await api.register(appointmentRoutes);
      await api.register(queueRoutes);
      await api.register(activityRoutes);
      await api.register(recordsRoutes);
      await api.register(volunteerRoutes);
      await api.register(vsRoutes);
      await api.register(programFigureRoutes);
      await api.register(programRoutes);
      await api.register(enrolmentPageRoutes);
      await api.register(programOrganiserRoutes);
      await api.register(programLotteryRoutes);
      await api.register(programDayRoutes);
      await api.register(postRoutes);
      await api.register(trainingRoutes);
      await api.register(ratingRoutes);
      await api.register(ratingStaffRoutes);
      await api.register(homeVisitRoutes);
      await api.register(open311KeyRoutes);
      await api.register(webhookRoutes);
      await api.register(messageRoutes);
    },
    { prefix: '/api/v1' },
  );
  // Open311 GeoReport v2 (issue #15 point 7): its own envelope and formats, outside /api/v1.
  await app.register(open311Routes, { prefix: '/open311/v2' });

  const index = path.join(deps.config.webDist, 'index.html');
  const hasWeb = fs.existsSync(index);
  const entryFor = webEntryResolver(deps.config.webDist);
  if (hasWeb) {
    await registerWebStatic(app, deps.config.webDist);
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.method !== 'GET' || !hasWeb) {
      return reply
        .status(404)
        .type('application/problem+json')
        .send(problemBody(new AppError('ROUTE_NOT_FOUND'), request.locale, request.id));
    }
    return reply.type('text/html').sendFile(entryFor(request.url)); // client-side routes
  });

  return app;
}
