/**
 * VS-8 certificates (志愿服务记录证明): issued free, only by the organisation holding the records
 * (谁记录谁证明). The issuer is the leader of the recording team or of a team above it, or
 * volunteer_staff whose grant covers the team's region. A certificate for team T covers the
 * confirmed service records held by T and every team below it (its sub-teams); nothing else.
 * The printed fields are frozen in `snapshot`; revocation shows on the public verification page.
 */
import crypto from 'node:crypto';
import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { auditActor, type Actor } from '../../shared/actor.ts';
import { countAttempt } from '../auth/login-throttle.ts';
import { chinaDate } from '../../shared/china-time.ts';
import { renderInPool } from '../documents/pdf-pool.ts';
import {
  buildCertificateSnapshot,
  isCertificateNumber,
  maskHolderName,
  newCertificateNumber,
  normaliseCertificateNumber,
  verifyUrl,
  type CertificateSnapshot,
} from './certificate.rules.ts';
import { requireIssuer, teamVisibility, type TeamVisibility } from './records.access.ts';

export const VERIFY_LIMIT = { perWindow: 30, windowMs: 10 * 60_000 };

async function loadVolunteerForCert(db: Kysely<Database>, id: string) {
  const v = await db
    .selectFrom('vs_volunteers')
    .select(['id', 'full_name', 'id_masked', 'volunteer_number', 'account_id', 'home_region_code'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!v) throw new AppError('VS_VOLUNTEER_NOT_FOUND');
  return v;
}

/** The fields a certificate would carry now (number left empty): the issuing page's preview. */
async function draft(
  db: Kysely<Database>,
  input: { volunteerId: string; teamId: string; actor: Actor; now: Date; publicUrl: string },
  number: string,
) {
  const v = await loadVolunteerForCert(db, input.volunteerId);
  const { team, grant, subtree } = await requireIssuer(db, input.actor, input.teamId);
  const services = await db
    .selectFrom('vs_service_records as s')
    .innerJoin('vs_teams as t', 't.id', 's.team_id')
    .select(['s.service_date', 's.content', 's.place', 's.half_hours', 't.organisation_name'])
    .where('s.volunteer_id', '=', v.id)
    .where('s.status', '=', 'confirmed')
    .where('s.half_hours', '>', 0)
    .where('s.team_id', 'in', subtree)
    .execute();
  if (services.length === 0) throw new AppError('CERT_NO_RECORDS');
  const training = await db
    .selectFrom('vs_record_entries')
    .select(['on_date', 'title', 'half_hours'])
    .where('volunteer_id', '=', v.id)
    .where('kind', '=', 'training')
    .where('team_id', 'in', subtree)
    .execute();
  const snapshot = buildCertificateSnapshot({
    certificateNumber: number,
    issuedOn: chinaDate(input.now),
    volunteer: { name: v.full_name, idMasked: v.id_masked, volunteerNumber: v.volunteer_number },
    services: services.map((s) => ({
      date: s.service_date,
      content: s.content,
      place: s.place,
      halfHours: s.half_hours,
      organisation: s.organisation_name,
    })),
    training: training.map((t) => ({ date: t.on_date, title: t.title, halfHours: t.half_hours })),
    issuer: {
      organisation: team.organisation_name,
      teamName: team.name,
      personInCharge: team.person_in_charge,
      handler: input.actor.displayName,
      contactPhone: team.contact_phone,
    },
    publicUrl: input.publicUrl,
  });
  return { v, team, grant, snapshot };
}

export async function previewCertificate(
  db: Kysely<Database>,
  input: { volunteerId: string; teamId: string; actor: Actor; now: Date; publicUrl: string },
) {
  return (await draft(db, input, '')).snapshot;
}

export async function issueCertificate(
  db: Kysely<Database>,
  input: {
    volunteerId: string;
    teamId: string;
    actor: Actor;
    requestId: string;
    now: Date;
    publicUrl: string;
  },
) {
  const { actor, now } = input;
  const year = Number(chinaDate(now).slice(0, 4));
  for (let attempt = 0; ; attempt += 1) {
    const number = newCertificateNumber(year);
    const { v, team, grant, snapshot } = await draft(db, input, number);
    const id = crypto.randomUUID();
    try {
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('vs_certificates')
          .values({
            id,
            certificate_number: number,
            volunteer_id: v.id,
            team_id: team.id,
            snapshot: JSON.stringify(snapshot),
            half_hours: snapshot.totalHalfHours,
            issued_by: actor.accountId,
            issued_at: now.toISOString(),
            revoked_at: null,
            revoked_by: null,
            revoke_reason: null,
          })
          .execute();
        await recordAudit(trx, {
          actor: auditActor(actor, grant),
          action: 'vs_certificate.issued',
          entityType: 'vs_certificate',
          entityId: id,
          regionCode: team.region_code,
          after: {
            certificateNumber: number,
            volunteerId: v.id,
            teamId: team.id,
            halfHours: snapshot.totalHalfHours,
            services: snapshot.services.length,
          },
          requestId: input.requestId,
          now,
        });
      });
      return getCertificate(db, { id, actor });
    } catch (err) {
      // a number clash (60 random bits: practically never) is retried with a new number
      if (attempt < 2 && /unique|duplicate/i.test(String((err as Error).message))) continue;
      throw err;
    }
  }
}

