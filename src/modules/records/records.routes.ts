/**
 * VS-8 … VS-10 over HTTP: a volunteer's record, training and awards, certificates (issue, revoke,
 * PDF, public verification), star packs and figures.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addRecordEntry, getMyRecord, getRecord } from './record.service.ts';
import {
  certificateCandidates,
  pageCertificateCandidates,
  certificatePdf,
  getCertificate,
  listCertificates,
  pageCertificates,
  verifyCertificate,
} from './certificate.read.ts';
import { issueCertificate, previewCertificate, revokeCertificate } from './certificate.service.ts';
import { FIGURE_ROLES, regionFigures } from './figures.service.ts';
import { ISSUER_ROLES, RECORD_READER_ROLES } from './records.access.ts';
import {
  AssignStarPack,
  CandidateView,
  CertificateListQuery,
  CertificatePageQuery,
  CertificatePreviewQuery,
  CertificateSummary,
  CertificateView,
  FiguresQuery,
  FiguresView,
  IdParams,
  MyRecordView,
  NewCertificate,
  NewRecordEntry,
  RecordView,
  RegionParams,
  RevokeCertificate,
  SnapshotView,
  StarPacksView,
  VerifyParams,
  VerifyView,
  VolunteerParams,
} from './records.schema.ts';
import {
  assignStarPack,
  listStarPacks,
  STAR_PACK_READERS,
  STAR_PACK_SETTERS,
} from './stars.service.ts';
import { actorOf } from '../../shared/route-actor.ts';
import { AfterCursor, keysetPageSchema } from '../../shared/keyset.ts';
import { registerListExport } from '../../shared/list-export/list-export.route.ts';
import { CERTIFICATE_LIST_EXPORT } from './certificate-list.export.ts';

const TAGS = ['volunteer records'];

export const recordsRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.kysely;
  const publicUrl = () => app.deps.config.publicUrl;

  app.get(
    '/vs/me/record',
    {
      config: { access: { roles: ['volunteer'] } },
      schema: {
        tags: TAGS,
        summary: 'My record: hours, stars, services, training, awards and certificates',
        response: { 200: MyRecordView },
      },
    },
    async (request) => getMyRecord(db, { actor: actorOf(request) }),
  );

  app.get(
    '/vs/records/:volunteerId',
    {
      config: { access: { roles: RECORD_READER_ROLES } },
      schema: {
        tags: TAGS,
        summary: 'A volunteer’s record (志愿服务记录)',
        description:
          'The volunteer sees all of it; a team leader what their teams (and sub-teams) hold; volunteer_staff, supervisors and admins what teams in their region hold. `partial` says so.',
        params: VolunteerParams,
        response: { 200: RecordView },
      },
    },
    async (request) =>
      getRecord(db, { volunteerId: request.params.volunteerId, actor: actorOf(request) }),
  );

  app.post(
    '/vs/records/:volunteerId/entries',
    {
      config: { access: { roles: ISSUER_ROLES }, idempotent: true },
      schema: {
        tags: TAGS,
        summary: 'Record training or an award (by the team’s leader or staff)',
        description:
          'The volunteer must be an approved member of the team (or a team below it) or have a service recorded by it (VS_RECORD_NOT_MEMBER). Free text must not contain ID or mobile numbers.',
        params: VolunteerParams,
        body: NewRecordEntry,
        response: { 201: RecordView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await addRecordEntry(db, {
          volunteerId: request.params.volunteerId,
          body: request.body,
          actor: actorOf(request),
          requestId: request.id,
          now: app.deps.now(),
        }),
      ),
  );

  app.get(
    '/vs/certificates/candidates',
    {
      config: { access: { roles: ISSUER_ROLES } },
      schema: {
        tags: TAGS,
        summary: 'Volunteers with confirmed hours held by teams I issue for',
        response: { 200: z.array(CandidateView) },
      },
    },
    async (request) => certificateCandidates(db, { actor: actorOf(request) }),
  );

  app.get(
    '/vs/certificates/candidates/page',
    {
      config: { access: { roles: ISSUER_ROLES } },
      schema: {
        tags: TAGS,
        summary:
          'The same candidates (by name, then volunteer and team; q: part of the name or volunteer number) paged by keyset: nextCursor for the next page, total exact or estimated (totalExact)',
        querystring: z.strictObject({
          q: z.string().trim().max(50).optional(),
          after: AfterCursor,
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: keysetPageSchema(CandidateView) },
      },
    },
    async (request) => pageCertificateCandidates(db, { ...request.query, actor: actorOf(request) }),
  );

  app.get(
    '/vs/certificates/preview',
    {
      config: { access: { roles: ISSUER_ROLES } },
      schema: {
        tags: TAGS,
        summary: 'The fields a certificate would carry (nothing is written)',
        querystring: CertificatePreviewQuery,
        response: { 200: SnapshotView },
      },
    },
    async (request) =>
      previewCertificate(db, {
        ...request.query,
        actor: actorOf(request),
        now: app.deps.now(),
        publicUrl: publicUrl(),
      }),
  );

  app.post(
    '/vs/certificates',
    {
      config: { access: { roles: ISSUER_ROLES }, idempotent: true },
      schema: {
        tags: TAGS,
        summary:
          'Issue a certificate (志愿服务记录证明), free, by the organisation holding the records',
        description:
          '谁记录谁证明: only the leader of the team (or of a team above it) or volunteer_staff whose grant covers the team (VS_NOT_TEAM_ISSUER). Covers the confirmed service records held by the team and its sub-teams; none → 409 CERT_NO_RECORDS. The number is ZM + year + 12 random characters.',
        body: NewCertificate,
        response: { 201: CertificateView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await issueCertificate(db, {
          ...request.body,
          actor: actorOf(request),
          requestId: request.id,
          now: app.deps.now(),
          publicUrl: publicUrl(),
        }),
      ),
  );

  app.get(
    '/vs/certificates',
    {
      config: { access: { roles: RECORD_READER_ROLES } },
      schema: {
        tags: TAGS,
        summary: 'Certificates I may see (my own; my teams’; my region’s)',
        querystring: CertificateListQuery,
        response: { 200: z.array(CertificateSummary) },
      },
    },
    async (request) => listCertificates(db, { ...request.query, actor: actorOf(request) }),
  );

  app.get(
    '/vs/certificates/page',
    {
      config: { access: { roles: RECORD_READER_ROLES } },
      schema: {
        tags: TAGS,
        summary:
          'The same certificates paged by keyset: nextCursor for the next page, total exact or estimated (totalExact)',
        querystring: CertificatePageQuery,
        response: { 200: keysetPageSchema(CertificateSummary) },
      },
    },
    async (request) => pageCertificates(db, { ...request.query, actor: actorOf(request) }),
  );

  app.get(
    '/vs/certificates/:id',
    {
      config: { access: { roles: RECORD_READER_ROLES } },
      schema: {
        tags: TAGS,
        summary: 'One certificate with every printed field',
        params: IdParams,
        response: { 200: CertificateView },
      },
    },
    async (request) => getCertificate(db, { id: request.params.id, actor: actorOf(request) }),
  );

  app.get(
    '/vs/certificates/:id/certificate.pdf',
    {
      config: { access: { roles: RECORD_READER_ROLES } },
      schema: {
        tags: TAGS,
        summary: 'The certificate as an A4 PDF with the verification QR code',
        description: 'application/pdf; 503 DOCUMENT_FONT_MISSING when the server has no CJK font.',
        params: IdParams,
      },
    },
    async (request, reply) => {
      const pdf = await certificatePdf(db, {
        id: request.params.id,
        actor: actorOf(request),
        now: app.deps.now(),
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

  app.post(
    '/vs/certificates/:id/revoke',
    {
      config: { access: { roles: ISSUER_ROLES }, idempotent: true },
      schema: {
        tags: TAGS,
        summary: 'Revoke a certificate (the issuing organisation), with a reason shown publicly',
        description:
          'The reason is shown on the public verification page: no ID or mobile numbers.',
        params: IdParams,
        body: RevokeCertificate,
        response: { 200: CertificateView },
      },
    },
    async (request) =>
      revokeCertificate(db, {
        id: request.params.id,
        reason: request.body.reason,
        actor: actorOf(request),
        requestId: request.id,
        now: app.deps.now(),
      }),
  );

  app.get(
    '/public/certificates/:number',
    {
      config: { access: { public: true } },
      schema: {
        tags: TAGS,
        summary: 'Public verification of a certificate by its number (the QR link)',
        description:
          'Valid or revoked (with date and reason), the holder’s surname only, hours, period, issuer and date. Rate-limited per address (429 CERT_VERIFY_RATE_LIMITED).',
        params: VerifyParams,
        response: { 200: VerifyView },
      },
    },
    async (request) =>
      verifyCertificate(db, {
        number: request.params.number,
        ip: request.ip,
        now: app.deps.now(),
      }),
  );

  app.get(
    '/vs/star-packs',
    {
      config: { access: { roles: STAR_PACK_READERS } },
      schema: {
        tags: TAGS,
        summary: 'Star rule packs and which regions are assigned which pack',
        response: { 200: StarPacksView },
      },
    },
    async () => listStarPacks(db),
  );

  app.put(
    '/vs/star-packs/regions/:regionCode',
    {
      config: { access: { roles: STAR_PACK_SETTERS } },
      schema: {
        tags: TAGS,
        summary: 'Set the star pack a region (and every region below it) uses',
        params: RegionParams,
        body: AssignStarPack,
        response: { 200: StarPacksView },
      },
    },
    async (request) =>
      assignStarPack(db, {
        regionCode: request.params.regionCode,
        packCode: request.body.packCode,
        actor: actorOf(request),
        requestId: request.id,
        now: app.deps.now(),
      }),
  );

  app.get(
    '/vs/figures',
    {
      config: { access: { roles: FIGURE_ROLES } },
      schema: {
        tags: TAGS,
        summary: 'Volunteer figures for a region and period, per child region',
        description:
          'Default region: the caller’s grant; default period: 1 January of the end year to today. See figures.service.ts for how each figure is counted.',
        querystring: FiguresQuery,
        response: { 200: FiguresView },
      },
    },
    async (request) =>
      regionFigures(db, { ...request.query, actor: actorOf(request), now: app.deps.now() }),
  );

  registerListExport(app, CERTIFICATE_LIST_EXPORT);
};
