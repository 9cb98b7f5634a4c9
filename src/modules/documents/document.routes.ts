import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { caseDocumentPdf, type CaseDocumentKind } from './document.service.ts';
import { actorOf } from '../../shared/route-actor.ts';

const CASE_STAFF = [
  'admin',
  'supervisor',
  'district_officer',
  'town_officer',
  'clerk',
  'agent',
] as const;

const ROUTES: { kind: CaseDocumentKind; path: string; summary: string }[] = [
  {
    kind: 'receipt',
    path: '/cases/:id/receipt.pdf',
    summary: 'The receipt (受理回执) as a printable A4 PDF with the tracking QR code',
  },
  {
    kind: 'notice',
    path: '/cases/:id/notice.pdf',
    summary: 'The one-time notice (一次性告知书) as a printable A4 PDF with the tracking QR code',
  },
];

/** Printed papers of a case (GS-5, GS-9): whoever may read the case may print them. */
export const documentRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.kysely;
  for (const route of ROUTES) {
    app.get(
      route.path,
      {
        config: { access: { roles: CASE_STAFF } },
        schema: {
          tags: ['cases'],
          summary: route.summary,
          description:
            'application/pdf; 503 DOCUMENT_FONT_MISSING when the server has no CJK font.',
          params: z.object({ id: z.string().uuid() }),
        },
      },
      async (request, reply) => {
        const pdf = await caseDocumentPdf(db, {
          kind: route.kind,
          id: request.params.id,
          actor: actorOf(request),
          now: app.deps.now(),
          publicUrl: app.deps.config.publicUrl,
          pii: app.deps.pii,
        });
        return reply
          .type('application/pdf')
          .header(
            'content-disposition',
            `inline; filename="${pdf.filename}"; filename*=UTF-8''${encodeURIComponent(pdf.localName)}`,
          )
          .header('cache-control', 'private, no-store')
          .header('x-content-type-options', 'nosniff')
          .send(pdf.body);
      },
    );
  }
};
