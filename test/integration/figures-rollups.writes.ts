/**
 * The writes of the rollups' property test (figures-rollups.test.ts): random filings, transitions,
 * requests, hour records, imports, volunteers and activities moving, activities' capacity, sign-ups,
 * status and start changing — made straight in SQL.
 */
import crypto from 'node:crypto';
import fc from 'fast-check';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { CaseState, CaseTable, Database } from '../../src/db/schema.ts';
import { hourRecordRow, insertHourRecords } from '../../src/modules/records/hour-record.row.ts';
import type { TestApp } from '../helpers/test-app.ts';
import { insertVolunteer } from '../helpers/vs-fixtures.ts';

const STATES = [
  'awaiting_supplement',
  'accepted',
  'in_progress',
  'suspended',
  'decided',
  'delivered',
  'closed',
  'refused',
  'withdrawn',
] as const satisfies readonly CaseState[];
const RECORD_STATUS = ['checked_in', 'pending_confirmation', 'confirmed', 'rejected'] as const;
const REQUEST_KINDS = ['notice', 'missing', 'defective'] as const;

/** A day between 2025-01-01 and 2026-12-31. */
export const dayArb = fc
  .integer({ min: 0, max: 729 })
  .map((n) => new Date(Date.UTC(2025, 0, 1 + n)).toISOString().slice(0, 10));
/** An instant within 90 minutes of a China midnight (16:00 UTC), in 2025–2026. */
export const nearMidnightArb = fc
  .tuple(dayArb, fc.integer({ min: -90, max: 90 }))
  .map(([d, m]) => new Date(Date.parse(`${d}T16:00:00.000Z`) + m * 60_000));

export const pick = fc.nat({ max: 10_000 });
export const cmd = fc.oneof(
  fc.record({
    k: fc.constant('file' as const),
    station: pick,
    state: fc.constantFrom(...STATES),
    accepted: fc.boolean(),
    due: fc.option(dayArb),
    tongban: fc.boolean(),
  }),
  fc.record({
    k: fc.constant('transition' as const),
    cases: fc.array(pick, { minLength: 1, maxLength: 4 }),
    state: fc.constantFrom(...STATES),
    accepted: fc.boolean(),
    due: fc.option(dayArb),
  }),
  fc.record({
    k: fc.constant('request' as const),
    case: pick,
    kind: fc.constantFrom(...REQUEST_KINDS),
  }),
  fc.record({
    k: fc.constant('record' as const),
    volunteer: pick,
    activity: pick,
    date: dayArb,
    halfHours: fc.integer({ min: 0, max: 6 }),
    status: fc.constantFrom(...RECORD_STATUS),
  }),
  fc.record({
    k: fc.constant('recordUpdate' as const),
    record: pick,
    status: fc.constantFrom(...RECORD_STATUS),
    date: fc.option(dayArb),
    halfHours: fc.option(fc.integer({ min: 0, max: 6 })),
  }),
  fc.record({
    k: fc.constant('import' as const),
    rows: fc.array(
      fc.record({
        volunteer: pick,
        activity: pick,
        date: dayArb,
        halfHours: fc.integer({ min: 0, max: 8 }),
      }),
      {
        minLength: 1,
        maxLength: 6,
      },
    ),
  }),
  fc.record({ k: fc.constant('volunteer' as const), region: pick, at: nearMidnightArb }),
  fc.record({
    k: fc.constant('move' as const),
    volunteer: pick,
    region: pick,
    at: fc.option(nearMidnightArb),
  }),
  fc.record({ k: fc.constant('activityMove' as const), activity: pick, region: pick }),
  fc.record({
    k: fc.constant('activityFill' as const),
    activity: pick,
    capacity: fc.option(fc.integer({ min: 0, max: 40 })),
    signups: fc.option(fc.integer({ min: 0, max: 40 })),
    status: fc.option(fc.constantFrom('open', 'cancelled', 'completed')),
    startsAt: fc.option(nearMidnightArb),
  }),
);
export type Cmd = typeof cmd extends fc.Arbitrary<infer T> ? T : never;

export const at = <T>(xs: readonly T[], i: number): T => xs[i % xs.length]!;

/** What a write needs of the test database: a case to copy, its stations and regions. */
export interface WriteContext {
  t: TestApp;
  template: Selectable<CaseTable>;
  stations: { id: string; region_code: string }[];
  villages: string[];
  towns: string[];
}

