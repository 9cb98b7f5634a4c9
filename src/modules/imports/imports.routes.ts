import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../shared/route-actor.ts';
import { SHEET_NAME_OF } from './import-columns.ts';
import { applyImport, blankTemplate, dryRunImport, prefilledTemplate } from './import-run.ts';
import { ANY_IMPORTER } from './imports.access.ts';
import { XLSX_CONTENT_TYPE } from './import-sheet.ts';
import {
  GeneralApplyKindParam,
  ImportAppliedView,
  ImportFileBody,
  ImportKindParam,
  ImportPlanView,
  presentPlan,
  TemplateQuery,
} from './imports.schema.ts';
import { staffImportRoutes } from './staff-import.routes.ts';
import { BODY_LIMIT, fileOf, refusedInWords } from './import-http.ts';

/** Each kind checks its own importers (imports.access.ts); the route lets any of them in. */
const ACCESS = { access: { roles: ANY_IMPORTER } } as const;

/** Issue #15 point 3: people by Excel — template, dry run, apply. */
export const importRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = { db: app.kysely, pii: app.deps.pii };
  await app.register(staffImportRoutes);

  app.get(
    '/imports/:kind/template',
    {
      config: ACCESS,
      schema: {
        tags: ['imports'],
        summary:
          'The .xlsx template of an import: Chinese headers and one example row (stations with ?region=: one row per village, town and district of the region that has no station yet)',
        params: ImportKindParam,
        querystring: TemplateQuery,
      },
    },
    async (request, reply) => {
      const { kind } = request.params;
      const { region } = request.query;
      const name = `${SHEET_NAME_OF[kind]}导入模板.xlsx`;
      void reply.header(
        'content-disposition',
        `attachment; filename="${kind}-template.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
      );
      const file =
        region === undefined
          ? await blankTemplate({ kind, actor: actorOf(request) })
          : await prefilledTemplate(deps, { kind, region, actor: actorOf(request) });
      return reply.type(XLSX_CONTENT_TYPE).send(file);
    },
  );

  app.post(
    '/imports/:kind/dry-run',
    {
      config: ACCESS,
      bodyLimit: BODY_LIMIT,
      schema: {
        tags: ['imports'],
        summary: 'What importing the file would create, change and refuse, by row; writes nothing',
        params: ImportKindParam,
        body: ImportFileBody,
        response: { 200: ImportPlanView },
      },
    },
    async (request) => {
      const plan = await dryRunImport(deps, {
        kind: request.params.kind,
        file: fileOf(request.body),
        actor: actorOf(request),
        now: app.deps.now(),
      });
      return presentPlan(plan, request.locale);
    },
  );

  app.post(
    '/imports/:kind/apply',
    {
      config: { ...ACCESS, idempotent: true },
      bodyLimit: BODY_LIMIT,
      schema: {
        tags: ['imports'],
        summary:
          'Import the file, all or nothing, with one audit event; refused (422, every row listed) while any row is refused',
        params: GeneralApplyKindParam,
        body: ImportFileBody,
        response: { 200: ImportAppliedView },
      },
    },
    async (request) => {
      try {
        const applied = await applyImport(deps, {
          kind: request.params.kind,
          file: fileOf(request.body),
          actor: actorOf(request),
          requestId: request.id,
          now: app.deps.now(),
        });
        return presentPlan(applied, request.locale);
      } catch (err) {
        throw refusedInWords(err, request.locale);
      }
    },
  );
};
