import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FIGURE_READERS, stationCaseFigures } from './case-figures.ts';
import { actorOf } from '../../shared/route-actor.ts';

export const caseFigureRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/cases/figures',
    {
      config: { access: { roles: FIGURE_READERS } },
      schema: {
        tags: ['cases'],
        summary:
          'Per station: filed, accepted, open, overdue, paused, 通办 and the second-request rate',
        response: {
          200: z.array(
            z.object({
              stationId: z.string(),
              stationName: z.string(),
              regionCode: z.string(),
              filed: z.number(),
              accepted: z.number(),
              open: z.number(),
              overdue: z.number(),
              paused: z.number(),
              tongban: z.number(),
              secondRequests: z.number(),
              secondRequestRate: z.number(),
            }),
          ),
        },
      },
    },
    async (request) =>
      stationCaseFigures(app.reader, { actor: actorOf(request), now: app.deps.now() }),
  );
};
