/** What the volunteer demo seeds share: the deps, the seed caller, demo accounts and memberships. */
import crypto from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { DEFAULT_PREFERENCES } from '../auth/account.service.ts';
import { SEED_CALLER } from '../../shared/actor.ts';
import type { Role } from '../../shared/roles.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';

export type Db = Kysely<Database>;

export interface DemoVolunteerDeps {
  db: Db;
  pii: PiiCipher;
  now: Date;
  /** The demo password, hashed once for every new demo account. */
  password: string;
}

/** What every seeding use-case call passes: the seed caller, demo rows, no request. */
export function seedBase(now: Date) {
  return { actor: SEED_CALLER, isDemo: true, requestId: null, now } as const;
}
export type SeedBase = ReturnType<typeof seedBase>;

const SEED_ACTOR = { accountId: null, role: 'system', stationId: null };

export async function insertAccount(
  trx: Transaction<Database>,
  a: {
    username: string;
    displayName: string;
    role: Role;
    regionCode: string;
    residentId?: string | null;
    passwordHash: string;
    now: Date;
  },
): Promise<string> {
  const id = crypto.randomUUID();
  const nowIso = a.now.toISOString();
  await trx
    .insertInto('accounts')
    .values({
      id,
      username: a.username,
      display_name: a.displayName,
      password_hash: a.passwordHash,
      status: 'active',
      resident_id: a.residentId ?? null,
      preferences: JSON.stringify(DEFAULT_PREFERENCES),
      is_demo: 1,
      password_changed_at: nowIso,
      created_at: nowIso,
      updated_at: nowIso,
    })
    .execute();
  await trx
    .insertInto('role_grants')
    .values({
      id: crypto.randomUUID(),
      account_id: id,
      role: a.role,
      region_code: a.regionCode,
      station_id: null,
      created_at: nowIso,
    })
    .execute();
  await recordAudit(trx, {
    actor: SEED_ACTOR,
    action: 'account.created',
    entityType: 'account',
    entityId: id,
    regionCode: a.regionCode,
    after: {
      username: a.username,
      displayName: a.displayName,
      grants: [{ role: a.role, regionCode: a.regionCode, stationId: null }],
    },
    now: a.now,
  });
  return id;
}

export async function accountId(db: Db, username: string): Promise<string> {
  const row = await db
    .selectFrom('accounts')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function approve(
  db: Db,
  teamId: string,
  volunteerId: string,
  by: string | null,
  now: Date,
) {
  const nowIso = now.toISOString();
  await db
    .insertInto('vs_team_members')
    .values({
      id: crypto.randomUUID(),
      team_id: teamId,
      volunteer_id: volunteerId,
      status: 'approved',
      note: null,
      requested_at: nowIso,
      decided_by: by,
      decided_at: nowIso,
    })
    .execute();
}
