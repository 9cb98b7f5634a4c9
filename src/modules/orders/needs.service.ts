/**
 * VS-3 点单 and VS-4 审单/合并: residents (any account) order from the menu or describe a need;
 * staff and grid workers order on a resident's behalf; centre staff accept (one need → one order),
 * reject with a reason, or merge several needs of one category and town into one order.
 */
import crypto from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { Database, VsNeedTable } from '../../db/schema.ts';
import { AppError } from '../../server/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { auditActor, authorize, isPartyBound, reachPrefixes, type Actor } from '../auth/actor.ts';
import { assertAgentMaySeeResident } from '../agents/authorization.check.ts';
import { LEVEL_ORDER, levelOfCode, scopePrefix } from '../auth/region-code.ts';
import { notify } from '../first-response/notification.service.ts';
import { maskPhone } from '../residents/id-number.ts';
import { listCategories } from '../volunteers/lists.service.ts';
import type { PiiCipher } from '../residents/pii-crypto.ts';
import { addAction, CENTRE_ROLES, loadNames, RECORDER_ROLES, type Names } from './orders.common.ts';
import type {
  AcceptNeed,
  MergeNeeds,
  NeedQuery,
  NewNeed,
  NewNeedOnBehalf,
} from './orders.schema.ts';
import { humanNumber, wantedInPast } from './order.rules.ts';

type Meta = { actor: Actor; requestId: string; now: Date };
type NeedInput = z.infer<typeof NewNeed>;

/** Codes of the region and every ancestor of it (12-digit canonical codes). */
export function regionAndAncestors(code: string): string[] {
  const level = levelOfCode(code);
  if (level === null) return [];
  const out: string[] = [];
  for (const l of LEVEL_ORDER.slice(0, LEVEL_ORDER.indexOf(level) + 1))
    out.push(scopePrefix(code, l).padEnd(l === 'grid' ? 15 : 12, '0'));
  return [...new Set([...out, code])];
}

/** The service menu for a place: active on-menu projects of the place's town or any region above it. */
export async function getMenu(db: Kysely<Database>, input: { regionCode: string }) {
  const town = levelOfCode(input.regionCode);
  const townPrefix =
    town && LEVEL_ORDER.indexOf(town) >= LEVEL_ORDER.indexOf('town')
      ? scopePrefix(input.regionCode, 'town')
      : input.regionCode;
  const [categories, projects] = await Promise.all([
    // National categories and the place's own centres' ones (issue #10 point 9).
    listCategories(db, { includeInactive: false, regionCode: input.regionCode }),
    db
      .selectFrom('vs_projects')
      .selectAll()
      .where('on_menu', '=', 1)
      .where('active', '=', 1)
      .where((eb) =>
        eb.or([
          eb('region_code', 'like', `${townPrefix}%`),
          eb('region_code', 'in', regionAndAncestors(input.regionCode)),
        ]),
      )
      .orderBy('category_code')
      .orderBy('name')
      .limit(200)
      .execute(),
  ]);
  return {
    categories: categories.map((c) => ({
      code: c.code,
      nameZh: c.nameZh,
      nameEn: c.nameEn,
      colour: c.colour,
    })),
    projects: projects.map((p) => ({
      id: p.id,
      name: p.name,
      description: p.description,
      categoryCode: p.category_code,
      regionCode: p.region_code,
      schedule: p.schedule,
    })),
  };
}

export function presentNeed(n: VsNeedTable, names: Names) {
  return {
    id: n.id,
    needNumber: n.need_number,
    regionCode: n.region_code,
    regionName: names.region(n.region_code),
    categoryCode: n.category_code,
    categoryName: names.category(n.category_code),
    projectId: n.project_id,
    projectName: names.project(n.project_id),
    description: n.description,
    place: n.place,
    wantedFrom: n.wanted_from,
    wantedTo: n.wanted_to,
    contactName: n.contact_name,
    contactPhoneMasked: n.contact_phone_masked,
    channel: n.channel,
    hasAccount: n.requester_account_id !== null,
    toCallBack: n.requester_account_id === null,
    recordedBy: names.account(n.recorded_by),
    status: n.status,
    rejectReason: n.reject_reason,
    orderId: n.order_id,
    createdAt: n.created_at,
    reviewedAt: n.reviewed_at,
  };
}

