/**
 * Issue #10 point 14: every creating POST of the running app honours Idempotency-Key. A new POST
 * route fails this test until it is marked `idempotent` or listed below with its reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idempotencyDeclarations } from '../../src/server/idempotency.plugin.ts';
import { RESOURCE_LOCATIONS } from '../../src/server/idempotency-replay.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

/**
 * POSTs that are not idempotent, and why. Everything else — every creating POST and every
 * transition or action — honours the key (a retried transition replays its first answer).
 */
const NOT_IDEMPOTENT: Record<string, string> = {
  'POST /api/v1/auth/login': 'signs in: sets a cookie, creates nothing the client names',
  'POST /api/v1/auth/logout': 'ends the session; repeating it is harmless',
  'POST /api/v1/auth/sms-code':
    'sends a login code, creates nothing the client names; a repeat within 60 s answers SMS_COOLDOWN',
  'POST /api/v1/auth/sms-login':
    'signs in by SMS code: sets a cookie, creates nothing the client names',
  'POST /api/v1/residents/lookup': 'a read (ID number in the body, not the URL); stores nothing',
  'POST /api/v1/imports/:kind/dry-run':
    'a read: plans an import file (in the body) and writes nothing; its apply is idempotent',
  'POST /api/v1/audit/verify': 'a read-only check of the audit chain; writes nothing',
  'POST /api/v1/residents/:id/reveal':
    'a read of full personal data: its answer must never be stored for replay',
  'POST /api/v1/setup/regions/preview': 'a read: what an import would write; writes nothing',
  'POST /api/v1/setup/regions':
    'imports by content: a repeat adds nothing and says so (its batches are transactions of their own)',
  'POST /api/v1/home-visits/records/:id/reveal':
    'a read of a health record (GS-10): its answer must never be stored for replay',
};

describe('X-9 Idempotency-Key coverage', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('every POST route is idempotent or listed with a reason', () => {
    const posts = idempotencyDeclarations(t.app).filter((r) => r.url.startsWith('/api/'));
    expect(posts.length).toBeGreaterThan(40);
    const missing = posts
      .filter((r) => !r.idempotent && !NOT_IDEMPOTENT[`POST ${r.url}`])
      .map((r) => `POST ${r.url}`);
    expect(missing).toEqual([]);
    const stale = Object.keys(NOT_IDEMPOTENT).filter(
      (k) => !posts.some((r) => `POST ${r.url}` === k && !r.idempotent),
    );
    expect(stale).toEqual([]);
  });

  it('every resource location a replay or a 409 names is a real GET route', async () => {
    for (const template of Object.values(RESOURCE_LOCATIONS)) {
      expect(t.app.hasRoute({ method: 'GET', url: template }), template).toBe(true);
    }
  });
});
