/**
 * VS-3 点单: residents (any account) order from the menu or describe a need; staff and grid workers
 * order on a resident's behalf (phone, WeChat, walk-in) in their own scope.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database, VsNeedTable } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { auditActor, authorize, isPartyBound } from '../../shared/actor.ts';
import { assertAgentMaySeeResident } from '../agents/authorization.check.ts';
import { maskPhone } from '../residents/id-number.ts';
import { listCategories } from '../volunteers/lists.service.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import { getMenu } from './menu.ts';
import { presentNeeds } from './need-view.ts';
import type { Meta } from './order-access.ts';
import { RECORDER_ROLES } from './orders.common.ts';
import type { NewNeed, NewNeedOnBehalf } from './orders.schema.ts';
import { humanNumber, wantedInPast } from './order.rules.ts';

type NeedInput = z.infer<typeof NewNeed>;

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
  return (await presentNeeds(db, meta.actor, [row]))[0]!;
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
