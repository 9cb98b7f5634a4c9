/**
 * The shared state of the VS-6 serving story (activities.test.ts and its parts activities.*.ts):
 * one app, the team, order and volunteers of servingSetup, the activities a1 and a2 created by the
 * first steps, and the helpers every step uses. The steps run in order in one file and share it.
 */
import { afterAll, beforeAll } from 'vitest';
import { createTestApp, START, type Client, type TestApp } from '../helpers/test-app.ts';
import { bulkVolunteers, servingSetup } from './activities.fixtures.ts';

export const H = 3600_000;
export const at = (ms: number) => new Date(START.getTime() + ms).toISOString();

export interface Activity {
  id: string;
  status: string;
  confirmedCount: number;
  waitlistCount: number;
  canManage: boolean;
  mySignup: { status: string; waitlistRank: number | null } | null;
}
export interface Rec {
  id: string;
  status: string;
  halfHours: number;
  hours: number;
  travelMinutes: number;
  checkInMethod: string;
}

export let t: TestApp;
export let leader: Client;
export let vstaff: Client;
export let volunteer: Client;
export let s: Awaited<ReturnType<typeof servingSetup>>;
export let a1 = ''; // 11:30–14:30 Beijing, capacity 1
export let a2 = ''; // 15:00–23:00 Beijing, same day
export const others: { token: string; volunteerId: string }[] = [];
export const bearer = (token: string, method: 'GET' | 'POST', url: string, body?: unknown) =>
  t.app.inject({
    method,
    url,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
  });
export const db = () => t.testDb.db.kysely;
export const count = async (
  table: 'audit_events' | 'vs_activities' | 'vs_signups' | 'vs_service_records',
) =>
  Number(
    (
      await db()
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** a1 and a2 are created by the first steps (the "activities" block) and used by the later ones. */
export function setActivity(which: 'a1' | 'a2', id: string) {
  if (which === 'a1') a1 = id;
  else a2 = id;
}

/** Sessions last 12 hours: a step that moves the clock far logs the user in again. */
export async function loginAgain(who: 'leader' | 'volunteer') {
  if (who === 'leader') leader = await t.login('leader');
  else volunteer = await t.login('volunteer');
}

/** The story's app, setup and sessions, before the first step and closed after the last. */
export function useServing() {
  beforeAll(async () => {
    t = await createTestApp({ residents: 5 });
    s = await servingSetup(db(), t.pii);
    leader = await t.login('leader');
    vstaff = await t.login('vstaff');
    volunteer = await t.login('volunteer');
    others.push(...(await bulkVolunteers(db(), t.pii, 3)));
  });
  afterAll(async () => t.close());
}
