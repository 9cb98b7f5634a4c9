/**
 * Fixtures of the VS-6 activity tests: a team led by the demo leader, an accepted order, many
 * volunteers with Bearer sessions written by fast batched inserts (for the sign-up burst).
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.ts';
import { hashToken } from '../../src/modules/auth/session.service.ts';
import type { PiiCipher } from '../../src/modules/residents/pii-crypto.ts';
import { START } from '../helpers/test-app.ts';
import {
  accountId,
  insertCategory,
  insertOrder,
  insertTeam,
  insertVolunteer,
} from '../helpers/vs-fixtures.ts';

export const TOWN = '110115110000';
export const VILLAGE = '110115110207';

/** A team led by the demo `leader`, an accepted order of it, and the demo `volunteer` registered. */
export async function servingSetup(db: Kysely<Database>, pii: PiiCipher) {
  const leaderId = await accountId(db, 'leader');
  const vstaffId = await accountId(db, 'vstaff');
  const volunteerAccountId = await accountId(db, 'volunteer');
  const category = await insertCategory(db, { code: 'elderly', nameZh: '助老', nameEn: 'Elderly' });
  const teamId = await insertTeam(db, {
    regionCode: TOWN,
    categoryCode: category,
    leaderAccountId: leaderId,
  });
  const otherTeamId = await insertTeam(db, { regionCode: TOWN, categoryCode: category });
  const orderId = await insertOrder(db, {
    regionCode: VILLAGE,
    categoryCode: category,
    createdBy: vstaffId,
    state: 'accepted',
    teamId,
  });
  // The demo seed may already register the demo volunteer (volunteers module); else do it here.
  const seeded = await db
    .selectFrom('vs_volunteers')
    .select('id')
    .where('account_id', '=', volunteerAccountId)
    .executeTakeFirst();
  const volunteerId =
    seeded?.id ??
    (await insertVolunteer(db, pii, {
      homeRegionCode: VILLAGE,
      accountId: volunteerAccountId,
      fullName: '王志愿',
    }));
  return {
    leaderId,
    vstaffId,
    volunteerAccountId,
    category,
    teamId,
    otherTeamId,
    orderId,
    volunteerId,
  };
}

export interface BulkVolunteer {
  accountId: string;
  volunteerId: string;
  token: string;
}

/**
 * `n` volunteer accounts (role volunteer in the town), each linked to an active vs_volunteers row
 * and holding a Bearer session: batched inserts, no password hashing, no per-row encryption calls
 * beyond one shared cipher text.
 */
export async function bulkVolunteers(
  db: Kysely<Database>,
  pii: PiiCipher,
  n: number,
  opts: { regionCode?: string; now?: Date } = {},
): Promise<BulkVolunteer[]> {
  const region = opts.regionCode ?? TOWN;
  const now = (opts.now ?? START).toISOString();
  const expires = new Date((opts.now ?? START).getTime() + 30 * 24 * 3600_000).toISOString();
  const hash = (
    await db
      .selectFrom('accounts')
      .select('password_hash')
      .where('username', '=', 'admin')
      .executeTakeFirstOrThrow()
  ).password_hash;
  const idCipher = pii.encrypt('110115199001010000');
  const tag = crypto.randomBytes(3).toString('hex');
  const out: BulkVolunteer[] = [];
  for (let start = 0; start < n; start += 250) {
    const batch = Array.from({ length: Math.min(250, n - start) }, (_, k) => {
      const i = start + k;
      return {
        accountId: crypto.randomUUID(),
        volunteerId: crypto.randomUUID(),
        token: crypto.randomBytes(24).toString('base64url'),
        i,
      };
    });
    await db
      .insertInto('accounts')
      .values(
        batch.map((b) => ({
          id: b.accountId,
          username: `bv-${tag}-${b.i}`,
          display_name: `志愿者${b.i}`,
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
          role: 'volunteer',
          region_code: region,
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
      .insertInto('vs_volunteers')
      .values(
        batch.map((b) => ({
          id: b.volunteerId,
          volunteer_number: `BV${tag}${b.i}`,
          account_id: b.accountId,
          full_name: `志愿者${b.i}`,
          sex: 'female' as const,
          birth_date: '1990-01-01',
          id_hash: `bulk-${tag}-${b.i}`,
          id_cipher: idCipher,
          id_masked: '1****************0',
          phone_cipher: null,
          phone_masked: null,
          home_region_code: region,
          skills: '[]',
          service_region_codes: JSON.stringify([region]),
          availability: '{}',
          guardian_consent: null,
          status: 'active' as const,
          registered_by: null,
          is_demo: 0,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
    out.push(
      ...batch.map(({ accountId: a, volunteerId: v, token }) => ({
        accountId: a,
        volunteerId: v,
        token,
      })),
    );
  }
  return out;
}
