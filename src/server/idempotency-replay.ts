import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { IdempotencyKeyTable } from '../db/schema.ts';
import { AppError } from '../shared/problem.ts';

export interface IdempotentRoute {
  url: string;
  idempotent: boolean | 'secret-answer';
  successStatus: number;
  /** The route's declared 2xx response schema (compared by identity with the GET's). */
  successSchema: unknown;
}

/**
 * Where a created resource can be read, by the audited entity type. A replay goes through this GET
 * only when it declares the very same response schema as the creating POST (so the client gets the
 * shape it asked for, in its current state); otherwise the 409 names this location.
 */
export const RESOURCE_LOCATIONS: Readonly<Record<string, string>> = {
  case: '/api/v1/cases/:id',
  resident: '/api/v1/residents/:id',
  inquiry: '/api/v1/inquiries/:id',
  handoff: '/api/v1/handoffs/:id',
  station: '/api/v1/stations/:id',
  region: '/api/v1/regions/:code',
  catalog_item: '/api/v1/catalog/items/:code',
  attachment: '/api/v1/attachments/:id',
  vs_volunteer: '/api/v1/volunteers/:id',
  vs_team: '/api/v1/vs/teams/:id',
  vs_resource: '/api/v1/vs/resources/:id',
  vs_project: '/api/v1/vs/projects/:id',
  vs_order: '/api/v1/vs/orders/:id',
  vs_activity: '/api/v1/vs/activities/:id',
  vs_certificate: '/api/v1/vs/certificates/:id',
  program: '/api/v1/programs/:id',
  home_visit: '/api/v1/home-visits/:id',
};

export function locationOf(resourceType: string | null, resourceId: string | null) {
  const template = resourceType ? RESOURCE_LOCATIONS[resourceType] : undefined;
  if (!template || !resourceId) return null;
  return { template, url: template.replace(/:[a-z]+$/i, encodeURIComponent(resourceId)) };
}

/**
 * The first request under this key committed but its answer was never stored (its node died).
 * The key stays spent: answer with the created resource, never run the write again.
 */
export async function replayCommitted(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  row: IdempotencyKeyTable,
  opts: {
    secret: boolean;
    route: IdempotentRoute | undefined;
    getSchema: (url: string) => unknown;
  },
) {
  const location = locationOf(row.resource_type, row.resource_id);
  const route = opts.route;
  if (
    location &&
    route &&
    !opts.secret &&
    route.successSchema !== undefined &&
    opts.getSchema(location.template) === route.successSchema
  ) {
    const res = await app.inject({
      method: 'GET',
      url: location.url,
      headers: forwardedAuth(request),
    });
    if (res.statusCode === 200) {
      const body = res.body;
      await app.kysely
        .updateTable('idempotency_keys')
        .set({
          state: 'done',
          status_code: route.successStatus,
          response_body: body,
          completed_at: app.deps.now().toISOString(),
        })
        .where('account_id', '=', row.account_id)
        .where('key', '=', row.key)
        .where('state', '=', 'committed')
        .execute();
      return reply
        .status(route.successStatus)
        .header('idempotent-replayed', 'true')
        .header('location', location.url)
        .type('application/json')
        .send(body);
    }
  }
  if (location) void reply.header('location', location.url);
  throw new AppError('IDEMPOTENCY_KEY_COMMITTED', {
    extensions: {
      resource: row.resource_type ? { type: row.resource_type, id: row.resource_id } : null,
      ...(location ? { location: location.url } : {}),
    },
  });
}

function forwardedAuth(request: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of ['authorization', 'cookie', 'accept-language'] as const) {
    const value = request.headers[name];
    if (typeof value === 'string') out[name] = value;
  }
  return out;
}
