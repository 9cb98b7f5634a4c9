/**
 * VS-8 certificates (志愿服务记录证明): issued free, only by the organisation holding the records
 * (谁记录谁证明). The issuer is the leader of the recording team or of a team above it, or
 * volunteer_staff whose grant covers the team's region. A certificate for team T covers the
 * confirmed service records held by T and every team below it (its sub-teams); nothing else.
 * The printed fields are frozen in `snapshot`; revocation shows on the public verification page.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { auditActor, type Actor } from '../../shared/actor.ts';
import { chinaDate } from '../../shared/china-time.ts';
import { buildCertificateSnapshot, newCertificateNumber } from './certificate.rules.ts';
import { getCertificate } from './certificate.read.ts';
import { requireIssuer } from './records.access.ts';

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
