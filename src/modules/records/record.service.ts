/**
 * VS-8 a volunteer's record (志愿服务记录): identity, each service (organisation = the recording
 * team's organisation, content, date, place, hours, confirmer), training, awards and evaluations.
 * The volunteer sees all of it; a team leader sees what their teams hold; staff and readers what
 * teams in their region hold (and the identity of volunteers living in their region).
 */
import crypto from 'node:crypto';
import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { auditActor, reachPrefixes, type Actor } from '../../shared/actor.ts';
import { listCertificatesFor } from './certificate.read.ts';
import {
  requireIssuer,
  SCOPE_READER_ROLES,
  teamVisibility,
  type TeamVisibility,
} from './records.access.ts';
import type { NewRecordEntry } from './records.schema.ts';
import { volunteerStars } from './stars.service.ts';
import { underPrefix } from '../../shared/region-range.ts';

export async function loadVolunteer(db: Kysely<Database>, id: string) {
  const v = await db
    .selectFrom('vs_volunteers')
    .select([
      'id',
      'full_name',
      'id_masked',
      'volunteer_number',
      'home_region_code',
      'status',
      'account_id',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!v) throw new AppError('VS_VOLUNTEER_NOT_FOUND');
  return v;
}

/** null = everything (the volunteer themself). */
type Filter = TeamVisibility | null;

export async function getRecord(
  db: Kysely<Database>,
  input: { volunteerId: string; actor: Actor },
) {
  const v = await loadVolunteer(db, input.volunteerId);
  const self = v.account_id !== null && v.account_id === input.actor.accountId;
  let filter: Filter = null;
  if (!self) {
    const vis = await teamVisibility(db, input.actor);
    const homeInReach = reachPrefixes(input.actor, SCOPE_READER_ROLES).some((p) =>
      v.home_region_code.startsWith(p),
    );
    if (!homeInReach) {
      // a leader (or staff) sees a volunteer who belongs to, or served with, one of their teams
      if (vis.teamIds.length === 0 && vis.prefixes.length === 0) throw new AppError('OUT_OF_SCOPE');
      const linked = await db
        .selectFrom('vs_teams as t')
        .select('t.id')
        .where((eb) =>
          eb.and([
            visibleTeam(vis),
            eb.or([
              eb.exists(
                eb
                  .selectFrom('vs_team_members as m')
                  .select('m.id')
                  .whereRef('m.team_id', '=', 't.id')
                  .where('m.volunteer_id', '=', v.id)
                  .where('m.status', 'in', ['approved', 'pending', 'left']),
              ),
              eb.exists(
                eb
                  .selectFrom('vs_service_records as s')
                  .select('s.id')
                  .whereRef('s.team_id', '=', 't.id')
                  .where('s.volunteer_id', '=', v.id),
              ),
            ]),
          ]),
        )
        .limit(1)
        .executeTakeFirst();
      if (!linked) throw new AppError('OUT_OF_SCOPE');
    }
    filter = vis;
  }
  return buildRecord(db, v, filter);
}

/** The caller's own record (role volunteer), or linked=false when no volunteer has this account. */
export async function getMyRecord(db: Kysely<Database>, input: { actor: Actor }) {
  const row = await db
    .selectFrom('vs_volunteers')
    .select('id')
    .where('account_id', '=', input.actor.accountId)
    .executeTakeFirst();
  if (!row) return { linked: false, record: null };
  const v = await loadVolunteer(db, row.id);
  return { linked: true, record: await buildRecord(db, v, null) };
}

/** SQL: the team (alias) is one the caller sees — led by them, or in their region. */
export function visibleTeam(vis: TeamVisibility, alias = 't'): Expression<SqlBool> {
  const parts = [
    ...(vis.teamIds.length
      ? [sql<SqlBool>`${sql.ref(`${alias}.id`)} in (${sql.join(vis.teamIds)})`]
      : []),
    ...vis.prefixes.map((p) => underPrefix(`${alias}.region_code`, p)),
  ];
  return parts.length ? sql<SqlBool>`(${sql.join(parts, sql` or `)})` : sql<SqlBool>`1 = 0`;
}

async function buildRecord(
  db: Kysely<Database>,
  v: Awaited<ReturnType<typeof loadVolunteer>>,
  filter: Filter,
) {
  let services = db
    .selectFrom('vs_service_records as s')
    .innerJoin('vs_teams as t', 't.id', 's.team_id')
    .innerJoin('vs_activities as a', 'a.id', 's.activity_id')
    .leftJoin('accounts as c', 'c.id', 's.confirmed_by')
    .select([
      's.id',
      's.team_id',
      't.organisation_name',
      't.name as team_name',
      's.content',
      's.service_date',
      's.place',
      's.half_hours',
      's.status',
      'c.display_name as confirmer',
      's.confirmed_at',
      's.evaluation',
      'a.order_id',
    ])
    .where('s.volunteer_id', '=', v.id);
  if (filter) services = services.where(visibleTeam(filter));
  const serviceRows = await services.orderBy('s.service_date', 'desc').orderBy('s.id').execute();

  const orderIds = [...new Set(serviceRows.map((s) => s.order_id).filter((x): x is string => !!x))];
  const ratings = orderIds.length
    ? await db
        .selectFrom('vs_ratings')
        .select((eb) => [
          'order_id',
          'team_id',
          eb.fn.avg<number>('stars').as('avg'),
          eb.fn.countAll<number>().as('n'),
        ])
        .where('order_id', 'in', orderIds)
        .groupBy(['order_id', 'team_id'])
        .execute()
    : [];
  const ratingOf = (orderId: string | null, teamId: string) => {
    const r = ratings.find((x) => x.order_id === orderId && x.team_id === teamId);
    return r ? { average: Math.round(Number(r.avg) * 100) / 100, count: Number(r.n) } : null;
  };

  let entries = db
    .selectFrom('vs_record_entries as e')
    .innerJoin('vs_teams as t', 't.id', 'e.team_id')
    .innerJoin('accounts as r', 'r.id', 'e.recorded_by')
    .select([
      'e.id',
      'e.team_id',
      't.organisation_name',
      'e.kind',
      'e.title',
      'e.on_date',
      'e.half_hours',
      'e.note',
      'r.display_name as recorder',
      'e.created_at',
    ])
    .where('e.volunteer_id', '=', v.id);
  if (filter) entries = entries.where(visibleTeam(filter));
  const entryRows = await entries.orderBy('e.on_date', 'desc').orderBy('e.id').execute();
  const entryView = (e: (typeof entryRows)[number]) => ({
    id: e.id,
    teamId: e.team_id,
    organisation: e.organisation_name,
    kind: e.kind,
    title: e.title,
    onDate: e.on_date,
    hours: e.half_hours / 2,
    note: e.note,
    recordedBy: e.recorder,
    createdAt: new Date(e.created_at).toISOString(),
  });

  const confirmedHalf = serviceRows
    .filter((s) => s.status === 'confirmed')
    .reduce((n, s) => n + s.half_hours, 0);
  return {
    volunteer: {
      id: v.id,
      name: v.full_name,
      idMasked: v.id_masked,
      volunteerNumber: v.volunteer_number,
      homeRegionCode: v.home_region_code,
      status: v.status,
    },
    confirmedHours: confirmedHalf / 2,
    stars: await volunteerStars(db, v),
    services: serviceRows.map((s) => ({
      id: s.id,
      teamId: s.team_id,
      organisation: s.organisation_name,
      teamName: s.team_name,
      content: s.content,
      date: s.service_date,
      place: s.place,
      hours: s.half_hours / 2,
      status: s.status,
      confirmedBy: s.confirmer ?? null,
      confirmedAt: s.confirmed_at ? new Date(s.confirmed_at).toISOString() : null,
      evaluation: s.evaluation,
      orderRating: ratingOf(s.order_id, s.team_id),
    })),
    training: entryRows.filter((e) => e.kind === 'training').map(entryView),
    awards: entryRows.filter((e) => e.kind === 'award').map(entryView),
    certificates: await listCertificatesFor(db, { volunteerId: v.id, filter }),
    partial: filter !== null,
  };
}

/** Training or an award, recorded by the team's leader or staff (the organisation holding it). */
export async function addRecordEntry(
  db: Kysely<Database>,
  input: {
    volunteerId: string;
    body: z.infer<typeof NewRecordEntry>;
    actor: Actor;
    requestId: string;
    now: Date;
  },
) {
  const { body, actor, now } = input;
  const v = await loadVolunteer(db, input.volunteerId);
  const { team, grant, subtree } = await requireIssuer(db, actor, body.teamId);
  const member = await db
    .selectFrom('vs_team_members')
    .select('id')
    .where('volunteer_id', '=', v.id)
    .where('team_id', 'in', subtree)
    .where('status', '=', 'approved')
    .unionAll(
      db
        .selectFrom('vs_service_records')
        .select('id')
        .where('volunteer_id', '=', v.id)
        .where('team_id', 'in', subtree),
    )
    .limit(1)
    .executeTakeFirst();
  if (!member) throw new AppError('VS_RECORD_NOT_MEMBER');
  const id = crypto.randomUUID();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('vs_record_entries')
      .values({
        id,
        volunteer_id: v.id,
        team_id: team.id,
        kind: body.kind,
        title: body.title,
        on_date: body.onDate,
        half_hours: Math.round(body.hours * 2),
        note: body.note,
        recorded_by: actor.accountId,
        created_at: now.toISOString(),
      })
      .execute();
    await recordAudit(trx, {
      actor: auditActor(actor, grant),
      action: 'vs_record.entry_added',
      entityType: 'vs_volunteer',
      entityId: v.id,
      regionCode: team.region_code,
      after: {
        entryId: id,
        teamId: team.id,
        kind: body.kind,
        onDate: body.onDate,
        halfHours: Math.round(body.hours * 2),
      },
      requestId: input.requestId,
      now,
    });
  });
  return getRecord(db, { volunteerId: v.id, actor });
}
