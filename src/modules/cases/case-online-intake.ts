/**
 * Issue #14 point 3 (GS-10) 不打烊: a resident files their own case online. Same rules as the
 * window (fileCase): the item must offer `online`, the chosen station must be inside the item's
 * 通办 scope around the resident's home (decideScope), the one-time notice is built from the
 * materials the resident presents (photos follow through case-online-photos.ts), and the case gets
 * a number and a 查询码. The case lands at the chosen station as an online-channel case.
 *
 * First responder (GS-4): `cases.first_responder_id` must name an account, and no staff member has
 * taken the matter yet when a resident files at night. We record the filer's own account: the
 * resident opened the matter themselves; the station's staff see it in their list (channel=online)
 * and every step they take is in the action log under their own name.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CaseState, CaseTable, Database } from '../../db/schema.ts';
import { recordIdempotentAnswer } from '../../shared/idempotency-commit.ts';
import { AppError } from '../../shared/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { auditActor, authorize, type Actor } from '../../shared/actor.ts';
import { townCodeOf } from '../../shared/region-code.ts';
import { loadWorkCalendar } from '../calendar/calendar.service.ts';
import { computeDueDate } from '../calendar/working-days.ts';
import { chinaDate } from '../../shared/china-time.ts';
import { getItem } from '../catalog/catalog.service.ts';
import { assertStationFilesItem } from '../catalog/catalog.scope.ts';
import { insertFiledCase } from './case-filed-rows.ts';
import { messageCaseFiled, type CaseMessageDeps } from './case-messages.ts';
import { findCentre, nextCounter } from './case.repo.ts';
import { caseCounterName, formatCaseNumber } from './case-number.rules.ts';
import { buildNotice, checkPresented, type OneTimeNotice } from './case.notice.ts';
import { decideScope } from './case.scope.ts';
import { decideChannel } from './case.channel.ts';
import { OnlineFiledView } from './case-online.schema.ts';
import { newTrackingCode } from './case.tracking-code.ts';
import { outsideScope } from './case-intake.service.ts';

/** Who files online: a resident with their own login (phone + SMS code), linked to their record. */
export const ONLINE_FILER_ROLES = ['resident'] as const;

/** The caller's own resident record, or RESIDENT_NOT_LINKED (the station links it at the window). */
export async function ownResident(db: Kysely<Database>, actor: Actor) {
  if (!actor.residentId) throw new AppError('RESIDENT_NOT_LINKED');
  const resident = await db
    .selectFrom('residents')
    .select(['id', 'home_region_code'])
    .where('id', '=', actor.residentId)
    .executeTakeFirst();
  if (!resident) throw new AppError('RESIDENT_NOT_LINKED');
  return resident;
}

async function decidingStationOf(
  db: Kysely<Database>,
  decides: 'station' | 'town_centre' | 'district_department',
  station: { id: string; region_code: string },
): Promise<string> {
  const id =
    decides === 'station'
      ? station.id
      : decides === 'town_centre'
        ? (await findCentre(db, 'town_centre', townCodeOf(station.region_code)))?.id
        : (await findCentre(db, 'district_centre', `${station.region_code.slice(0, 6)}000000`))?.id;
  if (!id) throw new AppError('DECIDING_UNIT_MISSING');
  return id;
}

export interface OnlineFiled {
  id: string;
  number: string;
  trackingCode: string;
  state: CaseState;
  item: { code: string; version: number; name: { zh: string; en: string } };
  station: { id: string; name: string };
  notice: OneTimeNotice;
  dueDate: string | null;
  createdAt: string;
}

