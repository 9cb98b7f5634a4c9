/**
 * Issue #16 point 4: staff accounts in bulk for `doorstep generate` — one password hash computed
 * once for all of them (argon2 per account would cost minutes at district scale), each account with
 * one grant. The caller has checked the regions and stations exist (it just wrote them).
 */
import crypto from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { isRole } from '../../shared/roles.ts';
import { DEFAULT_PREFERENCES } from './account.service.ts';
import { hashPassword } from './password.ts';

export interface StaffToCreate {
  username: string;
  displayName: string;
  role: string;
  regionCode: string;
  stationId: string | null;
}

const CHUNK = 500;

export function staffPasswordHash(password: string): Promise<string> {
  return hashPassword(password);
}

/** Writes the accounts and their grants in the caller's transaction; returns ids in order. */
export async function insertStaffAccounts(
  trx: Transaction<Database>,
  input: { accounts: readonly StaffToCreate[]; passwordHash: string; now: Date },
): Promise<string[]> {
  const nowIso = input.now.toISOString();
  const ids = input.accounts.map(() => crypto.randomUUID());
  for (const a of input.accounts) if (!isRole(a.role)) throw new Error(`unknown role ${a.role}`);
  for (let i = 0; i < input.accounts.length; i += CHUNK) {
    const part = input.accounts.slice(i, i + CHUNK);
    await trx
      .insertInto('accounts')
      .values(
        part.map((a, j) => ({
          id: ids[i + j]!,
          username: a.username,
          display_name: a.displayName,
          password_hash: input.passwordHash,
          status: 'active' as const,
          resident_id: null,
          preferences: JSON.stringify(DEFAULT_PREFERENCES),
          is_demo: 0,
          password_changed_at: nowIso,
          created_at: nowIso,
          updated_at: nowIso,
        })),
      )
      .execute();
    await trx
      .insertInto('role_grants')
      .values(
        part.map((a, j) => ({
          id: crypto.randomUUID(),
          account_id: ids[i + j]!,
          role: a.role,
          region_code: a.regionCode,
          station_id: a.stationId,
          created_at: nowIso,
        })),
      )
      .execute();
  }
  return ids;
}
