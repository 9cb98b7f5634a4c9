/**
 * GS-10/GS-13 a station's windows (1号窗口, 2号窗口…) and who sits at which on a day. The station's
 * staff keep the windows (add, rename, archive); a clerk sits down at a window for the day (it is
 * remembered: her seat stays until she leaves or sits elsewhere), and "call next" calls to her
 * window. Two clerks never sit at one window at once and a clerk never sits at two: two partial
 * unique indexes (migration 0037) are the judge, so two clerks sitting down at once get one seat and
 * one QUEUE_WINDOW_TAKEN. The rating device bound to a window reads the seats (rating-devices.ts).
 */
import crypto from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database, StationTable, StationWindowTable } from '../../db/schema.ts';
import { auditActor, type Actor, type Grant } from '../../shared/actor.ts';
import { chinaDate } from '../../shared/china-time.ts';
import { isUniqueViolation } from '../../shared/db-errors.ts';
import { AppError } from '../../shared/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { loadStation, stationGrant } from './appointments.access.ts';
import { defaultWindowName, windowActions } from './windows.rules.ts';

type Db = Kysely<Database>;

export interface WindowView {
  id: string;
  stationId: string;
  number: number;
  name: string;
  archived: boolean;
  sitterName: string | null;
  mine: boolean;
  availableActions: ReturnType<typeof windowActions>;
}

async function loadWindow(
  db: Db | Transaction<Database>,
  actor: Actor,
  id: string,
): Promise<{ w: StationWindowTable; station: StationTable; grant: Grant }> {
  const w = await db
    .selectFrom('station_windows')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!w) throw new AppError('QUEUE_WINDOW_NOT_FOUND');
  const station = await loadStation(db, w.station_id);
  let grant: Grant;
  try {
    grant = stationGrant(actor, station);
  } catch {
    throw new AppError('QUEUE_WINDOW_NOT_FOUND');
  }
  return { w, station, grant };
}

/** The window the account sits at today at this station, or null. */
export async function seatOf(
  db: Db | Transaction<Database>,
  input: { accountId: string; stationId: string; date: string },
): Promise<StationWindowTable | null> {
  const r = await db
    .selectFrom('window_seats as s')
    .innerJoin('station_windows as w', 'w.id', 's.window_id')
    .selectAll('w')
    .where('s.account_id', '=', input.accountId)
    .where('s.station_id', '=', input.stationId)
    .where('s.date', '=', input.date)
    .where('s.left_at', 'is', null)
    .executeTakeFirst();
  return r ?? null;
}

/** A station's windows with who sits at each today. */
export async function listWindows(
  db: Db,
  input: { stationId: string; actor: Actor; now: Date },
): Promise<WindowView[]> {
  const station = await loadStation(db, input.stationId);
  stationGrant(input.actor, station);
  return presentWindows(db, station.id, input.actor, input.now);
}

export async function presentWindows(
  db: Db,
  stationId: string,
  actor: Actor,
  now: Date,
): Promise<WindowView[]> {
  const date = chinaDate(now);
  const windows = await db
    .selectFrom('station_windows')
    .selectAll()
    .where('station_id', '=', stationId)
    .orderBy('archived_at', 'desc')
    .orderBy('number')
    .execute();
  const seats = await db
    .selectFrom('window_seats as s')
    .innerJoin('accounts as a', 'a.id', 's.account_id')
    .select(['s.window_id', 's.account_id', 'a.display_name'])
    .where('s.station_id', '=', stationId)
    .where('s.date', '=', date)
    .where('s.left_at', 'is', null)
    .execute();
  return windows
    .sort((a, b) => Number(a.archived_at !== null) - Number(b.archived_at !== null))
    .map((w) => {
      const seat = seats.find((s) => s.window_id === w.id);
      const mine = seat?.account_id === actor.accountId;
      return {
        id: w.id,
        stationId: w.station_id,
        number: Number(w.number),
        name: w.name,
        archived: w.archived_at !== null,
        sitterName: seat?.display_name ?? null,
        mine,
        availableActions: windowActions({
          archived: w.archived_at !== null,
          sitterIsMe: mine,
          taken: seat !== undefined,
          canManage: true,
        }),
      };
    });
}

export async function createWindow(
  db: Db,
  input: {
    stationId: string;
    number: number;
    name: string | null;
    actor: Actor;
    requestId: string;
    now: Date;
    demo?: boolean;
  },
): Promise<WindowView> {
  const station = await loadStation(db, input.stationId);
  const grant = stationGrant(input.actor, station);
  const id = crypto.randomUUID();
  const name = input.name ?? defaultWindowName(input.number);
  const at = input.now.toISOString();
  try {
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('station_windows')
        .values({
          id,
          station_id: station.id,
          region_code: station.region_code,
          number: input.number,
          name,
          archived_at: null,
          is_demo: input.demo ? 1 : 0,
          created_at: at,
          updated_at: at,
        })
        .execute();
      await recordAudit(trx, {
        actor: auditActor(input.actor, grant),
        action: 'queue.window_created',
        entityType: 'station_window',
        entityId: id,
        regionCode: station.region_code,
        after: { number: input.number, name },
        requestId: input.requestId,
        now: input.now,
      });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('QUEUE_WINDOW_NUMBER_TAKEN');
    throw e;
  }
  return (await presentWindows(db, station.id, input.actor, input.now)).find((w) => w.id === id)!;
}