export async function fileOnlineCase(
  db: Kysely<Database>,
  input: {
    itemCode: string;
    stationId: string;
    presented: string[];
    actor: Actor;
    requestId: string | null;
    now: Date;
    /** Issue #15 point 5: the filer's SMS (case-messages.ts). */
    messages: CaseMessageDeps;
  },
): Promise<OnlineFiled> {
  const grant = authorize(input.actor, ONLINE_FILER_ROLES);
  const resident = await ownResident(db, input.actor);
  const item = await getItem(db, input.itemCode);
  if (!item.active) throw new AppError('CATALOG_ITEM_NOT_FOUND');
  const channel = decideChannel({
    requested: 'online',
    filedByAgent: false,
    offered: item.channels,
  });
  if (!channel.allowed) {
    throw new AppError('CHANNEL_NOT_OFFERED', {
      extensions: { channel: channel.channel, offered: channel.offered },
    });
  }
  const station = await db
    .selectFrom('stations')
    .select(['id', 'name', 'region_code'])
    .where('id', '=', input.stationId)
    .executeTakeFirst();
  if (!station) throw new AppError('UNKNOWN_STATION');
  // Issue #15 point 9: a town's own item only at a station serving that town.
  await assertStationFilesItem(db, station.region_code, item);
  const scope = decideScope({
    scope: item.scope,
    homeRegionCode: resident.home_region_code,
    stationRegionCode: station.region_code,
  });
  if (!scope.allowed) throw await outsideScope(db, scope.fileWithin);

  const problems = checkPresented(item, input.presented);
  if (problems.length > 0) {
    throw new AppError('UNKNOWN_MATERIAL', {
      errors: problems.map((p) => ({ path: `body.presented.${p.key}`, message: p.problem })),
    });
  }
  const notice = buildNotice(item, input.presented);
  const decidingStationId = await decidingStationOf(db, item.route.decides, station);
  const cal = notice.complete ? await loadWorkCalendar(db) : null;
  const nowIso = input.now.toISOString();
  const id = crypto.randomUUID();
  const state: CaseState = notice.complete ? 'accepted' : 'awaiting_supplement';
  const dueDate = cal
    ? computeDueDate({
        acceptedAt: input.now,
        promisedDays: item.promisedLimitDays,
        pauses: [],
        cal,
      }).dueDate
    : null;
  const trackingCode = newTrackingCode();
  const answerOf = (number: string): OnlineFiled => ({
    id,
    number,
    trackingCode,
    state,
    item: { code: item.code, version: item.version, name: item.name },
    station: { id: station.id, name: station.name },
    notice,
    dueDate,
    createdAt: nowIso,
  });
  // The answer (notice, number, 查询码) is kept with the case in one commit: a retry with the same
  // Idempotency-Key after a crash before the answer left gets it replayed (no GET rebuilds it).
  return db.transaction().execute(async (trx) => {
    const day = chinaDate(input.now);
    const seq = await nextCounter(trx, caseCounterName(station.region_code, day));
    const number = formatCaseNumber(station.region_code, day, seq);
    const row: CaseTable = {
      id,
      number,
      item_code: item.code,
      item_version: item.version,
      applicant_id: resident.id,
      agent_account_id: null,
      home_region_code: resident.home_region_code,
      accepting_station_id: station.id,
      accepting_region_code: station.region_code,
      is_tongban: scope.tongban ? 1 : 0,
      decided_by: item.route.decides,
      deciding_station_id: decidingStationId,
      state,
      state_before_suspension: null,
      first_responder_id: input.actor.accountId,
      presented: JSON.stringify(input.presented),
      notice: JSON.stringify(notice),
      accepted_at: notice.complete ? nowIso : null,
      due_date: dueDate,
      result: null,
      result_text: null,
      version: 1,
      created_at: nowIso,
      updated_at: nowIso,
      tracking_code: trackingCode,
      channel: 'online',
    };
    await insertFiledCase(trx, row, notice, {
      actorId: input.actor.accountId,
      actorRole: grant.role,
      stationId: station.id,
      payload: { presented: input.presented, channel: 'online' },
    });
    await messageCaseFiled(trx, input.messages, {
      kase: row,
      itemName: item.name.zh,
      missing: notice.missing,
      now: input.now,
    });
    await recordAudit(trx, {
      actor: { ...auditActor(input.actor, grant), stationId: station.id },
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
        dueDate,
        channel: 'online',
      },
      requestId: input.requestId,
      now: input.now,
    });
    // As the route's schema sends it (the stored body is what a replay sends).
    const answer = OnlineFiledView.parse(answerOf(number));
    await recordIdempotentAnswer(trx, { status: 201, body: answer, now: input.now });
    return answer;
  });
}
