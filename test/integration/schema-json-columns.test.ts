/**
 * Issue #12 point 5: a JSON column is parsed on the way out of the repository. A stored value that
 * is not of its shape is an internal error that names the column in the log — the reader never
 * gets it passed on as if it were right.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

describe('JSON columns read through zod (#12 point 5)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());
  const stations = () =>
    t.app.inject({ method: 'GET', url: '/api/v1/stations?regionCode=110115110000' });

  it('a station whose stored opening hours lost their shape is a logged 500 naming the column', async () => {
    expect((await stations()).statusCode).toBe(200);
    const k = t.testDb.db.kysely;
    const one = await k
      .selectFrom('stations')
      .select(['id', 'opening_hours'])
      .where('region_code', 'like', '110115110%')
      .executeTakeFirstOrThrow();
    await k
      .updateTable('stations')
      .set({ opening_hours: '[{"days":"every day"}]' })
      .where('id', '=', one.id)
      .execute();
    const broken = await stations();
    expect(broken.statusCode).toBe(500);
    expect(broken.json()).toMatchObject({ code: 'INTERNAL' });
    expect(broken.body).not.toContain('every day');
    expect(t.logs.join('\n')).toMatch(/stored JSON in stations\.opening_hours is invalid/);

    await k
      .updateTable('stations')
      .set({ opening_hours: one.opening_hours })
      .where('id', '=', one.id)
      .execute();
    expect((await stations()).statusCode).toBe(200);
  });
});
