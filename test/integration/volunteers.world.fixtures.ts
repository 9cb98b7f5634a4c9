/**
 * The shared state of the VS-1/VS-2 story (volunteers.test.ts and its parts volunteers.*.ts): one
 * app with every demo user logged in, the row counter, the nothing-written check and the
 * registration bodies. `t` is a live binding, set in `beforeAll`; the parts run in order in one
 * file and share it.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import type { Database } from '../../src/db/schema.ts';
import { buildIdNumber } from '../../src/modules/residents/id-number.ts';
import { ACCOUNTS } from './access/index.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';

export interface Volunteer {
  id: string;
  volunteerNumber: string;
  accountId: string | null;
  fullName: string;
  age: number;
  idMasked: string;
  phoneMasked: string | null;
  homeRegionCode: string;
  skills: string[];
  serviceRegionCodes: string[];
  availability: { weekdays: number[]; parts: string[] };
  guardianConsent: { guardianPhoneMasked: string; method: string; recordedAt: string } | null;
  status: string;
  selfRegistered: boolean;
}
export interface Team {
  id: string;
  parentId: string | null;
  kind: string;
  name: string;
  regionCode: string;
  categoryCode: string | null;
  colour: string | null;
  leaderAccountId: string | null;
  memberCount: number;
  ledByMe: boolean;
  active: boolean;
}
export interface Member {
  id: string;
  teamId: string;
  volunteerId: string;
  status: string;
}
export interface Item {
  id: string;
  name: string;
  regionCode: string;
  categoryCode: string;
  active: boolean;
  onMenu?: boolean;
}

export const XINYI = '530702002002';
export const YIZHUANG = '110115110207';
export const PILOT_TOWN = '110115110000';
export const adultId = (seq: number) =>
  buildIdNumber('110115', '19800101', String(seq).padStart(3, '0'));
export const SANSHUNZHUANG_CODE = '110115110222';

export let t: TestApp;
export const c: Record<string, Client> = {};

export const count = async (table: keyof Database) =>
  Number(
    (
      await t.testDb.db.kysely
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
/** Runs a refused request and checks that nothing at all was written. */
export const refused = async (
  run: () => Promise<{ statusCode: number; body: string; headers: Record<string, unknown> }>,
  status: number,
  code: string,
) => {
  const tables: (keyof Database)[] = [
    'vs_volunteers',
    'vs_teams',
    'vs_team_members',
    'vs_categories',
    'vs_resources',
    'vs_projects',
    'role_grants',
    'audit_events',
  ];
  const before = await Promise.all(tables.map(count));
  const res = await run();
  expect(res.statusCode, res.body).toBe(status);
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
  expect(JSON.parse(res.body)).toMatchObject({ code });
  expect(await Promise.all(tables.map(count))).toEqual(before);
};
export const registration = (extra: Record<string, unknown> = {}) => ({
  idNumber: adultId(1),
  fullName: '王志愿',
  phone: '13811112222',
  homeRegionCode: YIZHUANG,
  skills: ['理发'],
  serviceRegionCodes: [PILOT_TOWN],
  availability: { weekdays: [6, 7], parts: ['am'] },
  ...extra,
});
export const consent = {
  guardianName: '王妈妈',
  relation: '母亲',
  guardianPhone: '13966667777',
  method: 'signed_form',
};

/** The story's app and sessions, before the first step and closed after the last. */
export function useVolunteersWorld() {
  beforeAll(async () => {
    t = await createTestApp();
    for (const u of [
      ...Object.keys(ACCOUNTS),
      'lj-staff',
      'lj-leader',
      'lj-volunteer',
      'lj-resident1',
    ])
      c[u] = await t.login(u);
  });
  afterAll(async () => t.close());
}
