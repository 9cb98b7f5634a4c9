import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CaseFigureQuery,
  FigureCounts,
  FIGURE_READERS,
  stationCaseFigures,
} from './case-figures.ts';
import { caseFiguresExport } from './case-figures.export.ts';
import { CaseDrillQuery, caseFiguresDrill, DrillRowSchema } from './case-figures.drill.ts';
import { registerListExport } from '../../shared/list-export/list-export.route.ts';
import { actorOf } from '../../shared/route-actor.ts';

export const caseFigureRoutes: FastifyPluginAsyncZod = async (app) => {
  // GS-8: the lights' yellow window, as the cases list's (case.routes.ts).
  const yellowWithinWorkingDays = app.deps.config.deadlineYellowWorkingDays;
  app.get(
    '/cases/figures',
    {
      config: { access: { roles: FIGURE_READERS } },
      schema: {
        tags: ['cases'],
        summary:
          'Per station (with its district and town, for the drill-down): filed, accepted, open — by deadline light as the cases list shows it: overdue (red), yellow, green, paused, none (no running clock) — 通办 and the second-request rate; ?regionCode= a district or town',
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
        yellowWithinWorkingDays,
      }),
  );

  app.get(
    '/cases/figures/drill',
    {
      config: { access: { roles: FIGURE_READERS } },
      schema: {
        tags: ['cases'],
        summary:
          'The region drill-down summed by the server: one row per district (by=district), per town (by=town) or per station (by=station) of the reach, within ?regionCode=, with the open cases by deadline light; most overdue first, then most yellow',
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
        yellowWithinWorkingDays,
      }),
  );

  registerListExport(app, caseFiguresExport(yellowWithinWorkingDays));
};
