import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../shared/route-actor.ts';
import {
  ProgramFiguresQuery,
  ProgramFiguresView,
  ProgramFiguresWorkbookQuery,
} from './program-figures.schema.ts';
import { PROGRAM_FIGURE_ROLES, programFigures } from './program-figures.service.ts';
import { programFiguresWorkbook, XLSX_CONTENT_TYPE } from './program-figures.workbook.ts';

const tags = ['programs'];
const HOW =
  'Default region: the caller’s grant; default period: 1 January of the end year to today. Programs counted: not cancelled, inside the region, season sharing a day with the period. See program-figures.service.ts for how each figure is counted. An organiser reaches their grant’s region only.';

/** CP-5 figures per region level and per program, as JSON and as an Excel workbook. */
export const programFigureRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/programs/figures',
    {
      config: { access: { roles: PROGRAM_FIGURE_ROLES } },
      schema: {
        tags,
        summary: 'Program figures for a region and period, per child region and per program (CP-5)',
        description: HOW,
        querystring: ProgramFiguresQuery,
        response: { 200: ProgramFiguresView },
      },
    },
    async (request) =>
      programFigures(app.reader, {
        ...request.query,
        actor: actorOf(request),
        now: app.deps.now(),
      }),
  );

  app.get(
    '/programs/figures.xlsx',
    {
      config: { access: { roles: PROGRAM_FIGURE_ROLES } },
      schema: {
        tags,
        summary: 'The program figures as Excel: summary, regions, programs (CP-5)',
        description: `${HOW} Headers, sheet names and words in one language: \`lang\` (zh-CN, the default, or en).`,
        querystring: ProgramFiguresWorkbookQuery,
      },
    },
    async (request, reply) => {
      const file = await programFiguresWorkbook(app.reader, {
        ...request.query,
        actor: actorOf(request),
        now: app.deps.now(),
      });
      return reply
        .type(XLSX_CONTENT_TYPE)
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .header('cache-control', 'private, no-store')
        .send(file.body);
    },
  );
};
