/**
 * Issue #16 point 5: `doorstep rollups rebuild` puts back rollups that went wrong (emptied or
 * edited by hand here) from the source rows, equal again to the live figures — and through the CLI.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/shared/actor.ts';
import { stationCaseFigures } from '../../src/modules/cases/case-figures.ts';
import { stationCaseFiguresLive } from '../../src/modules/cases/case-figures.live.ts';
import { rebuildCaseRollups } from '../../src/modules/cases/case-figures.rebuild.ts';
import { rebuildVolunteerRollups } from '../../src/modules/records/figures.rebuild.ts';
import { regionFigures } from '../../src/modules/records/figures.service.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { TEST_DIALECT } from '../helpers/test-db.ts';

const ADMIN: Actor = {
  accountId: 'rebuild',
  username: 'rebuild',
  displayName: 'rebuild',
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

describe(`doorstep rollups rebuild (${TEST_DIALECT})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('recomputes wrong rollups from the source rows', async () => {
    const db = t.testDb.db.kysely;
    const now = new Date('2026-03-10T08:00:00Z');
    const vs = {
      actor: ADMIN,
      now,
      regionCode: '110115000000',
      from: '2025-01-01',
      to: '2026-12-31',
    };
    const cases = () => stationCaseFigures(db, { actor: ADMIN, now });
    const liveCases = await stationCaseFiguresLive(db, { actor: ADMIN, now });
    const liveVs = await regionFigures(db, { ...vs, live: true });
    await db.deleteFrom('case_station_totals').execute();
    await sql`UPDATE case_due_rollups SET cases = cases + 1`.execute(db);
    await sql`UPDATE vs_area_rollups SET n = n + 7`.execute(db);
    expect(await regionFigures(db, vs)).not.toEqual(liveVs);
    expect(await cases()).not.toEqual(liveCases);
    const r = await db.transaction().execute(async (tx) => ({
      ...(await rebuildCaseRollups(tx)),
      ...(await rebuildVolunteerRollups(tx)),
    }));
    expect(r.rows).toBeGreaterThan(0);
    expect(await cases()).toEqual(liveCases);
    expect(await regionFigures(db, vs)).toEqual(liveVs);
  });
});
