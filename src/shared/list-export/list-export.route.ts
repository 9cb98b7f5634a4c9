/**
 * One mechanism for "every list exports to Excel" (issue #15 X-8): a list declares its columns and
 * a row source paging through its own query; this registers `GET <list>/export.xlsx?<filters>`,
 * with the list's roles and filters (paging left out), audits who exported what with which
 * filters, and streams the workbook. A refused filter or scope answers problem+json before any
 * byte of the file is sent. The coverage test (test/integration/list-export-coverage.test.ts)
 * fails for a supervisor's list without one.
 */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../actor.ts';
import { chinaDate } from '../china-time.ts';
import type { Role } from '../roles.ts';
import { actorOf } from '../route-actor.ts';
import { primed } from './export-pages.ts';
import {
  streamXlsx,
  XLSX_CONTENT_TYPE,
  type ExportColumn,
  type ExportLanguage,
} from './xlsx-stream.ts';

/** What the audit log records of an export: the list, its filters, the language. */
export interface ListExportEvent {
  actor: Actor;
  roles: readonly Role[];
  list: string;
  filters: Record<string, unknown>;
  lang: ExportLanguage;
  requestId: string;
  now: Date;
}
export type ListExportAuditor = (db: Kysely<Database>, event: ListExportEvent) => Promise<void>;

/**
 * The port through which an export is audited: the kernel imports no module, so the composition
 * root (server/app.ts) plugs in the audit module's writer.
 */
let auditor: ListExportAuditor | null = null;
export function setListExportAuditor(a: ListExportAuditor) {
  auditor = a;
}

export interface ListExport<S extends z.ZodObject, R> {
  /** The list's own path (`/cases`); the export answers at `<list>/export.xlsx`. */
  list: string;
  /** Where the export answers when `<list>/export.xlsx` is taken by an older report. */
  at?: string;
  tag: string;
  roles: readonly Role[];
  /** The list's querystring without its paging (limit, offset, beforeSeq). */
  filters: S;
  /** Sheet name; the file is named `<file>-<date>.xlsx`. */
  sheet: { zh: string; en: string };
  file: string;
  columns: readonly ExportColumn<R>[];
  /** The list's rows in batches, read with the list's own query, filters and scope. */
  rows: (input: {
    db: Kysely<Database>;
    filters: z.infer<S>;
    actor: Actor;
    now: Date;
  }) => AsyncIterable<readonly R[]>;
}

const Lang = z.enum(['zh-CN', 'en']);

export function registerListExport<S extends z.ZodObject, R>(
  app: FastifyInstance,
  def: ListExport<S, R>,
) {
  app.get(
    def.at ?? `${def.list}/export.xlsx`,
    {
      config: { access: { roles: def.roles } },
      schema: {
        tags: [def.tag],
        summary: `The list ${def.list} with the same filters, as an Excel workbook (streamed, audited)`,
        querystring: def.filters.extend({ lang: Lang.optional() }),
      },
    },
    async (request, reply) => {
      const { lang: asked, ...filters } = request.query as z.infer<S> & { lang?: ExportLanguage };
      const lang: ExportLanguage = asked ?? (request.locale === 'en' ? 'en' : 'zh-CN');
      const actor = actorOf(request);
      const now = app.deps.now();
      const batches = await primed(
        def.rows({ db: app.reader, filters: filters as z.infer<S>, actor, now }),
      );
      if (!auditor) throw new Error('list exports are audited: setListExportAuditor first');
      await auditor(app.kysely, {
        actor,
        roles: def.roles,
        list: def.list,
        filters,
        lang,
        requestId: request.id,
        now,
      });
      const body = await streamXlsx({ sheet: def.sheet, columns: def.columns, batches, lang, now });
      return reply
        .type(XLSX_CONTENT_TYPE)
        .header('content-disposition', `attachment; filename="${def.file}-${chinaDate(now)}.xlsx"`)
        .header('cache-control', 'private, no-store')
        .send(body);
    },
  );
}
