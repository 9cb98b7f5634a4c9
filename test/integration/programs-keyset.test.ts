/**
 * Issue #16 point 5 on both dialects: the programs list pages by keyset (GET /programs/page) —
 * browsing a region and the organiser's managed view — every row once in the offset list's
 * order, none twice while programs are created, the total exact, a bad or foreign cursor a 400.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { expectKeysetContract } from './keyset.fixtures.ts';
import { summerProgram } from './programs.fixtures.ts';

describe('#16 p5 keyset pages of programs', () => {
  let t: TestApp;
  let organiser: Client;
  let resident: Client;
  let caseCursor = '';
  let n = 0;

  /** A program; three share each season start, so the id breaks ties. */
  const newProgram = async () => {
    n += 1;
    const day = String(1 + Math.floor(n / 3)).padStart(2, '0');
    const r = await organiser.call('POST', '/api/v1/programs', {
      ...summerProgram(30),
      title: `暑期托管 ${n}`,
      seasonStartsOn: `2026-07-${day}`,
    });
    expect(r.statusCode, r.body).toBe(201);
  };

  beforeAll(async () => {
    t = await createTestApp();
    organiser = await t.login('organiser');
    resident = await t.login('resident');
    for (let i = 0; i < 10; i += 1) await newProgram();
    const clerk = await t.login('clerk');
    const page = (await clerk.call('GET', '/api/v1/cases/page?limit=1')).json<{
      nextCursor: string | null;
    }>();
    caseCursor = page.nextCursor ?? '';
    expect(caseCursor).not.toBe('');
  });
  afterAll(async () => t.close());

  it('browsing a town: every row once, in order, while programs are created; bad cursors refused', async () => {
    await expectKeysetContract({
      who: resident,
      offsetUrl: '/api/v1/programs?regionCode=110115110000',
      pageUrl: '/api/v1/programs/page?regionCode=110115110000',
      write: newProgram,
      foreignCursor: caseCursor,
    });
  });

  it('the organiser’s managed view the same way', async () => {
    await expectKeysetContract({
      who: organiser,
      offsetUrl: '/api/v1/programs?view=managed',
      pageUrl: '/api/v1/programs/page?view=managed',
      write: newProgram,
      foreignCursor: caseCursor,
    });
  });

  it('the same scope as the offset list: managed is for organisers only', async () => {
    for (const url of ['/api/v1/programs?view=managed', '/api/v1/programs/page?view=managed']) {
      expect((await resident.call('GET', url)).statusCode).toBe(403);
    }
  });
});
