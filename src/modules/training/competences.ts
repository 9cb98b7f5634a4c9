/**
 * GS-12 per-item competence: a town officer certifies a staff member of the town for a catalog
 * item (when, until when, optionally at which session), renews it (a new period from today) or
 * revokes it with a reason. One row per account × item (unique key); renew and revoke are
 * conditional updates on the version the officer saw, so two officers never both win.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { CompetenceTable, Database } from '../../db/schema.ts';
import { auditActor, type Actor } from '../../shared/actor.ts';
import { chinaDate } from '../../shared/china-time.ts';
import { AppError } from '../../shared/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import {
  cursorAfter,
  keysetQuery,
  listTotal,
  pageOf,
  type KeysetOrder,
} from '../../shared/keyset.ts';
import {
  availableCompetenceActions,
  checkPeriod,
  competenceStatus,
  DATES_PROBLEM_TEXT,
  isExpiringSoon,
  type CompetenceAction,
} from './competence.rules.ts';
import {
  assertItems,
  assertTownStaff,
  itemNames,
  itemRef,
  readerPrefixes,
  writerGrantForTown,
} from './training-town.ts';
import type {
  CompetenceQuery,
  NewCompetence,
  RenewCompetence,
  RevokeCompetence,
} from './training.schema.ts';
import { underAnyPrefix } from '../../shared/region-range.ts';

function datesProblem(p: { certifiedOn: string; expiresOn: string; today: string }) {
  const problem = checkPeriod(p);
  if (problem)
    throw new AppError('COMPETENCE_DATES_INVALID', {
      detailText: DATES_PROBLEM_TEXT[problem],
      extensions: { reason: problem },
    });
}

export async function grantCompetence(
  db: Kysely<Database>,
  input: {
    body: z.output<typeof NewCompetence>;
    townCode?: string | undefined;
    actor: Actor;
    requestId: string | null;
    now: Date;
  },
) {
  const { body, now } = input;
  const grant = writerGrantForTown(input.actor, input.townCode);
  const townCode = `${grant.regionCode.slice(0, 9)}000`;
  datesProblem({ certifiedOn: body.certifiedOn, expiresOn: body.expiresOn, today: chinaDate(now) });
  await assertItems(db, [body.itemCode]);
  await assertTownStaff(db, townCode, [body.accountId], 'COMPETENCE_HOLDER_INVALID');
  if (body.sessionId) {
    const session = await db
      .selectFrom('training_sessions')
      .select('town_code')
      .where('id', '=', body.sessionId)
      .executeTakeFirst();
    if (session?.town_code !== townCode) throw new AppError('TRAINING_SESSION_NOT_FOUND');
  }
  const id = crypto.randomUUID();
  const nowIso = now.toISOString();
  await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('competences')
      .values({
        id,
        account_id: body.accountId,
        item_code: body.itemCode,
        town_code: townCode,
        session_id: body.sessionId ?? null,
        certified_by: input.actor.accountId,
        certified_on: body.certifiedOn,
        expires_on: body.expiresOn,
        revoked_at: null,
        revoked_by: null,
        revoke_reason: null,
        version: 1,
        created_at: nowIso,
        updated_at: nowIso,
      })
      .onConflict((oc) => oc.columns(['account_id', 'item_code']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) {
      const existing = await trx
        .selectFrom('competences')
        .select('id')
        .where('account_id', '=', body.accountId)
        .where('item_code', '=', body.itemCode)
        .executeTakeFirst();
      throw new AppError('COMPETENCE_EXISTS', { extensions: { competenceId: existing?.id } });
    }
    await recordAudit(trx, {
      actor: auditActor(input.actor, grant),
      action: 'competence.granted',
      entityType: 'competence',
      entityId: id,
      regionCode: townCode,
      after: {
        accountId: body.accountId,
        itemCode: body.itemCode,
        certifiedOn: body.certifiedOn,
        expiresOn: body.expiresOn,
        sessionId: body.sessionId ?? null,
      },
      requestId: input.requestId,
      now,
    });
  });
  return getCompetence(db, { id, actor: input.actor, now });
}

async function changeable(
  db: Kysely<Database>,
  id: string,
  actor: Actor,
  action: CompetenceAction,
  now: Date,
) {
  const row = await db
    .selectFrom('competences')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new AppError('COMPETENCE_NOT_FOUND');
  const grant = writerGrantForTown(actor, row.town_code);
  if (!availableCompetenceActions(period(row), chinaDate(now)).includes(action))
    throw new AppError('COMPETENCE_ACTION_NOT_ALLOWED');
  return { row, grant };
}

export async function renewCompetence(
  db: Kysely<Database>,
  input: {
    id: string;
    body: z.output<typeof RenewCompetence>;
    actor: Actor;
    requestId: string | null;
    now: Date;
  },
) {
  const { row, grant } = await changeable(db, input.id, input.actor, 'renew', input.now);
  const today = chinaDate(input.now);
  datesProblem({ certifiedOn: today, expiresOn: input.body.expiresOn, today });
  const nowIso = input.now.toISOString();
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('competences')
      .set({
        certified_on: today,
        certified_by: input.actor.accountId,
        expires_on: input.body.expiresOn,
        revoked_at: null,
        revoked_by: null,
        revoke_reason: null,
        version: row.version + 1,
        updated_at: nowIso,
      })
      .where('id', '=', row.id)
      .where('version', '=', input.body.version)
      .returning('id')
      .executeTakeFirst();
    if (!updated) throw new AppError('COMPETENCE_CHANGED');
    await recordAudit(trx, {
      actor: auditActor(input.actor, grant),
      action: 'competence.renewed',
      entityType: 'competence',
      entityId: row.id,
      regionCode: row.town_code,
      before: {
        certifiedOn: row.certified_on,
        expiresOn: row.expires_on,
        revokedAt: row.revoked_at,
      },
      after: { certifiedOn: today, expiresOn: input.body.expiresOn },
      requestId: input.requestId,
      now: input.now,
    });
  });
  return getCompetence(db, { id: row.id, actor: input.actor, now: input.now });
}

export async function revokeCompetence(
  db: Kysely<Database>,
  input: {
    id: string;
    body: z.output<typeof RevokeCompetence>;
    actor: Actor;
    requestId: string | null;
    now: Date;
  },
) {
  const { row, grant } = await changeable(db, input.id, input.actor, 'revoke', input.now);
  const nowIso = input.now.toISOString();
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('competences')
      .set({
        revoked_at: nowIso,
        revoked_by: input.actor.accountId,
        revoke_reason: input.body.reason,
        version: row.version + 1,
        updated_at: nowIso,
      })
      .where('id', '=', row.id)
      .where('version', '=', input.body.version)
      .where('revoked_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!updated) throw new AppError('COMPETENCE_CHANGED');
    await recordAudit(trx, {
      actor: auditActor(input.actor, grant),
      action: 'competence.revoked',
      entityType: 'competence',
      entityId: row.id,
      regionCode: row.town_code,
      after: { reason: input.body.reason },
      requestId: input.requestId,
      now: input.now,
    });
  });
  return getCompetence(db, { id: row.id, actor: input.actor, now: input.now });
}

const period = (r: Pick<CompetenceTable, 'certified_on' | 'expires_on' | 'revoked_at'>) => ({
  certifiedOn: r.certified_on,
  expiresOn: r.expires_on,
  revokedAt: r.revoked_at,
});

function competenceQuery(db: Kysely<Database>) {
  return db
    .selectFrom('competences as c')
    .innerJoin('accounts as h', 'h.id', 'c.account_id')
    .innerJoin('accounts as b', 'b.id', 'c.certified_by')
    .selectAll('c')
    .select(['h.display_name as holder_name', 'b.display_name as certifier_name']);
}
type CompetenceRow = Awaited<ReturnType<ReturnType<typeof competenceQuery>['execute']>>[number];

async function present(db: Kysely<Database>, rows: CompetenceRow[], now: Date) {
  if (rows.length === 0) return [];
  const names = await itemNames(
    db,
    rows.map((r) => r.item_code),
  );
  const stations = await db
    .selectFrom('role_grants as g')
    .innerJoin('stations as s', 's.id', 'g.station_id')
    .select(['g.account_id', 's.name'])
    .where('g.account_id', 'in', [...new Set(rows.map((r) => r.account_id))])
    .execute();
  const today = chinaDate(now);
  return rows.map((r) => ({
    id: r.id,
    holder: {
      id: r.account_id,
      displayName: r.holder_name,
      stationName: stations.find((s) => s.account_id === r.account_id)?.name ?? null,
    },
    item: itemRef(names, r.item_code),
    townCode: r.town_code,
    certifiedBy: { id: r.certified_by, displayName: r.certifier_name },
    certifiedOn: r.certified_on,
    expiresOn: r.expires_on,
    sessionId: r.session_id,
    status: competenceStatus(period(r), today),
    expiringSoon: isExpiringSoon(period(r), today),
    revokedAt: r.revoked_at,
    revokeReason: r.revoke_reason,
    version: r.version,
    availableActions: [...availableCompetenceActions(period(r), today)],
  }));
}

export async function getCompetence(
  db: Kysely<Database>,
  input: { id: string; actor: Actor; now: Date },
) {
  const rows = await competenceQuery(db).where('c.id', '=', input.id).execute();
  const row = rows[0];
  if (!row) throw new AppError('COMPETENCE_NOT_FOUND');
  readerPrefixes(input.actor, row.town_code);
  return (await present(db, rows, input.now))[0]!;
}

type CompetenceFilter = Pick<
  z.output<typeof CompetenceQuery>,
  'accountId' | 'itemCode' | 'townCode'
> & { actor: Actor };

/** The competences a filter selects in the caller's reach (unordered, unpaged). */
function filteredCompetences(db: Kysely<Database>, input: CompetenceFilter) {
  const prefixes = readerPrefixes(input.actor, input.townCode);
  let q = competenceQuery(db).where(underAnyPrefix('c.town_code', prefixes));
  if (input.accountId) q = q.where('c.account_id', '=', input.accountId);
  if (input.itemCode) q = q.where('c.item_code', '=', input.itemCode);
  return q;
}

