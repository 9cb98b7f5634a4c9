/**
 * Issue #16 point 4: volunteers, one team per town with its members, written in bulk by
 * `doorstep generate` (the volunteers module's own writer). ID numbers hashed and encrypted like a
 * registration; generated volunteer numbers are `V<district>9NNNNN`, out of the live counter's way
 * (it would need 900,000 registrations in one district). No audit events: a test data set.
 */
import crypto from 'node:crypto';
import type { Transaction } from 'kysely';
import { bulkInsert } from '../../db/bulk-copy.ts';
import type { Database, VsTeamMemberTable, VsVolunteerTable } from '../../db/schema.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import { maskIdNumber, maskPhone } from '../residents/id-number.ts';

const CHUNK = 400;

export interface VolunteerToGenerate {
  idNumber: string;
  sex: 'male' | 'female';
  birthDate: string;
  fullName: string;
  phone: string;
  homeRegionCode: string;
}

export interface TeamToGenerate {
  name: string;
  regionCode: string;
  leaderAccountId: string;
  /** Indexes into the volunteers written in the same call. */
  members: readonly number[];
}

export async function insertGeneratedVolunteers(
  trx: Transaction<Database>,
  pii: PiiCipher,
  input: {
    volunteers: readonly VolunteerToGenerate[];
    teams: readonly TeamToGenerate[];
    firstNumber: number;
    now: Date;
  },
): Promise<{ volunteerIds: string[]; teamIds: string[] }> {
  const nowIso = input.now.toISOString();
  const volunteerIds: string[] = [];
  for (let i = 0; i < input.volunteers.length; i += CHUNK) {
    const rows: VsVolunteerTable[] = input.volunteers.slice(i, i + CHUNK).map((v, j) => {
      const id = crypto.randomUUID();
      volunteerIds.push(id);
      const n = input.firstNumber + i + j;
      return {
        id,
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
        created_at: nowIso,
        updated_at: nowIso,
      };
    });
    await bulkInsert(trx, 'vs_volunteers', rows);
  }
  const teamIds: string[] = [];
  const members: VsTeamMemberTable[] = [];
  for (const t of input.teams) {
    const id = crypto.randomUUID();
    teamIds.push(id);
    await trx
      .insertInto('vs_teams')
      .values({
        id,
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
        created_at: nowIso,
        updated_at: nowIso,
      })
      .execute();
    for (const m of t.members)
      members.push({
        id: crypto.randomUUID(),
        team_id: id,
        volunteer_id: volunteerIds[m]!,
        status: 'approved',
        note: null,
        requested_at: nowIso,
        decided_by: t.leaderAccountId,
        decided_at: nowIso,
      });
  }
  await bulkInsert(trx, 'vs_team_members', members);
  return { volunteerIds, teamIds };
}