/** One write, made straight in SQL as any writer could. */
export async function apply(w: WriteContext, tx: Kysely<Database>, c: Cmd, now: Date) {
  const { t, template, stations, villages, towns } = w;
  const caseIds = async () =>
    (await tx.selectFrom('cases').select('id').orderBy('id').execute()).map((r) => r.id);
  const volunteers = async () =>
    (await tx.selectFrom('vs_volunteers').select('id').orderBy('id').execute()).map((r) => r.id);
  const activities = async () =>
    await tx
      .selectFrom('vs_activities')
      .select(['id', 'team_id', 'region_code'])
      .orderBy('id')
      .execute();
  const accepted = (yes: boolean) => (yes ? now.toISOString() : null);
  switch (c.k) {
    case 'file': {
      const s = at(stations, c.station);
      const n = crypto.randomUUID();
      await tx
        .insertInto('cases')
        .values({
          ...template,
          id: n,
          number: `T${n.slice(0, 12)}`,
          tracking_code: null,
          accepting_station_id: s.id,
          accepting_region_code: s.region_code,
          state: c.state,
          accepted_at: accepted(c.accepted),
          due_date: c.due,
          is_tongban: c.tongban ? 1 : 0,
        })
        .execute();
      return;
    }
    case 'transition': {
      const ids = await caseIds();
      await tx
        .updateTable('cases')
        .set({ state: c.state, accepted_at: accepted(c.accepted), due_date: c.due })
        .where(
          'id',
          'in',
          c.cases.map((i) => at(ids, i)),
        )
        .execute();
      return;
    }
    case 'request': {
      const ids = await caseIds();
      await tx
        .insertInto('case_requests')
        .values({
          id: crypto.randomUUID(),
          case_id: at(ids, c.case),
          material_key: 'id_card',
          kind: c.kind,
          blocking: 0,
          reason: null,
          requested_by: template.first_responder_id,
          requested_at: now.toISOString(),
          satisfied_at: null,
          satisfied_by: null,
        })
        .execute();
      return;
    }
    case 'record':
    case 'import': {
      const vs = await volunteers();
      const as = await activities();
      const rows =
        c.k === 'record' ? [{ ...c }] : c.rows.map((r) => ({ ...r, status: 'confirmed' as const }));
      // one record per volunteer and activity (a unique key): a repeat is no write
      await insertHourRecords(
        tx,
        rows.map((r) => {
          const a = at(as, r.activity);
          return hourRecordRow(a, {
            id: crypto.randomUUID(),
            volunteer_id: at(vs, r.volunteer),
            team_id: a.team_id,
            service_date: r.date,
            checked_in_at: `${r.date}T01:00:00.000Z`,
            checked_out_at: null,
            check_in_method: 'lead' as const,
            check_out_method: null,
            travel_minutes: 0,
            half_hours: r.halfHours,
            content: '测试',
            place: '村委会',
            status: r.status,
            evaluation: null,
            reject_reason: null,
            confirmed_by: null,
            confirmed_at: null,
            created_at: now.toISOString(),
            updated_at: now.toISOString(),
          });
        }),
        'insert-missing',
      );
      return;
    }
    case 'recordUpdate': {
      const ids = (
        await tx.selectFrom('vs_service_records').select('id').orderBy('id').execute()
      ).map((r) => r.id);
      if (ids.length === 0) return;
      await tx
        .updateTable('vs_service_records')
        .set({
          status: c.status,
          ...(c.date ? { service_date: c.date } : {}),
          ...(c.halfHours !== null ? { half_hours: c.halfHours } : {}),
        })
        .where('id', '=', at(ids, c.record))
        .execute();
      return;
    }
    case 'volunteer':
      await insertVolunteer(tx, t.pii, { homeRegionCode: at(villages, c.region), now: c.at });
      return;
    case 'move': {
      const vs = await volunteers();
      await tx
        .updateTable('vs_volunteers')
        .set({
          home_region_code: at(villages, c.region),
          ...(c.at ? { created_at: c.at.toISOString() } : {}),
        })
        .where('id', '=', at(vs, c.volunteer))
        .execute();
      return;
    }
    case 'activityMove': {
      const as = await activities();
      await tx
        .updateTable('vs_activities')
        .set({ region_code: at([...villages, ...towns], c.region) })
        .where('id', '=', at(as, c.activity).id)
        .execute();
      return;
    }
    case 'activityFill': {
      const as = await activities();
      await tx
        .updateTable('vs_activities')
        .set({
          ...(c.capacity !== null ? { capacity: c.capacity } : {}),
          ...(c.signups !== null ? { confirmed_count: c.signups } : {}),
          ...(c.status !== null ? { status: c.status } : {}),
          ...(c.startsAt ? { starts_at: c.startsAt.toISOString() } : {}),
          version: sql`version + 1`,
        })
        .where('id', '=', at(as, c.activity).id)
        .execute();
      return;
    }
  }
}
