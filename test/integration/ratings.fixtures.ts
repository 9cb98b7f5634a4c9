/** GS-13 fixtures: a case filed at 伊庄村, decided at the town centre and delivered at the window. */
import { expect } from 'vitest';
import type { Client, TestApp } from '../helpers/test-app.ts';

export const LI = '110115194803120019'; // 李长福

interface CaseJson {
  id: string;
  number: string;
  version: number;
}

export async function residentId(clerk: Client): Promise<string> {
  return (await clerk.call('POST', '/api/v1/residents/lookup', { idNumber: LI })).json<{
    id: string;
  }>().id;
}

/** Filed (at the window, or through `channel`) and delivered by `clerk` (the 经办人), decided by `town`. */
export async function deliveredCase(
  clerk: Client,
  town: Client,
  liId: string,
  channel?: 'appointment' | 'phone',
): Promise<CaseJson> {
  const act = async (c: Client, k: CaseJson, body: Record<string, unknown>) => {
    const r = await c.call('POST', `/api/v1/cases/${k.id}/transitions`, {
      expectedVersion: k.version,
      ...body,
    });
    expect(r.statusCode, r.body).toBe(200);
    return r.json<CaseJson>();
  };
  const filed = await clerk.call('POST', '/api/v1/cases', {
    residentId: liId,
    itemCode: 'DX-SB-001',
    presented: ['id_card', 'photo_1inch'],
    ...(channel ? { channel } : {}),
  });
  expect(filed.statusCode, filed.body).toBe(201);
  let k = filed.json<CaseJson>();
  k = await act(clerk, k, { action: 'route' });
  k = await act(town, k, { action: 'decide', result: 'approved', resultText: '准予' });
  k = await act(clerk, k, { action: 'deliver' });
  return k;
}

/** A rating link for the case (created by `clerk`); answers its token. */
export async function linkFor(clerk: Client, caseId: string, channel: 'qr' | 'sms' = 'qr') {
  const r = await clerk.call('POST', '/api/v1/ratings/links', {
    subjectType: 'case',
    subjectId: caseId,
    channel,
  });
  expect(r.statusCode, r.body).toBe(201);
  const url = new URL(r.json<{ url: string }>().url);
  return { token: url.searchParams.get('t')!, body: r.json<{ smsTo: string | null }>() };
}

/** Rates through the public link without a session. */
export function rateByLink(t: TestApp, token: string, body: Record<string, unknown>) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/ratings/public/links/${token}`,
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });
}

export async function count(
  t: TestApp,
  table: 'ratings' | 'rating_tickets' | 'escalations' | 'audit_events',
) {
  return Number(
    (
      await t.testDb.db.kysely
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
}
