import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CaseFigureQuery,
  FIGURE_READERS,
  stationCaseFigures,
  StationFigureView,
} from './case-figures.ts';
import { CaseFigurePageQuery, pageStationCaseFigures } from './case-figures.page.ts';
import { keysetPageSchema } from '../../shared/keyset.ts';
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
        response: { 200: z.array(StationFigureView) },
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
    '/cases/figures/page',
    {
      config: { access: { roles: FIGURE_READERS } },
      schema: {
        tags: ['cases'],
        summary:
          'The same per-station figures paged by keyset (region code, then station): only the page’s stations are read, so a whole city’s table costs what a district’s does; nextCursor for the next page, total exact or estimated (totalExact)',
        querystring: CaseFigurePageQuery,
        response: { 200: keysetPageSchema(StationFigureView) },
      },
    },
    async (request) =>
      pageStationCaseFigures(app.reader, {
        actor: actorOf(request),
        now: app.deps.now(),
        regionCode: request.query.regionCode,
        after: request.query.after,
        limit: request.query.limit,
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
