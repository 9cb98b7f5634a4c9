/**
 * VS-8/VS-9 certificates, read side: lists in the caller's reach, one certificate and its PDF, the
 * candidates a leader may certify, and the public verification (rate-limited, the holder's name
 * masked). The issuing side is certificate.service.ts.
 */
import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import type { Actor } from '../../shared/actor.ts';
import {
  cursorAfter,
  keysetQuery,
  listTotal,
  pageOf,
  type KeysetOrder,
} from '../../shared/keyset.ts';
import {
  tupleCursorAfter,
  tupleKeysetQuery,
  tuplePageOf,
  type TupleKeysetOrder,
} from '../../shared/keyset-tuple.ts';
import { countAttempt } from '../auth/login-throttle.ts';
import { chinaDate } from '../../shared/china-time.ts';
import { renderInPool } from '../documents/pdf-pool.ts';
import type { CertificatePdfTask } from './certificate.pdf.ts';
import { parseCertificateSnapshot } from './records.stored.ts';
import {
  isCertificateNumber,
  maskHolderName,
  normaliseCertificateNumber,
  verifyUrl,
} from './certificate.rules.ts';
import { teamVisibility, type TeamVisibility } from './records.access.ts';
import { likeText } from '../../shared/like-pattern.ts';
import { underPrefix } from '../../shared/region-range.ts';

export const VERIFY_LIMIT = { perWindow: 30, windowMs: 10 * 60_000 };

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
  const snap = parseCertificateSnapshot(r.snapshot);
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
    ...vis.prefixes.map((p) => underPrefix('t.region_code', p)),
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

interface CertificateFilter {
  actor: Actor;
  volunteerId?: string | undefined;
  teamId?: string | undefined;
}

/** The certificates a filter selects among those the caller sees (unordered, unpaged). */
async function filteredCertificates(db: Kysely<Database>, input: CertificateFilter) {
  const vis = await teamVisibility(db, input.actor);
  let q = certificateQuery(db).where(visible(vis, input.actor.accountId));
  if (input.volunteerId) q = q.where('c.volunteer_id', '=', input.volunteerId);
  if (input.teamId) q = q.where('c.team_id', '=', input.teamId);
  return q;
}

export async function listCertificates(
  db: Kysely<Database>,
  input: CertificateFilter & { limit: number; offset: number },
) {
  const rows = await (
    await filteredCertificates(db, input)
  )
    .orderBy('c.issued_at', 'desc')
    .orderBy('c.id')
    .limit(input.limit)
    .offset(input.offset)
    .execute();
  return rows.map((r) => summary(r));
}

/** Issue #16 p5: the same list, latest issued first, by keyset (shared/keyset.ts). */
export const CERTIFICATE_ORDER: KeysetOrder = {
  list: 'vs-certificates',
  key: 'c.issued_at',
  keyKind: 'timestamp',
  id: 'c.id',
  direction: 'desc',
};

export async function pageCertificates(
  db: Kysely<Database>,
  input: CertificateFilter & { limit: number; after?: string | undefined },
) {
  const after = cursorAfter(CERTIFICATE_ORDER, input.after);
  const q = await filteredCertificates(db, input);
  const rows = await keysetQuery(q, CERTIFICATE_ORDER, after, input.limit).execute();
  const { shown, nextCursor } = pageOf(rows, input.limit, CERTIFICATE_ORDER, (r) => ({
    key: r.issued_at,
    id: r.id,
  }));
  const { total, totalExact } = await listTotal(db, q.clearSelect().select('c.id'));
  return { items: shown.map((r) => summary(r)), nextCursor, total, totalExact };
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
  return { ...summary(row), snapshot: parseCertificateSnapshot(row.snapshot) };
}

