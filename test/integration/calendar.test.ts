/** GS-8: working-day overrides (admins, audited) and the calendar queries that honour them. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkCalendar } from '../../src/modules/calendar/calendar.service.ts';
import { isWorkingDay } from '../../src/modules/calendar/working-days.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';

describe('GS-8 working-day calendar', () => {
  let t: TestApp;
  let admin: Client;
  let clerk: Client;

  const auditOf = (date: string) =>
    t.testDb.db.kysely
      .selectFrom('audit_events')
      .select(['action', 'actor_role', 'region_code', 'before_json', 'after_json'])
      .where('entity_type', '=', 'calendar_override')
      .where('entity_id', '=', date)
      .orderBy('seq')
      .execute();
  const counts = async () => {
    const k = t.testDb.db.kysely;
    const overrides = await k
      .selectFrom('calendar_overrides')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const audit = await k
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return { overrides: Number(overrides.n), audit: Number(audit.n) };
  };
  const dueDate = async (from: string, days: number) =>
    (await clerk.call('GET', `/api/v1/calendar/due-date?from=${from}&days=${days}`)).json<{
      dueDate: string;
      warnings: { code: string; year: number }[];
    }>();

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login('admin');
    clerk = await t.login('clerk');
  });
  afterAll(async () => t.close());

  it('an administrator sets, changes and removes an override, each step audited', async () => {
    const set = await admin.call('PUT', '/api/v1/calendar/overrides/2027-01-01', {
      kind: 'holiday',
      note: '元旦',
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ date: '2027-01-01', kind: 'holiday', note: '元旦' });

    const changed = await admin.call('PUT', '/api/v1/calendar/overrides/2027-01-01', {
      kind: 'holiday',
      note: '元旦（国务院办公厅通知）',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const list = (await clerk.call('GET', '/api/v1/calendar/overrides?year=2027')).json<{
      lastOfficialYear: number;
      overrides: { date: string; note: string; updatedBy: string }[];
    }>();
    expect(list.lastOfficialYear).toBe(2026);
    expect(list.overrides).toEqual([
      expect.objectContaining({ date: '2027-01-01', note: '元旦（国务院办公厅通知）' }),
    ]);
    expect(list.overrides[0]!.updatedBy).toBeTruthy();

    const removed = await admin.call('DELETE', '/api/v1/calendar/overrides/2027-01-01');
    expect(removed.statusCode, removed.body).toBe(204);
    const events = await auditOf('2027-01-01');
    expect(events.map((e) => e.action)).toEqual([
      'calendar.override_set',
      'calendar.override_set',
      'calendar.override_removed',
    ]);
    expect(events[0]).toMatchObject({ actor_role: 'admin', region_code: '110115000000' });
    expect(events[0]!.before_json).toBeNull();
    expect(JSON.parse(events[1]!.before_json!)).toMatchObject({ note: '元旦' });
    expect(JSON.parse(events[2]!.before_json!)).toMatchObject({ note: '元旦（国务院办公厅通知）' });
    expect(events[2]!.after_json).toBeNull();

    const audit = await admin.call('POST', '/api/v1/audit/verify');
    expect(audit.json()).toMatchObject({ ok: true });
  });

  it('removing a date without an override is 404 and writes nothing', async () => {
    const before = await counts();
    const res = await admin.call('DELETE', '/api/v1/calendar/overrides/2027-05-05');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'CALENDAR_OVERRIDE_NOT_FOUND' });
    expect(await counts()).toEqual(before);
  });

  it('the due date follows the official calendar and honours an override', async () => {
    // Friday before the 2026 Spring Festival break; the make-up Saturday 14 Feb counts.
    expect(await dueDate('2026-02-13', 5)).toEqual({
      from: '2026-02-13',
      days: 5,
      acceptedAt: '2026-02-13T01:00:00.000Z',
      dueDate: '2026-02-27',
      dueDateProvisional: false,
      provisionalYears: [],
      warnings: [],
    });
    await admin.call('PUT', '/api/v1/calendar/overrides/2026-02-24', {
      kind: 'holiday',
      note: '本地调整（测试）',
    });
    expect((await dueDate('2026-02-13', 5)).dueDate).toBe('2026-02-28');
    await admin.call('DELETE', '/api/v1/calendar/overrides/2026-02-24');
    expect((await dueDate('2026-02-13', 5)).dueDate).toBe('2026-02-27');
  });

  it('an override in a provisional year changes the day but keeps the year’s warning', async () => {
    const before = await dueDate('2026-12-28', 10);
    expect(before.warnings).toEqual([
      expect.objectContaining({ code: 'CALENDAR_YEAR_PROVISIONAL', year: 2027 }),
    ]);
    await admin.call('PUT', '/api/v1/calendar/overrides/2027-01-04', {
      kind: 'holiday',
      note: '本地调整（测试）',
    });
    const after = await dueDate('2026-12-28', 10);
    expect(after.warnings).toEqual([
      expect.objectContaining({ code: 'CALENDAR_YEAR_PROVISIONAL', year: 2027 }),
    ]);
    expect(after.dueDate > before.dueDate).toBe(true); // the override still counts
    await admin.call('DELETE', '/api/v1/calendar/overrides/2027-01-04');
  });

  it('another app node sees an override at once (nothing cached in process)', async () => {
    const other = t.testDb.openAnother();
    expect(isWorkingDay('2026-03-07', await loadWorkCalendar(other.kysely))).toBe(false);
    await admin.call('PUT', '/api/v1/calendar/overrides/2026-03-07', {
      kind: 'workday',
      note: '补班（测试）',
    });
    expect(isWorkingDay('2026-03-07', await loadWorkCalendar(other.kysely))).toBe(true);
    await admin.call('DELETE', '/api/v1/calendar/overrides/2026-03-07');
  });

  it('lists days with whether each is working and why', async () => {
    await admin.call('PUT', '/api/v1/calendar/overrides/2026-02-27', {
      kind: 'holiday',
      note: '本地调整（测试）',
    });
    const res = await clerk.call('GET', '/api/v1/calendar/days?from=2026-02-13&to=2026-02-28');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{
      days: { date: string; working: boolean; source: string; holiday: unknown }[];
      warnings: unknown[];
    }>();
    expect(body.days).toHaveLength(16);
    const day = (d: string) => body.days.find((x) => x.date === d);
    expect(day('2026-02-13')).toMatchObject({ working: true, source: 'weekday-rule' });
    expect(day('2026-02-14')).toMatchObject({
      working: true,
      source: 'official',
      holiday: { zh: '春节', en: 'Spring Festival' },
    });
    expect(day('2026-02-16')).toMatchObject({ working: false, source: 'official' });
    expect(day('2026-02-27')).toMatchObject({ working: false, source: 'override' });
    expect(body.warnings).toEqual([]);
    await admin.call('DELETE', '/api/v1/calendar/overrides/2026-02-27');

    const leapYearLong = await clerk.call(
      'GET',
      '/api/v1/calendar/days?from=2026-01-01&to=2027-01-01',
    );
    expect(leapYearLong.statusCode).toBe(200);
    expect(leapYearLong.json<{ warnings: { year: number }[] }>().warnings).toEqual([
      expect.objectContaining({ year: 2027 }),
    ]);
  });

  describe('bad input: a 4xx problem+json and nothing written', () => {
    const cases: {
      name: string;
      method: 'GET' | 'PUT' | 'DELETE';
      url: string;
      body?: unknown;
      status: number;
      code: string;
    }[] = [
      {
        name: 'an impossible date',
        method: 'PUT',
        url: '/api/v1/calendar/overrides/2026-02-30',
        body: { kind: 'holiday', note: 'x' },
        status: 400,
        code: 'VALIDATION_FAILED',
      },
      {
        name: 'a date in another format',
        method: 'PUT',
        url: '/api/v1/calendar/overrides/2026-3-1',
        body: { kind: 'holiday', note: 'x' },
        status: 400,
        code: 'VALIDATION_FAILED',
      },
      {
        name: 'a year out of range',
        method: 'PUT',
        url: '/api/v1/calendar/overrides/1899-01-01',
        body: { kind: 'holiday', note: 'x' },
        status: 400,
        code: 'VALIDATION_FAILED',
      },
      {
        name: 'a kind that is not allowed',
        method: 'PUT',
        url: '/api/v1/calendar/overrides/2027-01-01',
        body: { kind: 'weekend', note: 'x' },
        status: 400,
        code: 'VALIDATION_FAILED',
      },
      {
        name: 'an unknown field',
        method: 'PUT',
        url: '/api/v1/calendar/overrides/2027-01-01',
        body: { kind: 'holiday', note: 'x', region: '110115000000' },
        status: 400,
        code: 'VALIDATION_FAILED',
      },
      {
        name: 'no note',
        method: 'PUT',
        url: '/api/v1/calendar/overrides/2027-01-01',
        body: { kind: 'holiday', note: '  ' },
        status: 400,
        code: 'VALIDATION_FAILED',
      },
      {
        name: 'an impossible date to remove',
        method: 'DELETE',
        url: '/api/v1/calendar/overrides/2027-02-29',
        status: 400,
        code: 'VALIDATION_FAILED',
      },
      {
        name: 'negative days',
        method: 'GET',
        url: '/api/v1/calendar/due-date?from=2026-03-02&days=-1',
        status: 400,
        code: 'VALIDATION_FAILED',
      },
      {
        name: 'too many days',
        method: 'GET',
        url: '/api/v1/calendar/due-date?from=2026-03-02&days=1001',
        status: 400,
        code: 'VALIDATION_FAILED',
      },
      {
        name: 'fractional days',
        method: 'GET',
        url: '/api/v1/calendar/due-date?from=2026-03-02&days=1.5',
        status: 400,
        code: 'VALIDATION_FAILED',
      },
      {
        name: 'days that are not a number',
        method: 'GET',
        url: '/api/v1/calendar/due-date?from=2026-03-02&days=five',
        status: 400,
        code: 'VALIDATION_FAILED',
      },
      {
        name: 'an impossible from date',
        method: 'GET',
        url: '/api/v1/calendar/due-date?from=2026-02-30&days=1',
        status: 400,
        code: 'VALIDATION_FAILED',
      },
      {
        name: 'an unknown query parameter',
        method: 'GET',
        url: '/api/v1/calendar/due-date?from=2026-03-02&days=1&tz=UTC',
        status: 400,
        code: 'VALIDATION_FAILED',
      },
      {
        name: 'a year that is not a number',
        method: 'GET',
        url: '/api/v1/calendar/overrides?year=next',
        status: 400,
        code: 'VALIDATION_FAILED',
      },
      {
        name: 'a range over 366 days',
        method: 'GET',
        url: '/api/v1/calendar/days?from=2026-01-01&to=2027-01-02',
        status: 400,
        code: 'CALENDAR_RANGE_TOO_LONG',
      },
      {
        name: 'a reversed range',
        method: 'GET',
        url: '/api/v1/calendar/days?from=2026-03-02&to=2026-03-01',
        status: 400,
        code: 'CALENDAR_RANGE_REVERSED',
      },
      {
        name: 'a range without its end',
        method: 'GET',
        url: '/api/v1/calendar/days?from=2026-03-02',
        status: 400,
        code: 'VALIDATION_FAILED',
      },
    ];
    for (const c of cases) {
      it(c.name, async () => {
        const before = await counts();
        const res = await admin.call(c.method, c.url, c.body);
        expect(res.statusCode, res.body).toBe(c.status);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.json()).toMatchObject({ code: c.code });
        expect(await counts()).toEqual(before);
      });
    }

    it('answers in English when asked', async () => {
      const res = await admin.call(
        'GET',
        '/api/v1/calendar/days?from=2026-01-01&to=2027-12-31',
        undefined,
        { 'accept-language': 'en' },
      );
      expect(res.json()).toMatchObject({
        code: 'CALENDAR_RANGE_TOO_LONG',
        title: 'The date range may span at most 366 days',
      });
    });

    it('a clerk may read the calendar but not change it', async () => {
      const before = await counts();
      const res = await clerk.call('PUT', '/api/v1/calendar/overrides/2027-01-01', {
        kind: 'holiday',
        note: '元旦',
      });
      expect(res.statusCode).toBe(403);
      expect(await counts()).toEqual(before);
    });
  });
});
