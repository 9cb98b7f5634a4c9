/**
 * Issue #16 point 5: a node keeps the built work calendar under the calendar's version (migration
 * 0067), which a trigger renews on every write into the calendar tables — so a change committed by
 * any node or by raw SQL is used by the very next deadline, and a rolled-back one never. Both
 * databases.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connection.ts';
import { loadWorkCalendar } from '../../src/modules/calendar/calendar.service.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

describe('the work calendar kept under its version (issue #16 point 5)', () => {
  let t: TestApp;
  let otherNode: Db;
  const version = async () =>
    (
      await t.testDb.db.kysely
        .selectFrom('calendar_version')
        .select('version')
        .executeTakeFirstOrThrow()
    ).version;
  const AT = '2027-05-10T02:00:00.000Z';

  beforeAll(async () => {
    t = await createTestApp();
    otherNode = t.testDb.openAnother();
  });
  afterAll(async () => {
    await otherNode.close();
    await t.close();
  });

  it('every write into any of the three tables renews the version; a read does not', async () => {
    const db = t.testDb.db.kysely;
    const seen = new Set([await version()]);
    const renewed = async (write: () => Promise<unknown>) => {
      await write();
      const v = await version();
      expect(seen.has(v)).toBe(false);
      seen.add(v);
    };
    await db.selectFrom('calendar_overrides').selectAll().execute();
    expect(seen.has(await version())).toBe(true);
    await renewed(() =>
      db
        .insertInto('calendar_overrides')
        .values({
          date: '2031-03-03',
          kind: 'holiday',
          note: 't',
          updated_by: null,
          updated_at: AT,
        })
        .execute(),
    );
    await renewed(() =>
      db
        .updateTable('calendar_overrides')
        .set({ note: 'u' })
        .where('date', '=', '2031-03-03')
        .execute(),
    );
    await renewed(() =>
      db.deleteFrom('calendar_overrides').where('date', '=', '2031-03-03').execute(),
    );
    await renewed(() =>
      db
        .insertInto('calendar_years')
        .values({ year: 2031, note: 'n', entered_by: null, entered_at: AT })
        .execute(),
    );
    await renewed(() =>
      db
        .insertInto('calendar_notice_days')
        .values({ date: '2031-10-01', year: 2031, kind: 'holiday', name_zh: null, name_en: null })
        .execute(),
    );
    await renewed(() => sql`delete from calendar_notice_days where year = 2031`.execute(db));
    await renewed(() => sql`delete from calendar_years where year = 2031`.execute(db));
  });

  it('is built once per version, and another node’s change is used by the very next load', async () => {
    const db = t.testDb.db.kysely;
    const first = await loadWorkCalendar(db);
    expect(await loadWorkCalendar(db)).toBe(first); // kept: the same object
    expect(first.overrides.get('2031-06-02')).toBeUndefined();
    await otherNode.kysely
      .insertInto('calendar_overrides')
      .values({ date: '2031-06-02', kind: 'holiday', note: 'x', updated_by: null, updated_at: AT })
      .execute();
    const next = await loadWorkCalendar(db);
    expect(next).not.toBe(first);
    expect(next.overrides.get('2031-06-02')).toBe('holiday');
    await otherNode.kysely
      .deleteFrom('calendar_overrides')
      .where('date', '=', '2031-06-02')
      .execute();
    expect((await loadWorkCalendar(db)).overrides.get('2031-06-02')).toBeUndefined();
  });

  it('a change seen inside a transaction that rolled back is never used afterwards', async () => {
    const db = t.testDb.db.kysely;
    await expect(
      db.transaction().execute(async (trx) => {
        await trx
          .insertInto('calendar_overrides')
          .values({
            date: '2031-07-07',
            kind: 'holiday',
            note: 'r',
            updated_by: null,
            updated_at: AT,
          })
          .execute();
        expect((await loadWorkCalendar(trx)).overrides.get('2031-07-07')).toBe('holiday');
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect((await loadWorkCalendar(db)).overrides.get('2031-07-07')).toBeUndefined();
    // The same after another write: the rolled-back version is never taken again.
    await db
      .insertInto('calendar_overrides')
      .values({ date: '2031-08-08', kind: 'workday', note: 'w', updated_by: null, updated_at: AT })
      .execute();
    const cal = await loadWorkCalendar(db);
    expect(cal.overrides.get('2031-07-07')).toBeUndefined();
    expect(cal.overrides.get('2031-08-08')).toBe('workday');
  });
});