export async function needNames(
  db: Kysely<Database> | Transaction<Database>,
  needs: VsNeedTable[],
) {
  return loadNames(db, {
    regions: needs.map((n) => n.region_code),
    categories: needs.map((n) => n.category_code),
    accounts: needs.map((n) => n.recorded_by),
    projects: needs.map((n) => n.project_id),
  });
}

/** Checks the region, the category or menu project and the window; returns the category. */
async function checkNeed(db: Kysely<Database>, body: NeedInput, now: Date): Promise<string> {
  const region = await db
    .selectFrom('regions')
    .select('code')
    .where('code', '=', body.regionCode)
    .executeTakeFirst();
  if (!region) throw new AppError('VS_REGION_NOT_FOUND');
  if (body.wantedFrom && body.wantedTo && Date.parse(body.wantedTo) <= Date.parse(body.wantedFrom))
    throw new AppError('VS_WANTED_WINDOW_INVALID');
  if (wantedInPast({ from: body.wantedFrom, to: body.wantedTo }, now))
    throw new AppError('VS_WANTED_IN_PAST');
  if (body.projectId) {
    const menu = await getMenu(db, { regionCode: body.regionCode });
    const p = menu.projects.find((x) => x.id === body.projectId);
    if (!p) throw new AppError('VS_PROJECT_NOT_ON_MENU');
    if (body.categoryCode && body.categoryCode !== p.categoryCode)
      throw new AppError('VS_NEED_CATEGORY_INVALID', {
        detail: 'the project has another category',
      });
    return p.categoryCode;
  }
  if (!body.categoryCode)
    throw new AppError('VS_NEED_CATEGORY_INVALID', { detail: 'categoryCode' });
  // Active, and national or owned by a region the place lies in.
  const menu = await listCategories(db, { includeInactive: false, regionCode: body.regionCode });
  const cat = menu.find((c) => c.code === body.categoryCode);
  if (!cat) throw new AppError('VS_NEED_CATEGORY_INVALID');
  return cat.code;
}

async function insertNeed(
  db: Kysely<Database>,
  pii: PiiCipher,
  body: NeedInput,
  who: {
    channel: VsNeedTable['channel'];
    requesterAccountId: string | null;
    residentId: string | null;
    recordedBy: string | null;
  },
  meta: Meta,
  grant: Parameters<typeof auditActor>[1],
) {
  const categoryCode = await checkNeed(db, body, meta.now);
  const id = crypto.randomUUID();
  const nowIso = meta.now.toISOString();
  const masked = maskPhone(body.contactPhone);
  const row: VsNeedTable = {
    id,
    need_number: humanNumber('XQ', meta.now),
    region_code: body.regionCode,
    category_code: categoryCode,
    project_id: body.projectId ?? null,
    description: body.description,
    place: body.place,
    wanted_from: body.wantedFrom ? new Date(body.wantedFrom).toISOString() : null,
    wanted_to: body.wantedTo ? new Date(body.wantedTo).toISOString() : null,
    contact_name: body.contactName,
    contact_phone_cipher: pii.encrypt(body.contactPhone),
    contact_phone_masked: masked,
    requester_account_id: who.requesterAccountId,
    resident_id: who.residentId,
    channel: who.channel,
    recorded_by: who.recordedBy,
    status: 'submitted',
    reject_reason: null,
    order_id: null,
    reviewed_by: null,
    reviewed_at: null,
    is_demo: 0,
    created_at: nowIso,
    updated_at: nowIso,
  };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('vs_needs').values(row).execute();
    await recordAudit(trx, {
      actor: auditActor(meta.actor, grant),
      action: 'vs_need.submitted',
      entityType: 'vs_need',
      entityId: id,
      regionCode: body.regionCode,
      after: {
        needNumber: row.need_number,
        channel: who.channel,
        categoryCode,
        projectId: row.project_id,
        contactPhone: masked,
        onBehalf: who.recordedBy !== null,
      },
      requestId: meta.requestId,
      now: meta.now,
    });
  });
  return presentNeed(row, await needNames(db, [row]));
}

/** A resident (any signed-in account) orders for themself. */
export async function submitNeed(
  db: Kysely<Database>,
  pii: PiiCipher,
  input: Meta & { body: NeedInput },
) {
  return insertNeed(
    db,
    pii,
    input.body,
    {
      channel: 'self',
      requesterAccountId: input.actor.accountId,
      residentId: input.actor.residentId,
      recordedBy: null,
    },
    input,
    undefined,
  );
}