export async function revokeCertificate(
  db: Kysely<Database>,
  input: { id: string; reason: string; actor: Actor; requestId: string; now: Date },
) {
  const { actor, now } = input;
  const cert = await db
    .selectFrom('vs_certificates')
    .select(['id', 'team_id', 'certificate_number', 'revoked_at'])
    .where('id', '=', input.id)
    .executeTakeFirst();
  if (!cert) throw new AppError('CERT_NOT_FOUND');
  const { team, grant } = await requireIssuer(db, actor, cert.team_id);
  if (cert.revoked_at) throw new AppError('CERT_ALREADY_REVOKED');
  await db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('vs_certificates')
      .set({
        revoked_at: now.toISOString(),
        revoked_by: actor.accountId,
        revoke_reason: input.reason,
      })
      .where('id', '=', cert.id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('CERT_ALREADY_REVOKED');
    await recordAudit(trx, {
      actor: auditActor(actor, grant),
      action: 'vs_certificate.revoked',
      entityType: 'vs_certificate',
      entityId: cert.id,
      regionCode: team.region_code,
      before: { revoked: false },
      after: { revoked: true, certificateNumber: cert.certificate_number },
      requestId: input.requestId,
      now,
    });
  });
  return getCertificate(db, { id: cert.id, actor });
}

function certificateQuery(db: Kysely<Database>) {
  return db
    .selectFrom('vs_certificates as c')
    .innerJoin('vs_teams as t', 't.id', 'c.team_id')
    .innerJoin('vs_volunteers as v', 'v.id', 'c.volunteer_id')
    .innerJoin('accounts as a', 'a.id', 'c.issued_by')
    .select([
      'c.id',
      'c.certificate_number',
      'c.volunteer_id',
      'v.full_name',
      'v.account_id',
      'c.team_id',
      't.organisation_name',
      't.region_code',
      'c.half_hours',
      'c.issued_at',
      'a.display_name as issuer',
      'c.revoked_at',
      'c.revoke_reason',
      'c.snapshot',
    ]);
}
type CertRow = Awaited<ReturnType<ReturnType<typeof certificateQuery>['execute']>>[number];

