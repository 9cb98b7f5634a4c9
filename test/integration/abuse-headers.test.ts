/**
 * X-2 abuse (issue #10 points 12, 13): forwarded-address spoofing, the per-account and per-case
 * limits, the station's shared address, the tracking code, password rules, the administrators'
 * second factor, and the HTTP headers of uploads, API JSON and the docs.
 *
 * This file: the HTTP headers of uploads, API JSON and the docs.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { abuseHelpers, LI } from './abuse.fixtures.ts';

describe('abuse (X-2)', () => {
  let t: TestApp;
  const extra: FastifyInstance[] = [];
  const { node } = abuseHelpers(() => t, extra);

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    for (const app of extra) await app.close();
    await t.close();
  });

  describe('HTTP headers', () => {
    it('uploaded PDFs download (never render on our origin), sandboxed, no sniffing', async () => {
      const clerk = await t.login('clerk');
      const liId = (await clerk.call('POST', '/api/v1/residents/lookup', { idNumber: LI })).json<{
        id: string;
      }>().id;
      const filed = await clerk.call('POST', '/api/v1/cases', {
        residentId: liId,
        itemCode: 'DX-SB-004',
        presented: ['id_card'],
      });
      const caseId = filed.json<{ id: string }>().id;
      const pdf = Buffer.from(
        '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R /OpenAction <</S /JavaScript /JS (app.alert(1))>>>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n',
        'latin1',
      );
      const up = await t.app.inject({
        method: 'POST',
        url: `/api/v1/cases/${caseId}/attachments?materialKey=claim_form`,
        headers: { 'content-type': 'application/pdf', cookie: clerk.cookie },
        payload: pdf,
      });
      expect(up.statusCode, up.body).toBe(201);
      const file = await clerk.call('GET', up.json<{ url: string }>().url);
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-disposition']).toMatch(/^attachment;/);
      expect(file.headers['content-security-policy']).toMatch(/^sandbox/);
      expect(file.headers['x-content-type-options']).toBe('nosniff');
      expect(file.headers['cache-control']).toContain('no-store');
    });

    it('API JSON answers are not stored by browsers or proxies', async () => {
      const clerk = await t.login('clerk');
      const me = await clerk.call('GET', '/api/v1/auth/me');
      expect(me.headers['cache-control']).toBe('no-store');
      const problem = await t.app.inject({ method: 'GET', url: '/api/v1/no-such-thing' });
      expect(problem.headers['cache-control']).toBe('no-store');
    });

    it('/api/docs is off in production unless API_DOCS=true; the OpenAPI document stays', async () => {
      const key = Buffer.alloc(32, 7).toString('base64');
      const prod = await node({ DOORSTEP_ENV: 'production', DOORSTEP_DATA_KEY: key });
      expect((await prod.inject({ method: 'GET', url: '/api/docs' })).statusCode).toBe(404);
      expect((await prod.inject({ method: 'GET', url: '/api/openapi.json' })).statusCode).toBe(200);
      const prodDocs = await node({
        DOORSTEP_ENV: 'production',
        DOORSTEP_DATA_KEY: key,
        API_DOCS: 'true',
      });
      expect((await prodDocs.inject({ method: 'GET', url: '/api/docs' })).statusCode).not.toBe(404);
      expect((await t.app.inject({ method: 'GET', url: '/api/docs' })).statusCode).not.toBe(404);
    });
  });
});
