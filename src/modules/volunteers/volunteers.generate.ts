/**
 * Issue #16 point 4: volunteers, then teams with their members, written in bulk by `doorstep
 * generate` (the volunteers module's own writer), a batch at a time in the caller's transaction. ID numbers hashed and encrypted like a
 * registration; generated volunteer numbers are `V<district>9NNNNN` (more digits past 99,999 in a
 * run), out of the live counter's way (it would need 900,000 registrations in one district). No audit events: a test data set.
 */
import crypto from 'node:crypto';
import type { Transaction } from 'kysely';
import { bulkInsert } from '../../db/bulk-copy.ts';
import type {
  Database,
  VsTeamMemberTable,
  VsTeamTable,
  VsVolunteerTable,
} from '../../db/schema.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import { maskIdNumber, maskPhone } from '../residents/id-number.ts';

export interface VolunteerToGenerate {
  idNumber: string;
  sex: 'male' | 'female';
  birthDate: string;
  fullName: string;
  phone: string;
  homeRegionCode: string;
  /** When they registered (ISO instant). */
  registeredAt: string;
}

export interface TeamToGenerate {
  name: string;
  regionCode: string;
  leaderAccountId: string;
  createdAt: string;
  /** Volunteer ids of the members (approved when they registered, or when the team began). */
  members: readonly { volunteerId: string; since: string }[];
}

/** Writes the volunteers, numbered from `firstNumber` on; returns their ids in order. */
export async function insertGeneratedVolunteers(
  trx: Transaction<Database>,
  pii: PiiCipher,
  input: { volunteers: readonly VolunteerToGenerate[]; firstNumber: number },
): Promise<string[]> {
  const rows: VsVolunteerTable[] = input.volunteers.map((v, j) => {
    const n = input.firstNumber + j;
    return {
      id: crypto.randomUUID(),
      volunteer_number: `V${v.homeRegionCode.slice(0, 6)}9${String(n).padStart(5, '0')}`,
      account_id: null,
      full_name: v.fullName,
      sex: v.sex,
      birth_date: v.birthDate,
      id_hash: pii.lookupHash(v.idNumber),
      id_cipher: pii.encrypt(v.idNumber),
      id_masked: maskIdNumber(v.idNumber),
      phone_cipher: pii.encrypt(v.phone),
      phone_masked: maskPhone(v.phone),
      home_region_code: v.homeRegionCode,
      skills: JSON.stringify([]),
      service_region_codes: JSON.stringify([v.homeRegionCode]),
      availability: JSON.stringify({ weekdays: [6, 7], parts: ['am'] }),
      guardian_consent: null,
      status: 'active',
      registered_by: null,
      is_demo: 0,
      created_at: v.registeredAt,
      updated_at: v.registeredAt,
    };
  });
  await bulkInsert(trx, 'vs_volunteers', rows);
  return rows.map((r) => r.id);
}

/** Writes the teams and their approved members; returns the teams' ids in order. */
export async function insertGeneratedTeams(
  trx: Transaction<Database>,
  teams: readonly TeamToGenerate[],
): Promise<string[]> {
  const rows: VsTeamTable[] = teams.map((t) => ({
    id: crypto.randomUUID(),
    parent_id: null,
    kind: 'team',
    name: t.name,
    region_code: t.regionCode,
    category_code: null,
    colour: null,
    leader_account_id: t.leaderAccountId,
    organisation_name: t.name,
    person_in_charge: '队长',
    contact_phone: '010-60000000',
    description: '',
    active: 1,
    is_demo: 0,
    created_at: t.createdAt,
    updated_at: t.createdAt,
  }));
  const members: VsTeamMemberTable[] = teams.flatMap((t, k) =>
    t.members.map((m) => {
      const since = m.since > t.createdAt ? m.since : t.createdAt;
      return {
        id: crypto.randomUUID(),
        team_id: rows[k]!.id,
        volunteer_id: m.volunteerId,
        status: 'approved' as const,
        note: null,
        requested_at: since,
        decided_by: t.leaderAccountId,
        decided_at: since,
      };
    }),
  );
  await bulkInsert(trx, 'vs_teams', rows);
  await bulkInsert(trx, 'vs_team_members', members);
  return rows.map((r) => r.id);
}
