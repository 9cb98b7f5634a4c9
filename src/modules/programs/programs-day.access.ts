/**
 * CP-3/CP-4 who reaches a class day: the organiser in scope of the class's region, or a volunteer
 * rostered on that very session (and only that one). Everyone else reads it as missing.
 */
import type { Kysely } from 'kysely';
import type {
  Database,
  ProgramClassTable,
  ProgramSessionTable,
  ProgramTable,
} from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import type { Actor } from '../../shared/actor.ts';
import { loadClass, loadProgram, organises } from './programs.access.ts';
import { ensureSession } from './class-sessions.ts';

type Db = Kysely<Database>;
export type DayParty = 'organiser' | 'rostered';
export const DAY_STAFF = ['organiser', 'volunteer'] as const;

export interface ReachedDay {
  klass: ProgramClassTable;
  program: ProgramTable;
  session: ProgramSessionTable;
  party: DayParty;
}

/** Whether the actor is rostered on this session (through their volunteer account). */
export async function rosteredOn(db: Db, actor: Actor, sessionId: string): Promise<boolean> {
  const row = await db
    .selectFrom('program_staff')
    .select('id')
    .where('session_id', '=', sessionId)
    .where('account_id', '=', actor.accountId)
    .executeTakeFirst();
  return row !== undefined;
}

/** The standing of the actor on a session, or CP_NO_SESSION (never revealing it exists). */
export async function dayParty(
  db: Db,
  actor: Actor,
  session: ProgramSessionTable,
): Promise<DayParty> {
  if (organises(actor, session.region_code)) return 'organiser';
  if (await rosteredOn(db, actor, session.id)) return 'rostered';
  throw new AppError('CP_NO_SESSION');
}

/** The class's session on `day` as the caller reaches it (created on first use). */
export async function reachDay(
  db: Db,
  actor: Actor,
  input: { classId: string; day: string; now: Date },
): Promise<ReachedDay> {
  const klass = await loadClass(db, input.classId);
  const organiser = organises(actor, klass.region_code);
  if (!organiser) {
    // a rostered volunteer reaches an existing session only
    const existing = await db
      .selectFrom('program_sessions')
      .selectAll()
      .where('class_id', '=', klass.id)
      .where('day', '=', input.day)
      .executeTakeFirst();
    if (!existing || !(await rosteredOn(db, actor, existing.id)))
      throw new AppError('CP_CLASS_NOT_FOUND');
    return {
      klass,
      program: await loadProgram(db, klass.program_id),
      session: existing,
      party: 'rostered',
    };
  }
  const program = await loadProgram(db, klass.program_id);
  const session = await ensureSession(db, { klass, program, day: input.day, now: input.now });
  return { klass, program, session, party: 'organiser' };
}

/** The session row by id. */
export async function loadSession(db: Db, id: string): Promise<ProgramSessionTable> {
  const s = await db
    .selectFrom('program_sessions')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!s) throw new AppError('CP_NO_SESSION');
  return s;
}
