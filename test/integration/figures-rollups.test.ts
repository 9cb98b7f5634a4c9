/**
 * Issue #16 point 5, the property: "rollups equal the live aggregation". Random sequences of writes
 * — filings, transitions (one case or many in one statement), requests for materials, hours
 * recorded, confirmed, rejected and re-dated, back-dated imports as one multi-row INSERT, volunteers
 * registered around China midnight and moving home, activities moving region — are made straight in
 * SQL, as any writer could (the services, an import, `doorstep generate`, an operator), on a real
 * database of the run's dialect. Then the figures read from the rollups must equal the live
 * aggregation (case-figures.live.ts, figures.live.ts) for random scopes, clocks and periods.
 * Each run is one transaction rolled back at its end, so runs are independent and shrinkable.
 */
import crypto from 'node:crypto';
import fc from 'fast-check';
import { sql, type Kysely, type Selectable } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseState, CaseTable, Database } from '../../src/db/schema.ts';
import type { Actor } from '../../src/shared/actor.ts';
import { stationCaseFigures } from '../../src/modules/cases/case-figures.ts';
import { stationCaseFiguresLive } from '../../src/modules/cases/case-figures.live.ts';
import { caseFiguresDrill, DRILL_LEVELS } from '../../src/modules/cases/case-figures.drill.ts';
import { drillOf, sortedByKey } from './figures-rollups.drill.ts';
import { regionFigures } from '../../src/modules/records/figures.service.ts';
import { hourRecordRow, insertHourRecords } from '../../src/modules/records/hour-record.row.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { insertVolunteer } from '../helpers/vs-fixtures.ts';
import { TEST_DIALECT } from '../helpers/test-db.ts';

const ADMIN: Actor = {
  accountId: 'rollup-test',
  username: 'rollup-test',
  displayName: 'rollup test',
  residentId: null,
  grants: [
    {
      role: 'admin',
      regionCode: '110000000000',
      regionLevel: 'province',
      regionName: '北京市',
      stationId: null,
      stationName: null,
      stationKind: null,
      reachPrefix: '11',
    },
  ],
};

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
const dayArb = fc
  .integer({ min: 0, max: 729 })
  .map((n) => new Date(Date.UTC(2025, 0, 1 + n)).toISOString().slice(0, 10));
/** An instant within 90 minutes of a China midnight (16:00 UTC), in 2025–2026. */
const nearMidnightArb = fc
  .tuple(dayArb, fc.integer({ min: -90, max: 90 }))
  .map(([d, m]) => new Date(Date.parse(`${d}T16:00:00.000Z`) + m * 60_000));

const pick = fc.nat({ max: 10_000 });
const cmd = fc.oneof(
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
);
type Cmd = typeof cmd extends fc.Arbitrary<infer T> ? T : never;

const at = <T>(xs: readonly T[], i: number): T => xs[i % xs.length]!;

class Rollback extends Error {}

