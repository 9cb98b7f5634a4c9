/**
 * Issue #16 point 5, the property: "rollups equal the live aggregation". Random sequences of writes
 * — filings, transitions (one case or many in one statement), requests for materials, hours
 * recorded, confirmed, rejected and re-dated, back-dated imports as one multi-row INSERT, volunteers
 * registered around China midnight and moving home, activities moving region, their capacity,
 * sign-ups, status and start changing — are made straight in
 * SQL, as any writer could (the services, an import, `doorstep generate`, an operator), on a real
 * database of the run's dialect. Then the figures read from the rollups must equal the live
 * aggregation (case-figures.live.ts, figures.live.ts) for random scopes, clocks and periods.
 * Each run is one transaction rolled back at its end, so runs are independent and shrinkable.
 */
import fc from 'fast-check';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/schema.ts';
import type { Actor } from '../../src/shared/actor.ts';
import { figureScope, stationCaseFigures } from '../../src/modules/cases/case-figures.ts';
import { stationCaseFiguresLive } from '../../src/modules/cases/case-figures.live.ts';
import { caseFiguresDrill, DRILL_LEVELS } from '../../src/modules/cases/case-figures.drill.ts';
import { pageStationCaseFigures } from '../../src/modules/cases/case-figures.page.ts';
import { drillOf, sortedByKey } from './figures-rollups.drill.ts';
import { lightsByCase, lightsOf } from './figures-rollups.lights.ts';
import {
  apply,
  cmd,
  at,
  dayArb,
  nearMidnightArb,
  pick,
  type WriteContext,
} from './figures-rollups.writes.ts';
import { regionFigures } from '../../src/modules/records/figures.service.ts';
import { addCalendarDays, chinaTime } from '../../src/modules/calendar/working-days.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
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

class Rollback extends Error {}