export async function certificatePdf(
  db: Kysely<Database>,
  input: { id: string; actor: Actor; now: Date },
): Promise<{ filename: string; localName: string; body: Buffer }> {
  const row = await loadVisible(db, input.id, input.actor);
  const snapshot = parseCertificateSnapshot(row.snapshot);
  const body = await renderInPool<CertificatePdfTask>({
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

/**
 * Volunteers with confirmed hours held by teams the caller issues for, one row per volunteer and
 * team (unordered); null when the caller issues for no team.
 */
async function candidateGroups(db: Kysely<Database>, actor: Actor) {
  const vis = await teamVisibility(db, actor);
  const staffPrefixes = actor.grants
    .filter((g) => g.role === 'volunteer_staff')
    .map((g) => g.reachPrefix);
  const issuerVis = { teamIds: vis.teamIds, prefixes: staffPrefixes };
  if (issuerVis.teamIds.length === 0 && issuerVis.prefixes.length === 0) return null;
  return db
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
        ...issuerVis.prefixes.map((p) => underPrefix('t.region_code', p)),
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
    ]);
}
type CandidateRow = Awaited<
  ReturnType<NonNullable<Awaited<ReturnType<typeof candidateGroups>>>['execute']>
>[number];

function candidateView(r: CandidateRow) {
  return {
    volunteerId: r.id,
    name: r.full_name,
    volunteerNumber: r.volunteer_number,
    idMasked: r.id_masked,
    teamId: r.team_id,
    teamName: r.team_name,
    organisation: r.organisation_name,
    hours: Number(r.h ?? 0) / 2,
    services: Number(r.n),
  };
}

/** Volunteers with confirmed hours held by teams the caller issues for (the issuing page). */
export async function certificateCandidates(db: Kysely<Database>, input: { actor: Actor }) {
  const q = await candidateGroups(db, input.actor);
  if (!q) return [];
  // Volunteer and team ids last: ties of the name in one order, the keyset page's (below).
  const rows = await q.orderBy('v.full_name').orderBy('v.id').orderBy('t.id').limit(500).execute();
  return rows.map(candidateView);
}

/**
 * Issue #16 p5: the same candidates by keyset, in the same order — name, then volunteer, then
 * team (one row per volunteer and team) — on the tuple keyset (shared/keyset-tuple.ts). The
 * cursor's bounds are on grouped columns, so they filter rows before the grouping.
 */
export const CANDIDATE_ORDER: TupleKeysetOrder = {
  list: 'vs-certificate-candidates',
  columns: [
    { column: 'v.full_name', kind: 'text' },
    { column: 'v.id', kind: 'uuid' },
    { column: 't.id', kind: 'uuid' },
  ],
};

export async function pageCertificateCandidates(
  db: Kysely<Database>,
  input: { actor: Actor; limit: number; after?: string | undefined; q?: string | undefined },
) {
  const after = tupleCursorAfter(CANDIDATE_ORDER, input.after);
  const groups = await candidateGroups(db, input.actor);
  if (!groups) return { items: [], nextCursor: null, total: 0, totalExact: true };
  // Part of the name, or of the volunteer number as typed or in upper case (numbers are upper
  // case; PostgreSQL's LIKE minds case); wildcards are text (shared/like-pattern.ts).
  const text = input.q;
  const q = text
    ? groups.where((eb) =>
        eb.or([
          likeText(eb, 'v.full_name', text),
          likeText(eb, 'v.volunteer_number', text),
          likeText(eb, 'v.volunteer_number', text.toUpperCase()),
        ]),
      )
    : groups;
  const rows = await tupleKeysetQuery(q, CANDIDATE_ORDER, after, input.limit).execute();
  const { shown, nextCursor } = tuplePageOf(rows, input.limit, CANDIDATE_ORDER, (r) => [
    r.full_name,
    r.id,
    r.team_id,
  ]);
  const { total, totalExact } = await listTotal(db, q.clearSelect().select('v.id'));
  return { items: shown.map(candidateView), nextCursor, total, totalExact };
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
  const snap = parseCertificateSnapshot(row.snapshot);
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