/** By the holder's name; one holder's by id (the keyset's tie-breaker, issue #16 p5). */
export async function listCompetences(
  db: Kysely<Database>,
  input: z.output<typeof CompetenceQuery> & { actor: Actor; now: Date },
) {
  const rows = await filteredCompetences(db, input)
    .orderBy('h.display_name')
    .orderBy('c.id')
    .limit(input.limit)
    .offset(input.offset)
    .execute();
  return present(db, rows, input.now);
}

/** Issue #16 p5: the same list by keyset (shared/keyset.ts). */
export const COMPETENCE_ORDER: KeysetOrder = {
  list: 'competences',
  key: 'h.display_name',
  keyKind: 'text',
  id: 'c.id',
  direction: 'asc',
};

export async function pageCompetences(
  db: Kysely<Database>,
  input: CompetenceFilter & { limit: number; after?: string | undefined; now: Date },
) {
  const after = cursorAfter(COMPETENCE_ORDER, input.after);
  const q = filteredCompetences(db, input);
  const rows = await keysetQuery(q, COMPETENCE_ORDER, after, input.limit).execute();
  const { shown, nextCursor } = pageOf(rows, input.limit, COMPETENCE_ORDER, (r) => ({
    key: r.holder_name,
    id: r.id,
  }));
  const { total, totalExact } = await listTotal(db, q.clearSelect().select('c.id'));
  return { items: await present(db, shown, input.now), nextCursor, total, totalExact };
}
