import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FIGURE_READERS } from '../cases/case-figures.ts';
import { supervisionWorkbook, XLSX_CONTENT_TYPE } from './supervision-workbook.ts';
import { actorOf } from '../../shared/route-actor.ts';

/**
 * The supervisor's workbook of overdue cases and pending hand-offs. It lives with the hand-offs
 * (first-response sits above cases), under the cases' address it always had.
 */
export const supervisionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/cases/supervision.xlsx',
    {
      config: { access: { roles: FIGURE_READERS } },
      schema: {
        tags: ['cases'],
        summary:
          'The supervisor’s lists as Excel: overdue cases, pending hand-offs, per-station figures',
        description:
          'Three sheets: 超期办件 (running cases past their due date), 待接收转交 (pending hand-offs; 已超期 marks overdue ones) and 各站数据 (the figures of GET /cases/figures). Rows in the caller’s reach. Headers, sheet names and words in one language: `lang` (zh-CN, the default, or en).',
        querystring: z.object({ lang: z.enum(['zh-CN', 'en']).optional() }),
      },
    },
    async (request, reply) => {
      const file = await supervisionWorkbook(app.kysely, {
        actor: actorOf(request),
        now: app.deps.now(),
        lang: request.query.lang,
      });
      return reply
        .type(XLSX_CONTENT_TYPE)
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .header('cache-control', 'private, no-store')
        .send(file.body);
    },
  );
};
