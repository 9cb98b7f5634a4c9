/**
 * Issue #15 point 3: the volunteers module's side of a volunteers import — who is registered
 * (by the ID's keyed hash, the phone decrypted, the teams they are an approved member of), a
 * registered volunteer's phone and skills changed, and a membership granted by the centre — each
 * inside the import's transaction. Registration itself is registerVolunteerIn.
 */
import crypto from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database, VsVolunteerTable } from '../../db/schema.ts';
import type { Caller } from '../../shared/actor.ts';
import { auditActor } from '../../shared/actor.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { maskPhone } from '../residents/id-number.ts';
import { parseVolunteerSkills } from './volunteer.stored.ts';
import { auditSafe } from './volunteers.service.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface RosterVolunteer {
  id: string;
  fullName: string;
  phone: string | null;
  homeRegionCode: string;
  skills: string[];
  teamIds: string[];
}

/** Registered volunteers by the keyed hash of their ID number. */
export async function volunteersByIdHash(
  db: Db,
  pii: PiiCipher,
  hashes: readonly string[],
): Promise<Map<string, RosterVolunteer>> {
  const out = new Map<string, RosterVolunteer>();
  for (let i = 0; i < hashes.length; i += 500) {
    const rows = await db
      .selectFrom('vs_volunteers')
      .select(['id', 'id_hash', 'full_name', 'phone_cipher', 'home_region_code', 'skills'])
      .where('id_hash', 'in', hashes.slice(i, i + 500))
      .execute();
    const members = rows.length
      ? await db
          .selectFrom('vs_team_members')
          .select(['volunteer_id', 'team_id'])
          .where(
            'volunteer_id',
            'in',
            rows.map((r) => r.id),
          )
          .where('status', '=', 'approved')
          .execute()
      : [];
    for (const r of rows)
      out.set(r.id_hash, {
        id: r.id,
        fullName: r.full_name,
        phone: r.phone_cipher ? pii.decrypt(r.phone_cipher) : null,
        homeRegionCode: r.home_region_code,
        skills: parseVolunteerSkills(r.skills),
        teamIds: members.filter((m) => m.volunteer_id === r.id).map((m) => m.team_id),
      });
  }
  return out;
}

/** Changes a registered volunteer's phone and/or skills, audited (as updateVolunteer). */
export async function updateRosterVolunteer(
  trx: Transaction<Database>,
  pii: PiiCipher,
  input: {
    id: string;
    phone?: string | undefined;
    skills?: string[] | undefined;
    actor: Caller;
    requestId: string | null;
    now: Date;
  },
): Promise<void> {
  const before = await trx
    .selectFrom('vs_volunteers')
    .selectAll()
    .where('id', '=', input.id)
    .executeTakeFirstOrThrow();
  const patch: Partial<VsVolunteerTable> = { updated_at: input.now.toISOString() };
  if (input.phone !== undefined) {
    patch.phone_cipher = pii.encrypt(input.phone);
    patch.phone_masked = maskPhone(input.phone);
  }
  if (input.skills !== undefined) patch.skills = JSON.stringify(input.skills);
  await trx.updateTable('vs_volunteers').set(patch).where('id', '=', before.id).execute();
  await recordAudit(trx, {
    actor: auditActor(input.actor),
    action: 'volunteer.updated',
    entityType: 'vs_volunteer',
    entityId: before.id,
    regionCode: before.home_region_code,
    before: auditSafe(before),
    after: auditSafe({ ...before, ...patch }),
    requestId: input.requestId,
    now: input.now,
  });
}

/**
 * The volunteer becomes an approved member of the team, decided by the importer: a new membership,
 * or an earlier request (pending, refused, left) approved.
 */
export async function approveRosterMembership(
  trx: Transaction<Database>,
  input: { teamId: string; volunteerId: string; decidedBy: string | null; now: Date },
): Promise<void> {
  const nowIso = input.now.toISOString();
  const inserted = await trx
    .insertInto('vs_team_members')
    .values({
      id: crypto.randomUUID(),
      team_id: input.teamId,
      volunteer_id: input.volunteerId,
      status: 'approved',
      note: null,
      requested_at: nowIso,
      decided_by: input.decidedBy,
      decided_at: nowIso,
    })
    .onConflict((oc) => oc.columns(['team_id', 'volunteer_id']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) return;
  await trx
    .updateTable('vs_team_members')
    .set({ status: 'approved', decided_by: input.decidedBy, decided_at: nowIso })
    .where('team_id', '=', input.teamId)
    .where('volunteer_id', '=', input.volunteerId)
    .execute();
}
