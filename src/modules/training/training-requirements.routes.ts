import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../shared/route-actor.ts';
import { listRequirements, setRequirement } from './competence-requirements.ts';
import { trainingFigures } from './training-figures.ts';
import { trainingFiguresWorkbook, XLSX_CONTENT_TYPE } from './training-figures.workbook.ts';
import { TRAINING_READERS, TRAINING_WRITERS } from './training-town.ts';
import {
  FiguresQuery,
  FiguresWorkbookQuery,
  RequirementBody,
  RequirementQuery,
  RequirementView,
  TrainingFigures,
} from './training.schema.ts';
import { registerListExport } from '../../shared/list-export/list-export.route.ts';
import { REQUIREMENT_LIST_EXPORT } from './training-lists.export.ts';

const tags = ['training'];

/** GS-12 the town's required items and the training figures. */
export const trainingRequirementRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.kysely;

  app.get(
    '/training/requirements',
    {
      config: { access: { roles: TRAINING_READERS } },
      schema: {
        tags,
        summary: 'Items the towns in my reach require a competence for (on and off)',
        querystring: RequirementQuery,
        response: { 200: z.array(RequirementView) },
      },
    },
    async (request) =>
      listRequirements(db, { ...request.query, actor: actorOf(request), now: app.deps.now() }),
  );

  app.put(
    '/training/requirements/:itemCode',
    {
      config: { access: { roles: TRAINING_WRITERS } },
      schema: {
        tags,
        summary: 'Require (or stop requiring) a competence for an item in my town; audited',
        params: z.object({ itemCode: z.string().trim().min(1).max(40) }),
        body: RequirementBody,
        response: { 200: RequirementView },
      },
    },
    async (request) =>
      setRequirement(db, {
        itemCode: request.params.itemCode,
        required: request.body.required,
        townCode: request.body.townCode,
        actor: actorOf(request),
        requestId: request.id,
        now: app.deps.now(),
      }),
  );

  app.get(
    '/training/figures',
    {
      config: { access: { roles: TRAINING_READERS } },
      schema: {
        tags,
        summary:
          'Per station: staff trained in the period, items covered, required items with no holder',
        querystring: FiguresQuery,
        response: { 200: TrainingFigures },
      },
    },
    async (request) =>
      trainingFigures(db, { ...request.query, actor: actorOf(request), now: app.deps.now() }),
  );

  app.get(
    '/training/figures.xlsx',
    {
      config: { access: { roles: TRAINING_READERS } },
      schema: {
        tags,
        summary: 'The training figures as Excel (stations, gaps); `lang` zh-CN or en',
        querystring: FiguresWorkbookQuery,
      },
    },
    async (request, reply) => {
      const file = await trainingFiguresWorkbook(db, {
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

  registerListExport(app, REQUIREMENT_LIST_EXPORT);
};
