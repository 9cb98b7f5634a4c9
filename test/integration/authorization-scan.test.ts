/**
 * GS-6 the scan of a signed authorization form over HTTP on a real database: stored encrypted,
 * served as sent to staff in reach and the agent named; bad uploads refused with nothing written.
 * (Split from cases-gaps.test.ts.)
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { STAFF_ROLES } from '../../src/modules/auth/roles.ts';
import { ACCOUNTS } from './access/route-case.ts';

const LI = '110115194803120019'; // 李长福, home 三顺庄村
const TINY_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

interface AuthJson {
  id: string;
  status: string;
  consent: { method: string; attachmentId: string | null; scanUrl: string | null };
}

describe('GS-6 the scan of a signed authorization form', () => {
  let t: TestApp;
  let clerk: Client; // 伊庄村
  let agent: Client; // 三顺庄村
  let town: Client;
  let other: Client; // 青云店镇
  let supervisor: Client;
  let liId = '';
  let agentId = '';

  const count = async (table: 'audit_events' | 'authorization_scans') =>
    Number(
      (
        await t.testDb.db.kysely
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const loginAll = async () => {
    clerk = await t.login('clerk');
    agent = await t.login('agent');
    town = await t.login('town');
    other = await t.login('clerk-qyd');
    supervisor = await t.login('supervisor');
  };

  beforeAll(async () => {
    t = await createTestApp();
    await loginAll();
    liId = (await clerk.call('POST', '/api/v1/residents/lookup', { idNumber: LI })).json<{
      id: string;
    }>().id;
    agentId = (await agent.call('GET', '/api/v1/auth/me')).json<{ id: string }>().id;
  });
  afterAll(async () => t.close());

  const upload = (c: Client | null, id: string, body: Buffer, type = 'application/pdf') =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/authorizations/${id}/scan`,
      headers: { 'content-type': type, ...(c ? { cookie: c.cookie } : {}) },
      payload: body,
    });
  const record = async (consent: Record<string, unknown>) => {
    const r = await clerk.call('POST', '/api/v1/authorizations', {
      residentId: liId,
      agentAccountId: agentId,
      items: ['DX-SB-001'],
      expiresOn: '2026-12-31',
      consent,
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json<AuthJson>();
  };

  it('stores the scan, links it as the consent attachment and serves the same bytes', async () => {
    await loginAll();
    const auth = await record({ method: 'signed_form' });
    expect(auth.consent).toMatchObject({ attachmentId: null, scanUrl: null });
    const before = {
      scans: await count('authorization_scans'),
      audit: await count('audit_events'),
    };
    const up = await upload(clerk, auth.id, TINY_PDF);
    expect(up.statusCode, up.body).toBe(201);
    const view = up.json<AuthJson>();
    expect(view.consent.method).toBe('signed_form');
    expect(view.consent.attachmentId).toMatch(/^[0-9a-f-]{36}$/);
    expect(view.consent.scanUrl).toBe(`/api/v1/authorizations/${auth.id}/scan`);
    // The same bytes again: 200, nothing new written.
    const again = await upload(clerk, auth.id, TINY_PDF);
    expect(again.statusCode).toBe(200);
    expect(await count('authorization_scans')).toBe(before.scans + 1);
    expect(await count('audit_events')).toBe(before.audit + 1);
    // Stored encrypted, served as it was sent, to staff in reach and to the agent named.
    const stored = await t.testDb.db.kysely
      .selectFrom('authorization_scans')
      .select('data')
      .where('authorization_id', '=', auth.id)
      .executeTakeFirstOrThrow();
    expect(Buffer.from(stored.data).includes(Buffer.from('%PDF'))).toBe(false);
    for (const c of [clerk, town, agent, supervisor]) {
      const file = await c.call('GET', view.consent.scanUrl!);
      expect(file.statusCode, c.username).toBe(200);
      expect(file.headers['content-type']).toBe('application/pdf');
      expect(Buffer.compare(file.rawPayload, TINY_PDF)).toBe(0);
    }
    const listed = (await clerk.call('GET', `/api/v1/authorizations?residentId=${liId}`)).json<
      AuthJson[]
    >();
    expect(listed.find((a) => a.id === auth.id)?.consent.scanUrl).toBe(view.consent.scanUrl);
    expect((await other.call('GET', view.consent.scanUrl!)).statusCode).toBe(403);
  });

  it('refuses bad uploads and writes nothing', async () => {
    await loginAll();
    const signed = await record({ method: 'signed_form' });
    const phone = await record({ method: 'phone', callRecordRef: '站内录音第 7 通' });
    const before = {
      scans: await count('authorization_scans'),
      audit: await count('audit_events'),
    };
    const refused: [Awaited<ReturnType<typeof upload>>, number, string][] = [
      [await upload(clerk, phone.id, TINY_PDF), 409, 'AUTHORIZATION_NOT_SIGNED_FORM'],
      [await upload(clerk, signed.id, TINY_PDF, 'image/png'), 415, 'ATTACHMENT_TYPE_MISMATCH'],
      [await upload(clerk, signed.id, Buffer.alloc(0)), 400, 'ATTACHMENT_EMPTY'],
      [await upload(clerk, signed.id, TINY_PDF, 'text/plain'), 415, 'ATTACHMENT_TYPE_UNSUPPORTED'],
      [await upload(other, signed.id, TINY_PDF), 403, 'OUT_OF_SCOPE'],
      [await upload(supervisor, signed.id, TINY_PDF), 403, 'FORBIDDEN'],
      [await upload(null, signed.id, TINY_PDF), 401, 'UNAUTHENTICATED'],
      [await upload(clerk, crypto.randomUUID(), TINY_PDF), 404, 'AUTHORIZATION_NOT_FOUND'],
      [await upload(clerk, 'nope', TINY_PDF), 400, 'VALIDATION_FAILED'],
    ];
    for (const [r, status, code] of refused) {
      expect(r.statusCode, `${code}: ${r.body}`).toBe(status);
      expect(r.json()).toMatchObject({ code });
    }
    const missing = await clerk.call('GET', `/api/v1/authorizations/${signed.id}/scan`);
    expect(missing.json()).toMatchObject({ code: 'AUTHORIZATION_SCAN_NOT_FOUND' });
    await clerk.call('POST', `/api/v1/authorizations/${signed.id}/revoke`, {
      reason: '本人撤回',
    });
    const revoked = await upload(clerk, signed.id, TINY_PDF);
    expect(revoked.json()).toMatchObject({ code: 'AUTHORIZATION_REVOKED' });
    expect(await count('authorization_scans')).toBe(before.scans);
    expect(await count('audit_events')).toBe(before.audit + 1); // the revocation only
  });

  it('route × role: who may upload and read the scan', async () => {
    await loginAll();
    const uploaders = ['clerk', 'town_officer', 'agent'];
    for (const [username, role] of Object.entries(ACCOUNTS)) {
      const c = await t.login(username);
      const auth = await record({ method: 'signed_form' });
      const pdf = Buffer.concat([TINY_PDF, Buffer.from(`% ${username}\n`)]);
      const up = await upload(c, auth.id, pdf);
      expect(up.statusCode, `${role} upload: ${up.body}`).toBe(
        uploaders.includes(role) ? 201 : 403,
      );
      if (!uploaders.includes(role)) await upload(clerk, auth.id, pdf);
      const read = await c.call('GET', `/api/v1/authorizations/${auth.id}/scan`);
      expect(read.statusCode, `${role} read`).toBe(
        (STAFF_ROLES as readonly string[]).includes(role) ? 200 : 403,
      );
    }
  });
});
