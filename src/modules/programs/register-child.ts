/**
 * CP-2: a guardian registers a child (real name, relation; the ID number is personal data as for
 * residents — stored encrypted with a keyed hash, answered only masked). A guardian lists only
 * their own children.
 *
 * Who may enrol without staff: a villager who logs in by SMS holds the `resident` role. Registering
 * their first child makes them a guardian — the same transaction adds a `guardian` grant at their
 * own region (audited as guardian.self_registered) — and from the next request on they enrol,
 * answer offers and withdraw as any guardian. Guardian is a phone-login role, so SMS login keeps
 * working for them.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/schema.ts';
import type { ChildTable } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { auditActor, authorize, type Actor } from '../../shared/actor.ts';
import { maskIdNumber, parseIdNumber } from '../residents/id-number.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import { isUniqueViolation } from './programs.access.ts';
import { chinaDate } from '../../shared/china-time.ts';
import { neighbourhoodNames } from './neighbourhoods.ts';
import {
  gradeOn,
  plausibleSchoolYear,
  schoolYearAt,
  type StatedGrade,
} from './school-grade.rules.ts';

/** Who may register a child: a guardian, or a resident who becomes one by doing so. */
export const CHILD_REGISTRARS = ['guardian', 'resident'] as const;
import type { ChildDetails, ChildView, NewChild } from './programs.schema.ts';

type Db = Kysely<Database>;

function presentChild(c: ChildTable, now: Date): z.infer<typeof ChildView> {
  const stated =
    c.school_grade === null || c.grade_school_year === null
      ? null
      : { grade: c.school_grade, schoolYear: c.grade_school_year };
  return {
    id: c.id,
    realName: c.real_name,
    idMasked: c.id_masked,
    birthDate: c.birth_date,
    relation: c.relation,
    regionCode: c.region_code,
    schoolGrade: stated && { ...stated, gradeNow: gradeOn(stated, chinaDate(now)) },
    neighbourhood: c.neighbourhood,
  };
}

/** A stated grade with its school year (default: today's), or a 400 for an implausible year. */
export function statedGrade(
  body: { grade: number; schoolYear?: number | undefined } | null,
  now: Date,
): StatedGrade | null {
  if (body === null) return null;
  const schoolYear = body.schoolYear ?? schoolYearAt(now);
  if (!plausibleSchoolYear(schoolYear, now)) throw new AppError('CP_GRADE_INVALID');
  return { grade: body.grade, schoolYear };
}

/** The 小区 must be one the child's community lists. */
export async function checkNeighbourhood(
  db: Db,
  regionCode: string,
  name: string | null,
): Promise<void> {
  if (name === null) return;
  if (!(await neighbourhoodNames(db, regionCode)).includes(name))
    throw new AppError('CP_NEIGHBOURHOOD_UNKNOWN');
}

export async function registerChild(
  deps: { db: Db; pii: PiiCipher },
  input: { body: z.infer<typeof NewChild>; actor: Actor; requestId: string; now: Date },
): Promise<z.infer<typeof ChildView>> {
  const { body, actor, now } = input;
  const grant = authorize(actor, CHILD_REGISTRARS);
  const becomesGuardian = grant.role !== 'guardian';
  const parsed = parseIdNumber(body.idNumber, now.toISOString().slice(0, 10));
  if (!parsed.ok) throw new AppError(parsed.problem);
  const grade = statedGrade(body.schoolGrade, now);
  await checkNeighbourhood(deps.db, grant.regionCode, body.neighbourhood);
  const row: ChildTable = {
    id: crypto.randomUUID(),
    guardian_account_id: actor.accountId,
    real_name: body.realName,
    id_cipher: deps.pii.encrypt(parsed.value),
    id_hash: deps.pii.lookupHash(`child:${parsed.value}`),
    id_masked: maskIdNumber(parsed.value),
    birth_date: parsed.birthDate,
    relation: body.relation,
    // The child lives where the guardian's grant is (their neighbourhood).
    region_code: grant.regionCode,
    created_at: now.toISOString(),
    school_grade: grade?.grade ?? null,
    grade_school_year: grade?.schoolYear ?? null,
    neighbourhood: body.neighbourhood,
  };
  try {
    await deps.db.transaction().execute(async (trx) => {
      await trx.insertInto('children').values(row).execute();
      if (becomesGuardian) {
        await trx
          .insertInto('role_grants')
          .values({
            id: crypto.randomUUID(),
            account_id: actor.accountId,
            role: 'guardian',
            region_code: grant.regionCode,
            station_id: null,
            created_at: row.created_at,
          })
          .execute();
        await recordAudit(trx, {
          actor: auditActor(actor, grant),
          action: 'guardian.self_registered',
          entityType: 'account',
          entityId: actor.accountId,
          regionCode: grant.regionCode,
          after: { role: 'guardian', regionCode: grant.regionCode },
          requestId: input.requestId,
          now,
        });
      }
      await recordAudit(trx, {
        actor: auditActor(actor, grant),
        action: 'child.registered',
        entityType: 'child',
        entityId: row.id,
        regionCode: row.region_code,
        after: {
          relation: row.relation,
          birthDate: row.birth_date,
          schoolGrade: grade,
          neighbourhood: row.neighbourhood,
        },
        requestId: input.requestId,
        now,
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('CP_CHILD_EXISTS');
    throw err;
  }
  return presentChild(row, now);
}

export async function listMyChildren(
  db: Db,
  actor: Actor,
  now: Date,
): Promise<z.infer<typeof ChildView>[]> {
  authorize(actor, CHILD_REGISTRARS);
  const rows = await db
    .selectFrom('children')
    .selectAll()
    .where('guardian_account_id', '=', actor.accountId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((c) => presentChild(c, now));
}

/** The guardian corrects their child's grade or 小区 (audited); another's child reads as missing. */
export async function updateChildDetails(
  db: Db,
  input: {
    id: string;
    body: z.infer<typeof ChildDetails>;
    actor: Actor;
    requestId: string;
    now: Date;
  },
): Promise<z.infer<typeof ChildView>> {
  const { body, actor, now } = input;
  const grant = authorize(actor, CHILD_REGISTRARS);
  const child = await db
    .selectFrom('children')
    .selectAll()
    .where('id', '=', input.id)
    .where('guardian_account_id', '=', actor.accountId)
    .executeTakeFirst();
  if (!child) throw new AppError('CP_CHILD_NOT_FOUND');
  const changes: Partial<ChildTable> = {};
  if (body.schoolGrade !== undefined) {
    const grade = statedGrade(body.schoolGrade, now);
    changes.school_grade = grade?.grade ?? null;
    changes.grade_school_year = grade?.schoolYear ?? null;
  }
  if (body.neighbourhood !== undefined) {
    await checkNeighbourhood(db, child.region_code, body.neighbourhood);
    changes.neighbourhood = body.neighbourhood;
  }
  const after = { ...child, ...changes };
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('children').set(changes).where('id', '=', child.id).execute();
    await recordAudit(trx, {
      actor: auditActor(actor, grant),
      action: 'child.details_updated',
      entityType: 'child',
      entityId: child.id,
      regionCode: child.region_code,
      before: {
        schoolGrade: child.school_grade,
        gradeSchoolYear: child.grade_school_year,
        neighbourhood: child.neighbourhood,
      },
      after: {
        schoolGrade: after.school_grade,
        gradeSchoolYear: after.grade_school_year,
        neighbourhood: after.neighbourhood,
      },
      requestId: input.requestId,
      now,
    });
  });
  return presentChild(after, now);
}
