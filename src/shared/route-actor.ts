import type { FastifyRequest } from 'fastify';
import type { Actor } from './actor.ts';
import { AppError } from './problem.ts';

/**
 * The logged-in caller of a route that declares roles. The auth plugin has already refused
 * anonymous callers of such routes; this hands handlers a typed `Actor` (never `null`, never a
 * non-null assertion) and refuses loudly if a route ever reaches it without one.
 */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED');
  return request.actor;
}
