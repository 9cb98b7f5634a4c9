import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { databaseFault } from '../../shared/db-errors.ts';
import { AppError, problemSpec } from '../../shared/problem.ts';
import {
  encode,
  errorEnvelope,
  open311Status,
  splitFormat,
  type Open311Format,
  type WireValue,
} from './open311-format.ts';
import { fileRequest } from './open311-requests.ts';
import { getRequest, listRequests, listUpdates, requiredTown } from './open311-request-views.ts';
import { listServices, serviceDefinition } from './open311-services.ts';
import './open311.problems.ts';

const SPEC = 'http://wiki.open311.org/GeoReport_v2';
const CHANGESET = '2026-03-01T00:00:00+08:00';

function formatOfUrl(url: string): Open311Format {
  const path = url.split('?')[0] ?? '';
  return splitFormat(path.slice(path.lastIndexOf('/') + 1))?.format ?? 'json';
}

function send(
  reply: FastifyReply,
  format: Open311Format,
  root: string,
  value: WireValue,
  status = 200,
) {
  const { contentType, body } = encode(format, root, value);
  return reply.status(status).header('cache-control', 'no-store').type(contentType).send(body);
}

function sendError(reply: FastifyReply, format: Open311Format, err: AppError) {
  const spec = problemSpec(err.code);
  const status = open311Status(err.status);
  const { contentType, body } = errorEnvelope(format, [
    {
      code: status,
      description: `${err.code}: ${spec.zh} / ${spec.en}${err.detail ? ` (${err.detail})` : ''}`,
    },
  ]);
  if (err.retryAfterSeconds) void reply.header('retry-after', String(err.retryAfterSeconds));
  return reply.status(status).header('cache-control', 'no-store').type(contentType).send(body);
}

/** The path's last segment without its required .json/.xml suffix. */
function fileOf(file: string): { name: string; format: Open311Format } {
  const split = splitFormat(file);
  if (!split) throw new AppError('OPEN311_FORMAT_UNKNOWN');
  return split;
}

/**
 * Open311 GeoReport v2 under /open311/v2 (issue #15 point 7, X-9): every endpoint in JSON and XML
 * by its suffix, Open311's error envelope instead of problem+json, form-encoded POSTs as Open311
 * clients send them. Public like the spec (reads show no personal data); POST needs an API key.
 * See docs/open311.md.
 */
export const open311Routes: FastifyPluginAsyncZod = async (app) => {
  const db = app.kysely;
  const pii = app.deps.pii;
  const hide = { hide: true };

  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    },
  );

  app.setErrorHandler((error: FastifyError | AppError, request: FastifyRequest, reply) => {
    const format = formatOfUrl(request.url);
    if (error instanceof AppError) return sendError(reply, format, error);
    if (databaseFault(error)) {
      request.log.warn({ dbFault: databaseFault(error)?.reason }, 'database unavailable');
      return sendError(
        reply,
        format,
        new AppError('DATABASE_UNAVAILABLE', { retryAfterSeconds: 5 }),
      );
    }
    const status = 'statusCode' in error ? error.statusCode : undefined;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      request.log.info({ code: error.code }, 'open311 client error');
      return sendError(
        reply,
        format,
        new AppError('OPEN311_FIELD_INVALID', { detail: error.code }),
      );
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendError(reply, format, new AppError('INTERNAL'));
  });

  app.setNotFoundHandler((request, reply) =>
    sendError(reply, formatOfUrl(request.url), new AppError('ROUTE_NOT_FOUND')),
  );

  const jurisdictionOf = (request: FastifyRequest) =>
    (request.query as Record<string, string | undefined>).jurisdiction_id;

  app.get('/:file', { schema: hide }, async (request, reply) => {
    const { file } = request.params as { file: string };
    const { name, format } = fileOf(file);
    const now = app.deps.now();
    switch (name) {
      case 'discovery': {
        const base = `${app.deps.config.publicUrl.replace(/\/$/, '')}/open311/v2`;
        return send(reply, format, 'discovery', {
          changeset: CHANGESET,
          contact:
            '家门口 Doorstep — 请联系所在乡镇的系统管理员 / contact the town’s administrator',
          key_service: '由乡镇系统管理员在家门口工作台签发 / issued by the town’s administrator',
          endpoints: [
            {
              specification: SPEC,
              url: base,
              changeset: CHANGESET,
              type: 'production',
              formats: ['application/json', 'text/xml'],
            },
          ],
        });
      }
      case 'services': {
        const town = await requiredTown(db, jurisdictionOf(request));
        return send(reply, format, 'services', await listServices(db, town.code));
      }
      case 'requests':
        return send(reply, format, 'service_requests', await listRequests(db, request.query, now));
      case 'servicerequestupdates':
        return send(
          reply,
          format,
          'service_request_updates',
          await listUpdates(db, request.query, now),
        );
      default:
        throw new AppError('ROUTE_NOT_FOUND');
    }
  });

  app.get('/services/:file', { schema: hide }, async (request, reply) => {
    const { name, format } = fileOf((request.params as { file: string }).file);
    const town = await requiredTown(db, jurisdictionOf(request));
    return send(reply, format, 'service_definition', await serviceDefinition(db, town.code, name));
  });

  app.get('/requests/:file', { schema: hide }, async (request, reply) => {
    const { name, format } = fileOf((request.params as { file: string }).file);
    return send(
      reply,
      format,
      'service_requests',
      await getRequest(db, { id: name, query: request.query }),
    );
  });

  app.post('/:file', { schema: hide, bodyLimit: 64 * 1024 }, async (request, reply) => {
    const { name, format } = fileOf((request.params as { file: string }).file);
    if (name !== 'requests') throw new AppError('ROUTE_NOT_FOUND');
    const header = request.headers['idempotency-key'];
    if (typeof header === 'string' && !/^[\x21-\x7e]{1,200}$/.test(header))
      throw new AppError('OPEN311_FIELD_INVALID', { detail: 'Idempotency-Key' });
    const answer = await fileRequest(db, pii, {
      // Open311 clients may put jurisdiction_id and api_key in the query string.
      fields: { ...(request.query as object), ...(request.body ?? {}) },
      idempotencyKey: typeof header === 'string' && header.length > 0 ? header : undefined,
      requestId: request.id,
      now: app.deps.now(),
    });
    return send(reply, format, 'service_requests', answer, 201);
  });
};