/** Staff or a grid worker orders for a resident (phone, WeChat, walk-in), in their own scope. */
export async function submitNeedOnBehalf(
  db: Kysely<Database>,
  pii: PiiCipher,
  input: Meta & { body: z.infer<typeof NewNeedOnBehalf> },
) {
  const { channel, residentId, contactPhone, ...rest } = input.body;
  const grant = authorize(input.actor, RECORDER_ROLES, rest.regionCode);
  let requesterAccountId: string | null = null;
  let phone = contactPhone;
  if (residentId) {
    const resident = await db
      .selectFrom('residents')
      .select(['id', 'phone_cipher'])
      .where('id', '=', residentId)
      .executeTakeFirst();
    if (!resident) throw new AppError('RESIDENT_NOT_FOUND');
    // An agent orders only for a resident who authorized them (GS-6, issue #10 point 8).
    if (isPartyBound(grant))
      await assertAgentMaySeeResident(db, {
        agentAccountId: input.actor.accountId,
        residentId,
        now: input.now,
      });
    // Issue #11: picked from the registry, the phone on record is the contact unless another is given.
    if (phone === undefined && resident.phone_cipher) phone = pii.decrypt(resident.phone_cipher);
    const account = await db
      .selectFrom('accounts')
      .select('id')
      .where('resident_id', '=', residentId)
      .where('status', '=', 'active')
      .orderBy('created_at')
      .executeTakeFirst();
    requesterAccountId = account?.id ?? null;
  }
  if (phone === undefined) throw new AppError('VS_CONTACT_PHONE_REQUIRED');
  const need: NeedInput = { ...rest, contactPhone: phone };
  return insertNeed(
    db,
    pii,
    need,
    {
      channel,
      requesterAccountId,
      residentId: residentId ?? null,
      recordedBy: input.actor.accountId,
    },
    input,
    grant,
  );
}

