/**
 * Fixtures of the CP-1/CP-2 program tests: a program as the demo organiser creates it at 魏善庄镇,
 * and many guardians (Bearer sessions) each with one registered child, written by batched inserts
 * for the opening-evening burst.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.ts';
import { hashToken } from '../../src/modules/auth/session.service.ts';
import { buildIdNumber, maskIdNumber } from '../../src/modules/residents/id-number.ts';
import type { PiiCipher } from '../../src/modules/residents/pii-crypto.ts';
import { expect } from 'vitest';
import { START, type Client, type TestApp } from '../helpers/test-app.ts';

export const TOWN = '110115110000';
export const YIZHUANG = '110115110207';

export function summerProgram(capacity: number, extra: Record<string, unknown> = {}) {
  return {
    organiserName: '魏善庄镇妇联',
    title: '2026 暑期托管驿站',
    kind: 'summer_care',
    venueName: '伊庄村妇女儿童家园',
    regionCode: TOWN,
    seasonStartsOn: '2026-07-06',
    seasonEndsOn: '2026-08-14',
    feeFen: 0,
    waiverNote: '困难家庭免费',
    classes: [
      {
        name: '一班（6–12 岁）',
        capacity,
        hardMax: capacity + 5,
        minAge: 6,
        maxAge: 12,
        catchmentCodes: [TOWN],
        opensAt: START.toISOString(),
        ...extra,
      },
    ],
  };
}

export interface BulkGuardian {
  accountId: string;
  token: string;
  childId: string;
  i: number;
}

/** `n` guardians at 伊庄村, each with a Bearer token and one child aged 8 on the season start. */
export async function bulkGuardians(
  db: Kysely<Database>,
  pii: PiiCipher,
  n: number,
): Promise<BulkGuardian[]> {
  const now = START.toISOString();
  const expires = new Date(START.getTime() + 30 * 24 * 3600_000).toISOString();
  const hash = (
    await db
      .selectFrom('accounts')
      .select('password_hash')
      .where('username', '=', 'admin')
      .executeTakeFirstOrThrow()
  ).password_hash;
  const tag = crypto.randomBytes(3).toString('hex');
  const out: BulkGuardian[] = [];
  for (let start = 0; start < n; start += 250) {
    const batch = Array.from({ length: Math.min(250, n - start) }, (_, k) => ({
      accountId: crypto.randomUUID(),
      token: crypto.randomBytes(24).toString('base64url'),
      childId: crypto.randomUUID(),
      i: start + k,
    }));
    await db
      .insertInto('accounts')
      .values(
        batch.map((b) => ({
          id: b.accountId,
          username: `bg-${tag}-${b.i}`,
          display_name: `家长${b.i}`,
          password_hash: hash,
          status: 'active' as const,
          resident_id: null,
          preferences: '{}',
          is_demo: 0,
          password_changed_at: now,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
    await db
      .insertInto('role_grants')
      .values(
        batch.map((b) => ({
          id: crypto.randomUUID(),
          account_id: b.accountId,
          role: 'guardian',
          region_code: YIZHUANG,
          station_id: null,
          created_at: now,
        })),
      )
      .execute();
    await db
      .insertInto('sessions')
      .values(
        batch.map((b) => ({
          id: hashToken(b.token),
          account_id: b.accountId,
          kind: 'bearer' as const,
          label: 'bench',
          created_at: now,
          expires_at: expires,
          last_seen_at: now,
          revoked_at: null,
        })),
      )
      .execute();
    await db
      .insertInto('children')
      .values(
        batch.map((b) => {
          const idNumber = buildIdNumber('110115', '20180301', String(b.i % 1000).padStart(3, '0'));
          return {
            id: b.childId,
            guardian_account_id: b.accountId,
            real_name: `孩子${b.i}`,
            id_cipher: pii.encrypt(idNumber),
            id_hash: pii.lookupHash(`child:${idNumber}`),
            id_masked: maskIdNumber(idNumber),
            birth_date: '2018-03-01',
            relation: 'mother',
            region_code: YIZHUANG,
            created_at: now,
          };
        }),
      )
      .execute();
    out.push(...batch);
  }
  return out;
}

/** A bulk guardian's request by bearer token (JSON body when given). */
export function asGuardian(
  t: TestApp,
  who: BulkGuardian,
  method: 'GET' | 'POST',
  url: string,
  body?: unknown,
) {
  return t.app.inject({
    method,
    url,
    headers: {
      authorization: `Bearer ${who.token}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
  });
}

/** A one-class summer program created by the organiser; its ids. */
export async function createClass(
  organiser: Client,
  capacity: number,
  extra: Record<string, unknown> = {},
) {
  const res = await organiser.call('POST', '/api/v1/programs', summerProgram(capacity, extra));
  expect(res.statusCode, res.body).toBe(201);
  const body = res.json<{ id: string; classes: { id: string }[] }>();
  return { programId: body.id, classId: body.classes[0]!.id };
}