describe(`rollups equal the live aggregation (${TEST_DIALECT})`, () => {
  let t: TestApp;
  let db: Kysely<Database>;
  let ctx: WriteContext;
  const w = () => ctx;

  beforeAll(async () => {
    t = await createTestApp();
    db = t.testDb.db.kysely;
    const template = await db.selectFrom('cases').selectAll().limit(1).executeTakeFirstOrThrow();
    const stations = await db
      .selectFrom('stations')
      .select(['id', 'region_code'])
      .orderBy('id')
      .execute();
    const villages = (
      await db
        .selectFrom('regions')
        .select('code')
        .where('level', '=', 'village')
        .where('code', 'like', '11%')
        .orderBy('code')
        .execute()
    ).map((r) => r.code);
    const towns = (
      await db
        .selectFrom('regions')
        .select('code')
        .where('level', '=', 'town')
        .where('code', 'like', '110115%')
        .orderBy('code')
        .execute()
    ).map((r) => r.code);
    ctx = { t, template, stations, villages, towns };
  });
  afterAll(async () => t.close());

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

  /** Every page of the per-station figures (GET /cases/figures/page), each `total` checked. */
  const walkPages = async (
    tx: Kysely<Database>,
    input: Parameters<typeof pageStationCaseFigures>[1],
    total: number,
  ) => {
    const items = [];
    let after: string | undefined;
    do {
      const page = await pageStationCaseFigures(tx, { ...input, after });
      expect(page.items.length).toBeLessThanOrEqual(input.limit);
      expect({ total: page.total, exact: page.totalExact }).toEqual({ total, exact: true });
      items.push(...page.items);
      after = page.nextCursor ?? undefined;
    } while (after !== undefined);
    return items;
  };

  it('after any writes, the figures from the rollups are the live ones', async () => {
    const scope = fc.oneof(
      fc.constant(undefined),
      fc.constant('110000000000'),
      fc.constant('110115000000'),
      pick.map((i) => at(ctx.towns, i)),
    );
    const period = fc.oneof(
      fc.constant({}),
      dayArb.map((to) => ({ from: `${to.slice(0, 4)}-01-01`, to })),
      fc.tuple(dayArb, dayArb).map(([a, b]) => (a <= b ? { from: a, to: b } : { from: b, to: a })),
    );
    // The clock: any instant near a China midnight, or a few days before or after a running case's
    // due date (so yellow, its window and the holidays around it are met, not one run in a hundred).
    const clock = fc.oneof(
      nearMidnightArb.map((at) => ({ at })),
      fc.record({ due: pick, days: fc.integer({ min: -3, max: 12 }), at: nearMidnightArb }),
    );
    const nowOf = async (tx: Kysely<Database>, c: { at: Date; due?: number; days?: number }) => {
      const dues = await tx
        .selectFrom('case_due_rollups')
        .select('due_date')
        .orderBy('due_date')
        .execute();
      if (c.due === undefined || dues.length === 0) return c.at;
      const day = addCalendarDays(at(dues, c.due).due_date, -(c.days ?? 0));
      return chinaTime(day, c.at.getUTCHours() % 24, c.at.getUTCMinutes());
    };
    await fc.assert(
      fc.asyncProperty(
        fc.array(cmd, { minLength: 1, maxLength: 25 }),
        fc.array(
          fc.tuple(
            clock,
            scope,
            period,
            fc.integer({ min: 0, max: 3 }),
            fc.integer({ min: 1, max: 4 }),
          ),
          {
            minLength: 1,
            maxLength: 3,
          },
        ),
        async (cmds, checks) => {
          try {
            await db.transaction().execute(async (tx) => {
              for (const c of cmds) await apply(w(), tx, c, checks[0]![0].at);
              expect(await dueRollup(tx)).toEqual(await dueLive(tx)); // and no row at 0
              for (const [c, regionCode, p, yellowWithinWorkingDays, limit] of checks) {
                const now = await nowOf(tx, c);
                const input = { actor: ADMIN, now, regionCode, yellowWithinWorkingDays };
                const live = await stationCaseFiguresLive(tx, input);
                expect(await stationCaseFigures(tx, input)).toEqual(live);
                // …and so are their pages by keyset, walked to the end, with an exact total.
                expect(await walkPages(tx, { ...input, limit }, live.length)).toEqual(live);
                // …and the lights are the ones the cases list shows, case by case.
                const { within } = figureScope(input);
                const oracle = { now, reach: '11', within, yellowWithinWorkingDays };
                expect(lightsOf(live)).toEqual(await lightsByCase(tx, oracle));
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
          w(),
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

  it('the lights split by the yellow window and the holidays (the comparison can fail)', async () => {
    // Friday 2026-02-13, before 春节 (2-15..2-23 off, Saturday 2-14 a working day): a case due on
    // Tuesday 2-24 is the second working day away — green in a window of 1, yellow in one of 2.
    const now = chinaTime('2026-02-13', 10);
    try {
      await db.transaction().execute(async (tx) => {
        const station = ctx.stations[0]!;
        const file = { k: 'file' as const, station: 0, accepted: true, tongban: false };
        await apply(w(), tx, { ...file, state: 'accepted', due: '2026-02-24' }, now);
        const lights = async (yellowWithinWorkingDays: number) => {
          const input = { actor: ADMIN, now, yellowWithinWorkingDays };
          const rows = await stationCaseFigures(tx, input);
          expect(rows).toEqual(await stationCaseFiguresLive(tx, input));
          const oracle = { now, reach: '11', within: '', yellowWithinWorkingDays };
          expect(lightsOf(rows)).toEqual(await lightsByCase(tx, oracle));
          return rows.find((r) => r.stationId === station.id)!;
        };
        const narrow = await lights(1);
        const wide = await lights(2);
        expect(wide.yellow).toBe(narrow.yellow + 1);
        expect(wide.green).toBe(narrow.green - 1);
        const wrongWindow = await stationCaseFiguresLive(tx, {
          actor: ADMIN,
          now,
          yellowWithinWorkingDays: 2,
        });
        expect(await stationCaseFigures(tx, { actor: ADMIN, now })).not.toEqual(wrongWindow);
        throw new Rollback();
      });
    } catch (err) {
      if (!(err instanceof Rollback)) throw err;
    }
  });
});
