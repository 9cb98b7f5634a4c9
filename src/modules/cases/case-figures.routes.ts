import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CaseFigureQuery,
  FigureCounts,
  FIGURE_READERS,
  stationCaseFigures,
} from './case-figures.ts';
import { CASE_FIGURES_EXPORT } from './case-figures.export.ts';
import { CaseDrillQuery, caseFiguresDrill, DrillRowSchema } from './case-figures.drill.ts';
import { registerListExport } from '../../shared/list-export/list-export.route.ts';
import { actorOf } from '../../shared/route-actor.ts';

export const caseFigureRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/cases/figures',
    {
      config: { access: { roles: FIGURE_READERS } },
      schema: {
        tags: ['cases'],
        summary:
          'Per station (with its district and town, for the drill-down): filed, accepted, open, overdue, paused, 通办 and the second-request rate; ?regionCode= a district or town',
        querystring: CaseFigureQuery,
        response: {
          200: z.array(
            FigureCounts.extend({
              stationId: z.string(),
              stationName: z.string(),
              regionCode: z.string(),
              districtCode: z.string(),
              districtName: z.string(),
              townCode: z.string(),
              townName: z.string(),
            }),
          ),
        },
      },
    },
    async (request) =>
      stationCaseFigures(app.reader, {
        actor: actorOf(request),
        now: app.deps.now(),
        regionCode: request.query.regionCode,
      }),
  );

  app.get(
    '/cases/figures/drill',
    {
      config: { access: { roles: FIGURE_READERS } },
      schema: {
        tags: ['cases'],
        summary:
          'The region drill-down summed by the server: one row per district (by=district), per town (by=town) or per station (by=station) of the reach, within ?regionCode=; most overdue first',
        querystring: CaseDrillQuery,
        response: { 200: z.array(DrillRowSchema) },
      },
    },
    async (request) =>
      caseFiguresDrill(app.reader, {
        actor: actorOf(request),
        now: app.deps.now(),
        by: request.query.by,
        regionCode: request.query.regionCode,
      }),
  );

  registerListExport(app, CASE_FIGURES_EXPORT);
};