describe(`rollups equal the live aggregation (${TEST_DIALECT})`, () => {
  let t: TestApp;
  let db: Kysely<Database>;
  let template: Selectable<CaseTable>;
  let stations: { id: string; region_code: string }[];
  let villages: string[];
  let towns: string[];

  beforeAll(async () => {
    t = await createTestApp();
    db = t.testDb.db.kysely;
    template = await db.selectFrom('cases').selectAll().limit(1).executeTakeFirstOrThrow();
    stations = await db
      .selectFrom('stations')
      .select(['id', 'region_code'])
      .orderBy('id')
      .execute();
    villages = (
      await db
        .selectFrom('regions')
        .select('code')
        .where('level', '=', 'village')
        .where('code', 'like', '11%')
        .orderBy('code')
        .execute()
    ).map((r) => r.code);
    towns = (
      await db
        .selectFrom('regions')
        .select('code')
        .where('level', '=', 'town')
        .where('code', 'like', '110115%')
        .orderBy('code')
        .execute()
    ).map((r) => r.code);
  });
  afterAll(async () => t.close());

  async function apply(tx: Kysely<Database>, c: Cmd, now: Date) {
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
          c.k === 'record'
            ? [{ ...c }]
            : c.rows.map((r) => ({ ...r, status: 'confirmed' as const }));
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
    }
  }

  /** The due-date rollup's rows, and the running cases grouped the same way (migration 0062). */
  const dueRollup = async (tx: Kysely<Database>) =>
    (
      await sql<{ k: string; n: number }>`select accepting_station_id || ' ' || due_date as k,
        cases as n from case_due_rollups order by 1`.execute(tx)
    ).rows.map((r) => [r.k, Number(r.n)]);
  const dueLive = async (tx: Kysely<Database>) =>
    (
      await sql<{ k: string; n: number }>`select accepting_station_id || ' ' || due_date as k,
        count(*) as n from cases where state in ('accepted', 'in_progress')
          and due_date is not null and due_date > ''
        group by accepting_station_id, due_date order by 1`.execute(tx)
    ).rows.map((r) => [r.k, Number(r.n)]);

  it('after any writes, the figures from the rollups are the live ones', async () => {
    const scope = fc.oneof(
      fc.constant(undefined),
      fc.constant('110115000000'),
      pick.map((i) => at(towns, i)),
    );
    const period = fc.oneof(
      fc.constant({}),
      dayArb.map((to) => ({ from: `${to.slice(0, 4)}-01-01`, to })),
      fc.tuple(dayArb, dayArb).map(([a, b]) => (a <= b ? { from: a, to: b } : { from: b, to: a })),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(cmd, { minLength: 1, maxLength: 25 }),
        fc.array(fc.tuple(nearMidnightArb, scope, period), { minLength: 1, maxLength: 3 }),
        async (cmds, checks) => {
          try {
            await db.transaction().execute(async (tx) => {
              for (const c of cmds) await apply(tx, c, checks[0]![0]);
              expect(await dueRollup(tx)).toEqual(await dueLive(tx)); // and no row at 0
              for (const [now, regionCode, p] of checks) {
                const input = { actor: ADMIN, now, regionCode };
                const live = await stationCaseFiguresLive(tx, input);
                expect(await stationCaseFigures(tx, input)).toEqual(live);
                for (const by of DRILL_LEVELS)
                  expect(sortedByKey(await caseFiguresDrill(tx, { ...input, by }))).toEqual(
                    drillOf(live, by),
                  );
                const vs = { actor: ADMIN, now, regionCode: regionCode ?? '110115000000', ...p };
                expect(await regionFigures(tx, vs)).toEqual(
                  await regionFigures(tx, { ...vs, live: true }),
                );
              }
              throw new Rollback();
            });
          } catch (err) {
            if (!(err instanceof Rollback)) throw err;
          }
        },
      ),
      { numRuns: 25, seed: Number(process.env.ROLLUP_SEED ?? Date.now() % 1_000_000) },
    );
  }, 120_000);

  it('a write that skips the triggers shows (the comparison can fail)', async () => {
    const now = new Date('2026-03-10T08:00:00Z');
    try {
      await db.transaction().execute(async (tx) => {
        await sql
          .raw(
            TEST_DIALECT === 'postgres'
              ? 'DROP TRIGGER rollup_cases_insert ON cases'
              : 'DROP TRIGGER rollup_cases_insert',
          )
          .execute(tx);
        await apply(
          tx,
          { k: 'file', station: 0, state: 'accepted', accepted: true, due: null, tongban: false },
          now,
        );
        expect(await stationCaseFigures(tx, { actor: ADMIN, now })).not.toEqual(
          await stationCaseFiguresLive(tx, { actor: ADMIN, now }),
        );
        throw new Rollback();
      });
    } catch (err) {
      if (!(err instanceof Rollback)) throw err;
    }
  });

  it('the rollups of the demo data set, made by the migration, are the live ones', async () => {
    const now = new Date('2026-03-10T08:00:00Z');
    expect(await stationCaseFigures(db, { actor: ADMIN, now })).toEqual(
      await stationCaseFiguresLive(db, { actor: ADMIN, now }),
    );
    expect((await stationCaseFigures(db, { actor: ADMIN, now })).length).toBeGreaterThan(0);
  });
});
