/**
 * X-9 bad input on the CP-3/CP-4 endpoints: a 4xx problem+json with a machine-readable code, on
 * the dialect of the run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { bulkGuardians, summerProgram, type BulkGuardian } from './programs.fixtures.ts';
import { asGuardian, MARCH } from './programs-day.fixtures.ts';

describe('X-9 CP-3/CP-4 bad input', () => {
  let t: TestApp;
  let organiser: Client;
  let g: BulkGuardian[] = [];
  let classId = '';
  const as = (who: BulkGuardian, method: 'GET' | 'POST', url: string, body?: unknown) =>
    asGuardian(t, who, method, url, body);

  beforeAll(async () => {
    t = await createTestApp({ residents: 5 });
    organiser = await t.login('organiser');
    g = await bulkGuardians(t.testDb.db.kysely, t.pii, 4);
    const res = await organiser.call('POST', '/api/v1/programs', { ...summerProgram(2), ...MARCH });
    expect(res.statusCode, res.body).toBe(201);
    classId = res.json<{ classes: { id: string }[] }>().classes[0]!.id;
    const e = await as(g[0]!, 'POST', `/api/v1/programs/classes/${classId}/enrolments`, {
      childId: g[0]!.childId,
    });
    expect(e.statusCode, e.body).toBe(201);
  }, 120_000);
  afterAll(async () => t.close());

  it('every new endpoint answers bad input with a 4xx problem+json', async () => {
    const cases: [Client | BulkGuardian, 'GET' | 'POST' | 'PUT', string, unknown, number][] = [
      [organiser, 'PUT', `/api/v1/programs/classes/${classId}/day`, { dayStarts: '9' }, 400],
      [organiser, 'GET', `/api/v1/programs/classes/nope/days/2026-03-02`, undefined, 400],
      [organiser, 'GET', `/api/v1/programs/classes/${classId}/days/2026-02-30`, undefined, 400],
      [
        organiser,
        'POST',
        `/api/v1/programs/attendance/${crypto.randomUUID()}/sign-in`,
        undefined,
        404,
      ],
      [
        organiser,
        'POST',
        `/api/v1/programs/attendance/${crypto.randomUUID()}/absent`,
        { kind: 'bored' },
        400,
      ],
      [
        organiser,
        'POST',
        `/api/v1/programs/attendance/${crypto.randomUUID()}/release`,
        { code: 'A' },
        400,
      ],
      [
        organiser,
        'POST',
        `/api/v1/programs/proposals/${crypto.randomUUID()}/dismiss`,
        undefined,
        404,
      ],
      [
        organiser,
        'POST',
        `/api/v1/programs/roster/${crypto.randomUUID()}/check-in`,
        undefined,
        404,
      ],
      [
        g[0]!,
        'POST',
        `/api/v1/programs/children/${g[0]!.childId}/pickup-persons`,
        { kind: 'x' },
        400,
      ],
      [
        g[0]!,
        'POST',
        `/api/v1/programs/children/${g[0]!.childId}/pickup-persons`,
        { kind: 'authorised', name: '甲', relation: '乙', phone: '123' },
        400,
      ],
      [
        g[0]!,
        'POST',
        `/api/v1/programs/pickup-persons/${crypto.randomUUID()}/revoke`,
        undefined,
        404,
      ],
      [
        g[0]!,
        'POST',
        `/api/v1/programs/children/${g[0]!.childId}/absences`,
        { classId, day: '2026-03-02', kind: 'unexcused' },
        400,
      ],
      [
        g[3]!,
        'POST',
        `/api/v1/programs/children/${g[3]!.childId}/absences`,
        { classId, day: '2026-03-09', kind: 'sick' },
        409,
      ],
      [g[0]!, 'GET', `/api/v1/programs/classes/${classId}/days/2026-03-02`, undefined, 403],
    ];
    for (const [who, method, url, body, status] of cases) {
      const res =
        'call' in who
          ? await who.call(method, url, body)
          : await as(who, method as 'GET' | 'POST', url, body);
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });
});
