/** Issue #16 p5: a guardian's enrolments by keyset, beside GET /programs/enrolments. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AfterCursor, keysetPageSchema } from '../../shared/keyset.ts';
import { actorOf } from '../../shared/route-actor.ts';
import { pageMyEnrolments } from './list-enrolments.ts';
import { EnrolmentView } from './programs.schema.ts';

const GUARDIAN = ['guardian'] as const;

export const enrolmentPageRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/programs/enrolments/page',
    {
      config: { access: { roles: GUARDIAN } },
      schema: {
        tags: ['programs'],
        summary:
          'My children’s enrolments paged by keyset (newest first): nextCursor for the next page, total exact or estimated (totalExact)',
        querystring: z.strictObject({
          after: AfterCursor,
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: keysetPageSchema(EnrolmentView) },
      },
    },
    async (request) => pageMyEnrolments(app.kysely, { ...request.query, actor: actorOf(request) }),
  );
};
