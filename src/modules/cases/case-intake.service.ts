/**
 * Filing a case at any station (GS-3) with the one-time notice (GS-5): the clerk or agent who files
 * becomes its first responder (GS-4); the case keeps the item version it was filed under (GS-1).
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CaseState, Database } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { assertAgentAuthorized } from '../agents/authorization.check.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { auditActor, type Actor, type Grant } from '../../shared/actor.ts';
import { townCodeOf } from '../../shared/region-code.ts';
import { loadWorkCalendar } from '../calendar/calendar.service.ts';
import { computeDueDate } from '../calendar/working-days.ts';
import { chinaDate } from '../../shared/china-time.ts';
import { getItem } from '../catalog/catalog.service.ts';
import { assertStationFilesItem } from '../catalog/catalog.scope.ts';
import { assertCompetentToFile } from '../training/competence-gate.ts';
import { insertFiledCase } from './case-filed-rows.ts';
import { messageCaseFiled, type CaseMessageDeps } from './case-messages.ts';
import { findCentre, nextCounter } from './case.repo.ts';
import { caseCounterName, formatCaseNumber } from './case-number.rules.ts';
import { buildNotice, checkPresented } from './case.notice.ts';
import { decideScope } from './case.scope.ts';
import { decideChannel, type CaseChannel } from './case.channel.ts';
import { newTrackingCode } from './case.tracking-code.ts';
import { getCaseView, type DeadlineOptions } from './case.view.ts';

const INTAKE_ROLES = ['clerk', 'agent', 'town_officer'] as const;

/** The station grant the caller files under: the named one, or their only one. */
function intakeGrant(actor: Actor, stationId: string | undefined): Grant {
  const grants = actor.grants.filter(
    (g) => (INTAKE_ROLES as readonly string[]).includes(g.role) && g.stationId !== null,
  );
  if (grants.length === 0) throw new AppError('FORBIDDEN');
  if (stationId) {
    const g = grants.find((x) => x.stationId === stationId);
    if (!g) throw new AppError('OUT_OF_SCOPE');
    return g;
  }
  if (grants.length > 1) throw new AppError('STATION_REQUIRED');
  return grants[0]!;
}

/**
 * CASE_OUTSIDE_SCOPE names, in words, where the item can be filed (the region's name), and keeps
 * the region code as a machine-readable member `fileWithin`.
 */
export async function outsideScope(db: Kysely<Database>, regionCode: string): Promise<AppError> {
  const region = await db
    .selectFrom('regions')
    .select('name')
    .where('code', '=', regionCode)
    .executeTakeFirst();
  const name = region?.name ?? regionCode;
  return new AppError('CASE_OUTSIDE_SCOPE', {
    detailText: {
      zh: `可在${name}的任一服务站办理`,
      en: `It can be filed at any station in ${name} (region ${regionCode})`,
    },
    extensions: { fileWithin: { regionCode, regionName: name } },
  });
}