/** "My orders": the caller's needs with their order, its timeline and whether rating is open. */
export async function listMyNeeds(db: Kysely<Database>, input: { actor: Actor }) {
  const needs = await db
    .selectFrom('vs_needs')
    .selectAll()
    .where('requester_account_id', '=', input.actor.accountId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(200)
    .execute();
  const orderIds = [...new Set(needs.map((n) => n.order_id).filter((x): x is string => !!x))];
  const [orders, actions, ratings] = await Promise.all([
    orderIds.length
      ? db.selectFrom('vs_orders').selectAll().where('id', 'in', orderIds).execute()
      : [],
    orderIds.length
      ? db
          .selectFrom('vs_order_actions')
          .selectAll()
          .where('order_id', 'in', orderIds)
          .orderBy('at')
          .orderBy('id')
          .execute()
      : [],
    needs.length
      ? db
          .selectFrom('vs_ratings')
          .selectAll()
          .where(
            'need_id',
            'in',
            needs.map((n) => n.id),
          )
          .execute()
      : [],
  ]);
  const names = await loadNames(db, {
    regions: needs.map((n) => n.region_code),
    categories: needs.map((n) => n.category_code),
    accounts: needs.map((n) => n.recorded_by),
    projects: needs.map((n) => n.project_id),
    teams: [...orders.map((o) => o.team_id), ...actions.map((a) => a.team_id)],
  });
  return needs.map((n) => {
    const o = orders.find((x) => x.id === n.order_id);
    const r = ratings.find((x) => x.need_id === n.id);
    return {
      ...presentNeed(n, names),
      order: o
        ? {
            id: o.id,
            orderNumber: o.order_number,
            title: o.title,
            state: o.state,
            teamName: names.team(o.team_id),
            completedAt: o.completed_at,
            // Residents see what happened and which team, not who at the centre did it.
            timeline: actions
              .filter((a) => a.order_id === o.id)
              .map((a) => ({
                action: a.action,
                fromState: a.from_state,
                toState: a.to_state,
                teamId: a.team_id,
                teamName: names.team(a.team_id),
                reasonCode: a.reason_code,
                note: null,
                actorName: null,
                at: a.at,
              })),
          }
        : null,
      ratingOpen: o?.state === 'completed' && !r,
      rating: r ? { stars: r.stars, comment: r.comment, createdAt: r.created_at } : null,
    };
  });
}

/** Needs in the centre's region, newest first (default: all statuses). */
export async function listNeeds(
  db: Kysely<Database>,
  input: z.infer<typeof NeedQuery> & { actor: Actor },
) {
  const prefixes = reachPrefixes(input.actor, CENTRE_ROLES);
  let q = db
    .selectFrom('vs_needs')
    .selectAll()
    .where((eb) => eb.or(prefixes.map((p) => eb('region_code', 'like', `${p}%`))));
  if (input.status) q = q.where('status', '=', input.status);
  if (input.categoryCode) q = q.where('category_code', '=', input.categoryCode);
  const rows = await q
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(input.limit)
    .offset(input.offset)
    .execute();
  const names = await needNames(db, rows);
  return rows.map((n) => presentNeed(n, names));
}

async function loadNeed(db: Kysely<Database>, id: string) {
  const n = await db.selectFrom('vs_needs').selectAll().where('id', '=', id).executeTakeFirst();
  if (!n) throw new AppError('VS_NEED_NOT_FOUND');
  return n;
}

async function createOrderFromNeeds(
  trx: Transaction<Database>,
  input: Meta & {
    needs: VsNeedTable[];
    order: {
      title: string;
      description: string;
      place: string;
      regionCode: string;
      categoryCode: string;
      wantedFrom: string | null;
      wantedTo: string | null;
    };
    grant: Parameters<typeof auditActor>[1];
    merged: boolean;
  },
): Promise<string> {
  const { now, actor } = input;
  const nowIso = now.toISOString();
  const id = crypto.randomUUID();
  const orderNumber = humanNumber('PD', now);
  await trx
    .insertInto('vs_orders')
    .values({
      id,
      order_number: orderNumber,
      title: input.order.title,
      description: input.order.description,
      category_code: input.order.categoryCode,
      region_code: input.order.regionCode,
      place: input.order.place,
      wanted_from: input.order.wantedFrom,
      wanted_to: input.order.wantedTo,
      state: 'awaiting_dispatch',
      version: 1,
      directed_team_id: null,
      team_id: null,
      grab_region_code: null,
      escalation_level: 0,
      window_ends_at: null,
      dispatched_at: null,
      accepted_at: null,
      completed_at: null,
      cancelled_at: null,
      cancel_reason: null,
      created_by: actor.accountId,
      is_demo: 0,
      created_at: nowIso,
      updated_at: nowIso,
    })
    .execute();
  const ids = input.needs.map((n) => n.id);
  const r = await trx
    .updateTable('vs_needs')
    .set({
      status: 'accepted',
      order_id: id,
      reviewed_by: actor.accountId,
      reviewed_at: nowIso,
      updated_at: nowIso,
    })
    .where('id', 'in', ids)
    .where('status', '=', 'submitted')
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== ids.length) throw new AppError('VS_NEED_ALREADY_REVIEWED');
  await addAction(trx, {
    orderId: id,
    action: input.merged ? 'merged' : 'created',
    from: null,
    to: 'awaiting_dispatch',
    note: input.needs.map((n) => n.need_number).join(', '),
    actorId: actor.accountId,
    now,
  });
  for (const n of input.needs) {
    if (n.requester_account_id)
      await notify(trx, {
        accountId: n.requester_account_id,
        kind: 'vs_need_accepted',
        params: { needNumber: n.need_number, orderNumber, title: input.order.title },
        entityType: 'vs_need',
        entityId: n.id,
        now,
      });
    await recordAudit(trx, {
      actor: auditActor(actor, input.grant),
      action: 'vs_need.accepted',
      entityType: 'vs_need',
      entityId: n.id,
      regionCode: n.region_code,
      before: { status: 'submitted' },
      after: { status: 'accepted', orderId: id, orderNumber },
      requestId: input.requestId,
      now,
    });
  }
  await recordAudit(trx, {
    actor: auditActor(actor, input.grant),
    action: 'vs_order.created',
    entityType: 'vs_order',
    entityId: id,
    regionCode: input.order.regionCode,
    after: {
      orderNumber,
      title: input.order.title,
      categoryCode: input.order.categoryCode,
      needIds: ids,
      merged: input.merged,
    },
    requestId: input.requestId,
    now,
  });
  return id;
}

/** Accepts one need into a new order of its own (awaiting dispatch). Returns the order id. */
export async function acceptNeed(
  db: Kysely<Database>,
  input: Meta & { id: string; body: z.infer<typeof AcceptNeed> },
): Promise<string> {
  const n = await loadNeed(db, input.id);
  const grant = authorize(input.actor, CENTRE_ROLES, n.region_code);
  if (n.status !== 'submitted') throw new AppError('VS_NEED_ALREADY_REVIEWED');
  const names = await needNames(db, [n]);
  const title =
    input.body.title ?? names.project(n.project_id) ?? n.description.slice(0, 40).trim();
  return db.transaction().execute((trx) =>
    createOrderFromNeeds(trx, {
      ...input,
      needs: [n],
      grant,
      merged: false,
      order: {
        title,
        description: n.description,
        place: n.place,
        regionCode: n.region_code,
        categoryCode: n.category_code,
        wantedFrom: n.wanted_from,
        wantedTo: n.wanted_to,
      },
    }),
  );
}