/** Rename, or archive (a window nobody sits at). */
export async function updateWindow(
  db: Db,
  input: {
    id: string;
    name: string | undefined;
    archived: boolean | undefined;
    actor: Actor;
    requestId: string;
    now: Date;
  },
): Promise<WindowView> {
  const { w, grant } = await loadWindow(db, input.actor, input.id);
  const views = await presentWindows(db, w.station_id, input.actor, input.now);
  const view = views.find((v) => v.id === w.id)!;
  if (input.name !== undefined && !view.availableActions.includes('rename'))
    throw new AppError('QUEUE_WINDOW_STATE');
  if (input.archived === true && !view.availableActions.includes('archive'))
    throw new AppError('QUEUE_WINDOW_STATE');
  if (input.archived === false && !view.archived) throw new AppError('QUEUE_WINDOW_STATE');
  const at = input.now.toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('station_windows')
      .set({
        updated_at: at,
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.archived !== undefined ? { archived_at: input.archived ? at : null } : {}),
      })
      .where('id', '=', w.id)
      .execute();
    await recordAudit(trx, {
      actor: auditActor(input.actor, grant),
      action: 'queue.window_updated',
      entityType: 'station_window',
      entityId: w.id,
      regionCode: w.region_code,
      before: { name: w.name, archived: w.archived_at !== null },
      after: {
        name: input.name ?? w.name,
        archived: input.archived ?? w.archived_at !== null,
      },
      requestId: input.requestId,
      now: input.now,
    });
  });
  return (await presentWindows(db, w.station_id, input.actor, input.now)).find(
    (v) => v.id === w.id,
  )!;
}

/**
 * The clerk sits down at a window for today (leaving the window she sat at before, if any). Another
 * clerk at the window: QUEUE_WINDOW_TAKEN naming her, nothing written. Sitting where she already
 * sits changes nothing.
 */
export async function sitAtWindow(
  db: Db,
  input: { windowId: string; actor: Actor; requestId: string; now: Date },
): Promise<StationWindowTable> {
  const { w, grant } = await loadWindow(db, input.actor, input.windowId);
  if (w.archived_at !== null) throw new AppError('QUEUE_WINDOW_STATE');
  const date = chinaDate(input.now);
  const current = await seatOf(db, {
    accountId: input.actor.accountId,
    stationId: w.station_id,
    date,
  });
  if (current?.id === w.id) return w;
  const at = input.now.toISOString();
  try {
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('window_seats')
        .set({ left_at: at })
        .where('account_id', '=', input.actor.accountId)
        .where('date', '=', date)
        .where('left_at', 'is', null)
        .execute();
      await trx
        .insertInto('window_seats')
        .values({
          id: crypto.randomUUID(),
          window_id: w.id,
          station_id: w.station_id,
          region_code: w.region_code,
          account_id: input.actor.accountId,
          date,
          sat_at: at,
          left_at: null,
        })
        .execute();
      await recordAudit(trx, {
        actor: auditActor(input.actor, grant),
        action: 'queue.window_sat',
        entityType: 'station_window',
        entityId: w.id,
        regionCode: w.region_code,
        after: { date },
        requestId: input.requestId,
        now: input.now,
      });
    });
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    const sitter = await db
      .selectFrom('window_seats as s')
      .innerJoin('accounts as a', 'a.id', 's.account_id')
      .select('a.display_name')
      .where('s.window_id', '=', w.id)
      .where('s.date', '=', date)
      .where('s.left_at', 'is', null)
      .executeTakeFirst();
    throw new AppError('QUEUE_WINDOW_TAKEN', {
      detailText: {
        zh: `${w.name}已有${sitter?.display_name ?? '其他工作人员'}在岗，请选择其他窗口`,
        en: `${sitter?.display_name ?? 'Another clerk'} already sits at ${w.name}; please pick another window`,
      },
      extensions: { windowId: w.id, sitterName: sitter?.display_name ?? null },
    });
  }
  return w;
}

/** The clerk leaves her window (the window's device no longer wakes with her cases). */
export async function leaveWindow(
  db: Db,
  input: { windowId: string; actor: Actor; requestId: string; now: Date },
): Promise<void> {
  const { w, grant } = await loadWindow(db, input.actor, input.windowId);
  const date = chinaDate(input.now);
  await db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('window_seats')
      .set({ left_at: input.now.toISOString() })
      .where('window_id', '=', w.id)
      .where('account_id', '=', input.actor.accountId)
      .where('date', '=', date)
      .where('left_at', 'is', null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('QUEUE_WINDOW_STATE');
    await recordAudit(trx, {
      actor: auditActor(input.actor, grant),
      action: 'queue.window_left',
      entityType: 'station_window',
      entityId: w.id,
      regionCode: w.region_code,
      after: { date },
      requestId: input.requestId,
      now: input.now,
    });
  });
}