export async function fileCase(
  db: Kysely<Database>,
  input: {
    residentId: string;
    itemCode: string;
    presented: string[];
    stationId?: string | undefined;
    /** GS-10: how the matter came in (case.channel.ts); omitted: window, or agent. */
    channel?: CaseChannel | undefined;
    actor: Actor;
    requestId: string | null;
    now: Date;
    /** Issue #15 point 5: the applicant's SMS (case-messages.ts). */
    messages: CaseMessageDeps;
  } & DeadlineOptions,
) {
  const grant = intakeGrant(input.actor, input.stationId);
  const resident = await db
    .selectFrom('residents')
    .select(['id', 'home_region_code'])
    .where('id', '=', input.residentId)
    .executeTakeFirst();
  if (!resident) throw new AppError('RESIDENT_NOT_FOUND');
  const item = await getItem(db, input.itemCode);
  if (!item.active) throw new AppError('CATALOG_ITEM_NOT_FOUND');
  // Issue #15 point 9: a town's own item only at a station serving that town.
  await assertStationFilesItem(db, grant.regionCode, item);
  // GS-12: the town may require a certified competence for the item (clerks and agents).
  await assertCompetentToFile(db, {
    accountId: input.actor.accountId,
    role: grant.role,
    stationRegionCode: grant.regionCode,
    item: { code: item.code, name: item.name },
    now: input.now,
  });
  if (grant.role === 'agent') {
    await assertAgentAuthorized(db, {
      agentAccountId: input.actor.accountId,
      residentId: resident.id,
      itemCode: item.code,
      now: input.now,
    });
  }

  const channel = decideChannel({
    requested: input.channel,
    filedByAgent: grant.role === 'agent',
    offered: item.channels,
  });
  if (!channel.allowed) {
    throw new AppError('CHANNEL_NOT_OFFERED', {
      extensions: { channel: channel.channel, offered: channel.offered },
    });
  }

  const scope = decideScope({
    scope: item.scope,
    homeRegionCode: resident.home_region_code,
    stationRegionCode: grant.regionCode,
  });
  if (!scope.allowed) throw await outsideScope(db, scope.fileWithin);

  const noticeItem = { ...item, name: item.name, materials: item.materials };
  const problems = checkPresented(noticeItem, input.presented);
  if (problems.length > 0) {
    throw new AppError('UNKNOWN_MATERIAL', {
      errors: problems.map((p) => ({ path: `body.presented.${p.key}`, message: p.problem })),
    });
  }
  const notice = buildNotice(noticeItem, input.presented);

  let decidingStationId: string | null = grant.stationId;
  if (item.route.decides === 'town_centre') {
    decidingStationId =
      (await findCentre(db, 'town_centre', townCodeOf(grant.regionCode)))?.id ?? null;
  } else if (item.route.decides === 'district_department') {
    decidingStationId =
      (await findCentre(db, 'district_centre', `${grant.regionCode.slice(0, 6)}000000`))?.id ??
      null;
  }
  if (!decidingStationId) throw new AppError('DECIDING_UNIT_MISSING');

  const cal = notice.complete ? await loadWorkCalendar(db) : null;
  const nowIso = input.now.toISOString();
  const id = crypto.randomUUID();
  await db.transaction().execute(async (trx) => {
    const day = chinaDate(input.now);
    const seq = await nextCounter(trx, caseCounterName(grant.regionCode, day));
    const number = formatCaseNumber(grant.regionCode, day, seq);
    const state: CaseState = notice.complete ? 'accepted' : 'awaiting_supplement';
    const due = cal
      ? computeDueDate({
          acceptedAt: input.now,
          promisedDays: item.promisedLimitDays,
          pauses: [],
          cal,
        })
      : null;
    const row = {
      id,
      number,
      item_code: item.code,
      item_version: item.version,
      applicant_id: resident.id,
      agent_account_id: grant.role === 'agent' ? input.actor.accountId : null,
      home_region_code: resident.home_region_code,
      accepting_station_id: grant.stationId!,
      accepting_region_code: grant.regionCode,
      is_tongban: scope.tongban ? 1 : 0,
      decided_by: item.route.decides,
      deciding_station_id: decidingStationId,
      state,
      state_before_suspension: null,
      first_responder_id: input.actor.accountId,
      presented: JSON.stringify(input.presented),
      notice: JSON.stringify(notice),
      accepted_at: notice.complete ? nowIso : null,
      due_date: due?.dueDate ?? null,
      result: null,
      result_text: null,
      version: 1,
      created_at: nowIso,
      updated_at: nowIso,
      tracking_code: newTrackingCode(),
      channel: channel.channel,
    };
    await insertFiledCase(trx, row, notice, {
      actorId: input.actor.accountId,
      actorRole: grant.role,
      stationId: grant.stationId!,
      payload: { presented: input.presented },
    });
    await messageCaseFiled(trx, input.messages, {
      kase: row,
      itemName: item.name.zh,
      missing: notice.missing,
      now: input.now,
    });
    await recordAudit(trx, {
      actor: auditActor(input.actor, grant),
      action: 'case.filed',
      entityType: 'case',
      entityId: id,
      regionCode: resident.home_region_code,
      after: {
        number,
        itemCode: item.code,
        itemVersion: item.version,
        state,
        isTongban: scope.tongban,
        dueDate: row.due_date,
        channel: channel.channel,
      },
      requestId: input.requestId,
      now: input.now,
    });
  });
  return getCaseView(db, {
    id,
    actor: input.actor,
    now: input.now,
    yellowWithinWorkingDays: input.yellowWithinWorkingDays,
  });
}
