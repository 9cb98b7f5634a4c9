/**
 * The floor's `POST /api/v1/cases`: what `fileCase` (src/modules/cases/case-intake.service.ts) and
 * the `getCaseView` it ends with do, step for step and statement for statement, with the app's own
 * pure functions (decideScope, checkPresented, buildNotice, computeDueDate, lightOf, canSeeCase,
 * availableActions, the audit chain in floor-audit.ts …) and without Kysely. Keep it in step with those files.
 */
import crypto from 'node:crypto';
import type { CaseRequestTable, CaseTable } from '../../src/db/schema.ts';
import type { FloorAuditEvent } from './floor-audit.ts';
import { agentMaySee, checkAuthorizations } from '../../src/modules/agents/authorization.rules.ts';
import { auditActor, type Actor, type Grant } from '../../src/modules/auth/actor.ts';
import { townCodeOf } from '../../src/modules/auth/region-code.ts';
import {
  chinaDate,
  computeDueDate,
  CHINESE_DAYS_DATA,
  createWorkCalendar,
  type WorkCalendar,
} from '../../src/modules/calendar/working-days.ts';
import type { CatalogItem, CatalogItemView } from '../../src/modules/catalog/catalog.schema.ts';
import { canSeeCase, standingOn } from '../../src/modules/cases/case-parties.ts';
import { caseCounterName, formatCaseNumber } from '../../src/modules/cases/case-number.rules.ts';
import {
  buildNotice,
  checkPresented,
  type OneTimeNotice,
} from '../../src/modules/cases/case.notice.ts';
import { decideScope } from '../../src/modules/cases/case.scope.ts';
import { noticeRequests } from '../../src/modules/cases/case.requests.ts';
import type { StoredRequest } from '../../src/modules/cases/case-requests.repo.ts';
import {
  dueDateProvisionality,
  lightOf,
  missingNowView,
} from '../../src/modules/cases/case.view.ts';
import { availableActions } from '../../src/modules/cases/case.workflow.ts';
import { newTrackingCode } from '../../src/modules/cases/case.tracking-code.ts';
import { parsePinnedItem } from '../../src/modules/cases/case.stored.ts';
import { AppError } from '../../src/server/problem.ts';
import type { CaseViewRow } from './floor-case-store.ts';
import type { FloorStore } from './floor-store.ts';
import type { FileCaseInput } from './floor-validate.ts';

const INTAKE_ROLES: readonly string[] = ['clerk', 'agent', 'town_officer'];

/** intakeGrant of case-intake.service.ts. */
function intakeGrant(actor: Actor, stationId: string | undefined): Grant {
  const grants = actor.grants.filter((g) => INTAKE_ROLES.includes(g.role) && g.stationId !== null);
  if (grants.length === 0) throw new AppError('FORBIDDEN');
  if (stationId) {
    const g = grants.find((x) => x.stationId === stationId);
    if (!g) throw new AppError('OUT_OF_SCOPE');
    return g;
  }
  if (grants.length > 1) throw new AppError('STATION_REQUIRED');
  return grants[0]!;
}

/** getItem → findVersion of the catalog: the item's head row, then its current version. */
async function currentItem(store: FloorStore, code: string): Promise<CatalogItemView> {
  const head = await store.itemHead(code);
  if (!head) throw new AppError('CATALOG_ITEM_NOT_FOUND');
  const row = await store.itemVersion(code, Number(head.current_version));
  if (!row) throw new AppError('CATALOG_VERSION_NOT_FOUND');
  const item = JSON.parse(row.definition) as CatalogItem;
  return {
    ...item,
    town: null,
    version: Number(row.version),
    active: head.active === 1,
    versionCreatedAt: row.created_at,
  };
}