/** Rejects a need with a reason that reaches the requester (notification and "my orders"). */
export async function rejectNeed(
  db: Kysely<Database>,
  input: Meta & { id: string; reason: string },
) {
  const n = await loadNeed(db, input.id);
  const grant = authorize(input.actor, CENTRE_ROLES, n.region_code);
  if (n.status !== 'submitted') throw new AppError('VS_NEED_ALREADY_REVIEWED');
  const nowIso = input.now.toISOString();
  await db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('vs_needs')
      .set({
        status: 'rejected',
        reject_reason: input.reason,
        reviewed_by: input.actor.accountId,
        reviewed_at: nowIso,
        updated_at: nowIso,
      })
      .where('id', '=', n.id)
      .where('status', '=', 'submitted')
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('VS_NEED_ALREADY_REVIEWED');
    if (n.requester_account_id)
      await notify(trx, {
        accountId: n.requester_account_id,
        kind: 'vs_need_rejected',
        params: { needNumber: n.need_number, reason: input.reason },
        entityType: 'vs_need',
        entityId: n.id,
        now: input.now,
      });
    await recordAudit(trx, {
      actor: auditActor(input.actor, grant),
      action: 'vs_need.rejected',
      entityType: 'vs_need',
      entityId: n.id,
      regionCode: n.region_code,
      before: { status: 'submitted' },
      after: { status: 'rejected', reason: input.reason },
      requestId: input.requestId,
      now: input.now,
    });
  });
  const row = await loadNeed(db, n.id);
  return presentNeed(row, await needNames(db, [row]));
}

/**
 * Merges needs into one order. Rule: at least two needs, all submitted, of one category, all in one
 * town and in the caller's reach. The order's region is the needs' common region (their village
 * when they share one, else the town); its window spans the earliest start to the latest end.
 */
export async function mergeNeeds(
  db: Kysely<Database>,
  input: Meta & { body: z.infer<typeof MergeNeeds> },
): Promise<string> {
  const ids = [...new Set(input.body.needIds)];
  if (ids.length < 2) throw new AppError('VS_MERGE_INVALID', { detail: 'at least two needs' });
  const needs = await db.selectFrom('vs_needs').selectAll().where('id', 'in', ids).execute();
  if (needs.length !== ids.length) throw new AppError('VS_NEED_NOT_FOUND');
  const grants = needs.map((n) => authorize(input.actor, CENTRE_ROLES, n.region_code));
  if (needs.some((n) => n.status !== 'submitted')) throw new AppError('VS_NEED_ALREADY_REVIEWED');
  const first = needs[0]!;
  if (needs.some((n) => n.category_code !== first.category_code))
    throw new AppError('VS_MERGE_INVALID', { detail: 'one category' });
  const town = first.region_code.slice(0, 9);
  if (needs.some((n) => n.region_code.slice(0, 9) !== town))
    throw new AppError('VS_MERGE_INVALID', { detail: 'one town' });
  const sameRegion = needs.every((n) => n.region_code === first.region_code);
  const samePlace = needs.every((n) => n.place === first.place);
  const froms = needs
    .map((n) => n.wanted_from)
    .filter((x): x is string => !!x)
    .sort();
  const tos = needs
    .map((n) => n.wanted_to)
    .filter((x): x is string => !!x)
    .sort();
  const ordered = [...needs].sort((a, b) => a.created_at.localeCompare(b.created_at));
  return db.transaction().execute((trx) =>
    createOrderFromNeeds(trx, {
      ...input,
      needs: ordered,
      grant: grants[0],
      merged: true,
      order: {
        title: input.body.title,
        description:
          input.body.description ??
          ordered.map((n) => `${n.need_number}：${n.description}`).join('\n'),
        place: input.body.place ?? (samePlace ? first.place : '多处（见各需求） / several places'),
        regionCode: sameRegion ? first.region_code : `${town}000`,
        categoryCode: first.category_code,
        wantedFrom: froms[0] ?? null,
        wantedTo: tos[tos.length - 1] ?? null,
      },
    }),
  );
}