function summary(r: CertRow, publicUrl = '') {
  const snap = JSON.parse(r.snapshot) as CertificateSnapshot;
  return {
    id: r.id,
    certificateNumber: r.certificate_number,
    volunteerId: r.volunteer_id,
    volunteerName: r.full_name,
    teamId: r.team_id,
    organisation: r.organisation_name,
    hours: r.half_hours / 2,
    issuedAt: new Date(r.issued_at).toISOString(),
    issuedBy: r.issuer,
    revokedAt: r.revoked_at ? new Date(r.revoked_at).toISOString() : null,
    revokeReason: r.revoke_reason,
    verifyUrl: snap.verifyUrl || verifyUrl(publicUrl, r.certificate_number),
  };
}

/** SQL: the certificate is the caller's own, or held by a team they see. */
function visible(vis: TeamVisibility, accountId: string | null): Expression<SqlBool> {
  const parts = [
    ...(accountId ? [sql<SqlBool>`v.account_id = ${accountId}`] : []),
    ...(vis.teamIds.length ? [sql<SqlBool>`c.team_id in (${sql.join(vis.teamIds)})`] : []),
    ...vis.prefixes.map((p) => sql<SqlBool>`t.region_code like ${`${p}%`}`),
  ];
  return parts.length ? sql<SqlBool>`(${sql.join(parts, sql` or `)})` : sql<SqlBool>`1 = 0`;
}

/** Certificates inside a record view (filter null: the volunteer sees all of theirs). */
export async function listCertificatesFor(
  db: Kysely<Database>,
  input: { volunteerId: string; filter: TeamVisibility | null },
) {
  let q = certificateQuery(db).where('c.volunteer_id', '=', input.volunteerId);
  const f = input.filter;
  if (f) q = q.where(visible(f, null));
  const rows = await q.orderBy('c.issued_at', 'desc').execute();
  return rows.map((r) => summary(r));
}

export async function listCertificates(
  db: Kysely<Database>,
  input: {
    actor: Actor;
    volunteerId?: string;
    teamId?: string;
    limit: number;
    offset: number;
  },
) {
  const vis = await teamVisibility(db, input.actor);
  let q = certificateQuery(db).where(visible(vis, input.actor.accountId));
  if (input.volunteerId) q = q.where('c.volunteer_id', '=', input.volunteerId);
  if (input.teamId) q = q.where('c.team_id', '=', input.teamId);
  const rows = await q
    .orderBy('c.issued_at', 'desc')
    .orderBy('c.id')
    .limit(input.limit)
    .offset(input.offset)
    .execute();
  return rows.map((r) => summary(r));
}