/** loadWorkCalendar: every override and entered notice, read each time (the app keeps no cache). */
async function workCalendar(store: FloorStore): Promise<WorkCalendar> {
  const overrides = await store.calendarOverrides();
  const years = await store.calendarYears();
  const days = await store.calendarNoticeDays();
  const notices = years.map(({ year }) => ({
    year,
    days: days
      .filter((d) => d.year === year)
      .map((d) => ({
        date: d.date,
        kind: d.kind,
        name: d.name_zh ? { zh: d.name_zh, en: d.name_en ?? d.name_zh } : null,
      })),
  }));
  return createWorkCalendar(overrides, CHINESE_DAYS_DATA, notices);
}

function itemName(definition: string | null): { zh: string; en: string } {
  if (!definition) return { zh: '', en: '' };
  return (JSON.parse(definition) as { name: { zh: string; en: string } }).name;
}

/** present() of case.view.ts. */
function present(
  row: CaseViewRow,
  actor: Actor,
  now: Date,
  cal: WorkCalendar,
  requests: readonly StoredRequest[],
) {
  return {
    id: row.id,
    number: row.number,
    item: { code: row.item_code, version: row.item_version, name: itemName(row.item_name) },
    applicant: {
      id: row.applicant_id,
      fullName: row.applicant_name,
      idMasked: row.applicant_id_masked,
    },
    agent: row.agent_account_id
      ? { id: row.agent_account_id, displayName: row.agent_name ?? '' }
      : null,
    homeRegionCode: row.home_region_code,
    homeRegionName: row.home_region_name ?? row.home_region_code,
    acceptingStation: { id: row.accepting_station_id, name: row.station_name },
    isTongban: row.is_tongban === 1,
    decidedBy: row.decided_by,
    decidingStationId: row.deciding_station_id,
    state: row.state,
    firstResponderId: row.first_responder_id,
    firstResponder: {
      id: row.first_responder_id,
      displayName: row.first_responder_name ?? '',
    },
    presented: JSON.parse(row.presented) as string[],
    notice: JSON.parse(row.notice) as OneTimeNotice,
    missingNow: missingNowView(parsePinnedItem(row.item_name), requests),
    acceptedAt: row.accepted_at,
    dueDate: row.due_date,
    ...dueDateProvisionality(row, cal),
    light: lightOf(row, now, cal),
    result: row.result,
    resultText: row.result_text,
    version: row.version,
    availableActions: availableActions(row.state, standingOn(actor.grants, row)),
    createdAt: row.created_at,
    trackingCode: row.tracking_code ?? null,
    channel: row.channel,
  };
}

