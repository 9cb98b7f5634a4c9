/**
 * Loading rows of the programs module with their scope: an organiser reaches programs in their
 * grant's region; a guardian reaches only the children and enrolments they registered.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type {
  ChildTable,
  EnrolmentTable,
  ProgramClassTable,
  ProgramTable,
} from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { regionReach, type Actor } from '../../shared/actor.ts';

type Db = Kysely<Database>;
export const ORGANISER = ['organiser'] as const;
export const GUARDIAN = ['guardian'] as const;

export { isUniqueViolation } from '../../shared/db-errors.ts';

/** Whether the actor organises programs in this region. */
export function organises(actor: Actor, regionCode: string): boolean {
  return regionReach(actor, ORGANISER).some((p) => regionCode.startsWith(p));
}

export async function loadProgram(db: Db, id: string): Promise<ProgramTable> {
  const p = await db.selectFrom('programs').selectAll().where('id', '=', id).executeTakeFirst();
  if (!p) throw new AppError('CP_PROGRAM_NOT_FOUND');
  return p;
}

export async function loadClass(db: Db, id: string): Promise<ProgramClassTable> {
  const c = await db
    .selectFrom('program_classes')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!c) throw new AppError('CP_CLASS_NOT_FOUND');
  return c;
}

/** The guardian's own child; anyone else's reads as missing. */
export async function myChild(db: Db, actor: Actor, id: string): Promise<ChildTable> {
  const c = await db
    .selectFrom('children')
    .selectAll()
    .where('id', '=', id)
    .where('guardian_account_id', '=', actor.accountId)
    .executeTakeFirst();
  if (!c) throw new AppError('CP_CHILD_NOT_FOUND');
  return c;
}

/** An enrolment with the caller's standing towards it: its guardian, or the organiser in scope. */
export async function reachableEnrolment(
  db: Db,
  actor: Actor,
  id: string,
): Promise<{ row: EnrolmentTable; party: 'guardian' | 'organiser' }> {
  const row = await db.selectFrom('enrolments').selectAll().where('id', '=', id).executeTakeFirst();
  if (row && row.guardian_account_id === actor.accountId) return { row, party: 'guardian' };
  if (row && organises(actor, row.region_code)) return { row, party: 'organiser' };
  throw new AppError('CP_ENROLMENT_NOT_FOUND');
}
