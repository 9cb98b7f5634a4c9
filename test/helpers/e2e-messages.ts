/**
 * Issue #15 point 5: what the product texted about a case, read the way staff read it — the
 * staff messages API (GET /api/v1/cases/:id/messages) of a running server — for any journey that
 * files a case: `expectCaseFiledSms(server.baseUrl, number)` checks the applicant was sent
 * case_filed with the case number and its tracking link. (A demo resident's message is kept
 * `suppressed`, never sent; its text is the same.)
 */
import { expect } from 'vitest';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo-accounts.ts';

export interface StaffMessage {
  template: string;
  text: string | null;
  status: string;
  recipient: string;
}

/** Signs in by password over the API; the session cookie. */
async function apiLogin(baseUrl: string, username: string): Promise<string> {
  const r = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (!r.ok) throw new Error(`login ${username}: ${r.status} ${await r.text()}`);
  const session = /ds_session=[^;]+/.exec(r.headers.get('set-cookie') ?? '')?.[0];
  if (!session) throw new Error('no session cookie');
  return session;
}

/** The messages of the case with this number, as `staff` (default the demo clerk) sees them. */
export async function caseMessages(
  baseUrl: string,
  number: string,
  staff = 'clerk',
): Promise<StaffMessage[]> {
  const cookie = await apiLogin(baseUrl, staff);
  const get = async <T>(path: string): Promise<T> => {
    const r = await fetch(`${baseUrl}/api/v1${path}`, { headers: { cookie } });
    if (!r.ok) throw new Error(`GET ${path}: ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  };
  const cases = await get<{ id: string; number: string }[]>(
    `/cases?number=${encodeURIComponent(number)}`,
  );
  const kase = cases.find((c) => c.number === number);
  if (!kase) throw new Error(`case ${number} is not in ${staff}'s list`);
  return get<StaffMessage[]>(`/cases/${kase.id}/messages`);
}

/** The applicant was texted that the case was filed: its number and its tracking link. */
export async function expectCaseFiledSms(
  baseUrl: string,
  number: string,
  staff = 'clerk',
): Promise<StaffMessage> {
  const filed = (await caseMessages(baseUrl, number, staff)).filter(
    (m) => m.template === 'case_filed',
  );
  expect(filed).toHaveLength(1);
  const text = filed[0]!.text ?? '';
  expect(text).toContain(`您的办件 ${number}（`);
  expect(text).toMatch(new RegExp(`/track\\?number=${number}&code=\\d{8}$`));
  return filed[0]!;
}