export async function fileCaseOnFloor(
  store: FloorStore,
  input: FileCaseInput,
  actor: Actor,
  requestId: string,
  now: Date,
) {
  const grant = intakeGrant(actor, input.stationId);
  const resident = await store.residentHome(input.residentId);
  if (!resident) throw new AppError('RESIDENT_NOT_FOUND');
  const item = await currentItem(store, input.itemCode);
  if (!item.active) throw new AppError('CATALOG_ITEM_NOT_FOUND');
  if (grant.role === 'agent') {
    // assertAgentAuthorized (src/modules/agents/authorization.check.ts); the bench files as a clerk.
    const rows = await store.agentAuthorizations(actor.accountId, resident.id);
    const verdict = checkAuthorizations(
      rows.map((r) => ({
        allItems: r.all_items === 1,
        itemCodes: JSON.parse(r.item_codes) as string[],
        expiresOn: r.expires_on,
        revokedAt: r.revoked_at,
      })),
      item.code,
      chinaDate(now),
    );
    if (!verdict.ok) throw new AppError(verdict.code);
  }

  const scope = decideScope({
    scope: item.scope,
    homeRegionCode: resident.home_region_code,
    stationRegionCode: grant.regionCode,
  });
  if (!scope.allowed) throw new AppError('CASE_OUTSIDE_SCOPE', { detail: scope.fileWithin });
  const noticeItem = { ...item, name: item.name, materials: item.materials }; // as the app
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
      (await store.centre('town_centre', townCodeOf(grant.regionCode)))?.id ?? null;
  } else if (item.route.decides === 'district_department') {
    const district = `${grant.regionCode.slice(0, 6)}000000`;
    decidingStationId = (await store.centre('district_centre', district))?.id ?? null;
  }
  if (!decidingStationId) throw new AppError('DECIDING_UNIT_MISSING');

  const cal = notice.complete ? await workCalendar(store) : null;
  const nowIso = now.toISOString();
  const id = crypto.randomUUID();
  const day = chinaDate(now);
  const state = notice.complete ? 'accepted' : 'awaiting_supplement';
  const who = auditActor(actor, grant);
  let kase: CaseTable | undefined;
  await store.fileCase({
    counterName: caseCounterName(grant.regionCode, day),
    rows(counter) {
      const due = cal
        ? computeDueDate({ acceptedAt: now, promisedDays: item.promisedLimitDays, pauses: [], cal })
        : null;
      kase = {
        id,
        number: formatCaseNumber(grant.regionCode, day, counter),
        item_code: item.code,
        item_version: item.version,
        applicant_id: resident.id,
        agent_account_id: grant.role === 'agent' ? actor.accountId : null,
        home_region_code: resident.home_region_code,
        accepting_station_id: grant.stationId!,
        accepting_region_code: grant.regionCode,
        is_tongban: scope.tongban ? 1 : 0,
        decided_by: item.route.decides,
        deciding_station_id: decidingStationId,
        state,
        state_before_suspension: null,
        first_responder_id: actor.accountId,
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
        channel: grant.role === 'agent' ? 'agent' : 'window',
      };
      const requests: CaseRequestTable[] = noticeRequests(notice, {
        by: actor.accountId,
        at: nowIso,
      }).map((r) => ({
        id: crypto.randomUUID(),
        case_id: id,
        material_key: r.materialKey,
        kind: r.kind,
        blocking: r.blocking ? 1 : 0,
        reason: r.reason,
        requested_by: r.requestedBy,
        requested_at: r.requestedAt,
        satisfied_at: r.satisfiedAt,
        satisfied_by: r.satisfiedBy,
      }));
      return {
        kase,
        requests,
        action: {
          id: crypto.randomUUID(),
          case_id: id,
          seq: 1,
          action: 'file',
          from_state: null,
          to_state: state,
          actor_id: actor.accountId,
          actor_role: grant.role,
          station_id: grant.stationId,
          reason: null,
          payload: JSON.stringify({ presented: input.presented }),
          at: nowIso,
        },
      };
    },
    auditEvent(): FloorAuditEvent {
      const k = kase!;
      return {
        occurred_at: nowIso,
        actor_id: who.accountId,
        actor_role: who.role,
        station_id: who.stationId,
        action: 'case.filed',
        entity_type: 'case',
        entity_id: id,
        region_code: resident.home_region_code,
        before_json: null,
        after_json: JSON.stringify({
          number: k.number,
          itemCode: item.code,
          itemVersion: item.version,
          state,
          isTongban: scope.tongban,
          dueDate: k.due_date,
        }),
        request_id: requestId,
      };
    },
  });
  // As the app today: the answer re-reads the case with its joins and reloads the calendar.
  const row = await store.caseView(id);
  if (!row) throw new AppError('CASE_NOT_FOUND');
  if (!canSeeCase(actor.grants, row) || !agentMaySee(actor, row))
    throw new AppError('OUT_OF_SCOPE');
  // loadRequests: the case's requests (the notice's, just written) for `missingNow`.
  const requests: StoredRequest[] = (await store.caseRequests(id)).map((r) => ({
    id: r.id,
    caseId: r.case_id,
    materialKey: r.material_key,
    kind: r.kind,
    blocking: r.blocking === 1,
    reason: r.reason,
    requestedBy: r.requested_by,
    requestedAt: r.requested_at,
    satisfiedAt: r.satisfied_at,
    satisfiedBy: r.satisfied_by,
  }));
  return present(row, actor, now, await workCalendar(store), requests);
}