async function loadVisible(db: Kysely<Database>, id: string, actor: Actor) {
  const row = await certificateQuery(db).where('c.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('CERT_NOT_FOUND');
  if (row.account_id !== actor.accountId) {
    const vis = await teamVisibility(db, actor);
    const sees =
      vis.teamIds.includes(row.team_id) || vis.prefixes.some((p) => row.region_code.startsWith(p));
    if (!sees) throw new AppError('OUT_OF_SCOPE');
  }
  return row;
}

export async function getCertificate(db: Kysely<Database>, input: { id: string; actor: Actor }) {
  const row = await loadVisible(db, input.id, input.actor);
  return { ...summary(row), snapshot: JSON.parse(row.snapshot) as CertificateSnapshot };
}

export async function certificatePdf(
  db: Kysely<Database>,
  input: { id: string; actor: Actor; now: Date },
): Promise<{ filename: string; localName: string; body: Buffer }> {
  const row = await loadVisible(db, input.id, input.actor);
  const snapshot = JSON.parse(row.snapshot) as CertificateSnapshot;
  const body = await renderInPool({
    kind: 'certificate',
    data: snapshot,
    revoked: {
      revokedOn: row.revoked_at ? chinaDate(new Date(row.revoked_at)) : null,
      reason: row.revoke_reason,
    },
    now: input.now,
    fontSetting: process.env.DOORSTEP_CJK_FONT,
  });
  return {
    filename: `certificate-${row.certificate_number}.pdf`,
    localName: `志愿服务记录证明-${row.certificate_number}.pdf`,
    body,
  };
}

/** Volunteers with confirmed hours held by teams the caller issues for (the issuing page). */
export async function certificateCandidates(db: Kysely<Database>, input: { actor: Actor }) {
  const { actor } = input;
  const vis = await teamVisibility(db, actor);
  const staffPrefixes = actor.grants
    .filter((g) => g.role === 'volunteer_staff')
    .map((g) => g.reachPrefix);
  const issuerVis = { teamIds: vis.teamIds, prefixes: staffPrefixes };
  if (issuerVis.teamIds.length === 0 && issuerVis.prefixes.length === 0) return [];
  const rows = await db
    .selectFrom('vs_service_records as s')
    .innerJoin('vs_teams as t', 't.id', 's.team_id')
    .innerJoin('vs_volunteers as v', 'v.id', 's.volunteer_id')
    .select((eb) => [
      'v.id',
      'v.full_name',
      'v.volunteer_number',
      'v.id_masked',
      't.id as team_id',
      't.name as team_name',
      't.organisation_name',
      eb.fn.sum<number>('s.half_hours').as('h'),
      eb.fn.countAll<number>().as('n'),
    ])
    .where('s.status', '=', 'confirmed')
    .where((eb) =>
      eb.or([
        ...(issuerVis.teamIds.length ? [eb('t.id', 'in', issuerVis.teamIds)] : []),
        ...issuerVis.prefixes.map((p) => eb('t.region_code', 'like', `${p}%`)),
      ]),
    )
    .groupBy([
      'v.id',
      'v.full_name',
      'v.volunteer_number',
      'v.id_masked',
      't.id',
      't.name',
      't.organisation_name',
    ])
    .orderBy('v.full_name')
    .limit(500)
    .execute();
  return rows.map((r) => ({
    volunteerId: r.id,
    name: r.full_name,
    volunteerNumber: r.volunteer_number,
    idMasked: r.id_masked,
    teamId: r.team_id,
    teamName: r.team_name,
    organisation: r.organisation_name,
    hours: Number(r.h ?? 0) / 2,
    services: Number(r.n),
  }));
}

/**
 * Public verification by number (or the QR link): valid or revoked, the holder's surname only,
 * hours, period, issuer and date — nothing else personal. Rate-limited per address in the
 * database (like /track), so the limit holds across nodes.
 */
export async function verifyCertificate(
  db: Kysely<Database>,
  input: { number: string; ip: string; now: Date },
) {
  const attempts = await countAttempt(db, `verify:${input.ip}`, input.now, VERIFY_LIMIT.windowMs);
  if (attempts > VERIFY_LIMIT.perWindow) {
    throw new AppError('CERT_VERIFY_RATE_LIMITED', {
      retryAfterSeconds: VERIFY_LIMIT.windowMs / 1000,
    });
  }
  const number = normaliseCertificateNumber(input.number);
  if (!isCertificateNumber(number)) throw new AppError('CERT_VERIFY_NOT_FOUND');
  const row = await db
    .selectFrom('vs_certificates')
    .select([
      'certificate_number',
      'snapshot',
      'half_hours',
      'issued_at',
      'revoked_at',
      'revoke_reason',
    ])
    .where('certificate_number', '=', number)
    .executeTakeFirst();
  if (!row) throw new AppError('CERT_VERIFY_NOT_FOUND');
  const snap = JSON.parse(row.snapshot) as CertificateSnapshot;
  return {
    certificateNumber: row.certificate_number,
    status: row.revoked_at ? ('revoked' as const) : ('valid' as const),
    holderName: maskHolderName(snap.volunteer.name),
    totalHours: row.half_hours / 2,
    period: snap.period,
    organisation: snap.issuer.organisation,
    issuedOn: snap.issuedOn,
    revokedOn: row.revoked_at ? chinaDate(new Date(row.revoked_at)) : null,
    revokeReason: row.revoke_reason,
  };
}
