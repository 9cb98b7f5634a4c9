/**
 * Issue #15 point 3: one pipeline for every import — read the file (headers, size, rows), plan
 * each row with the kind's pure rules, and either return the plan (dry run) or carry it out in ONE
 * transaction with one audit event (apply). Apply refuses the whole file while any row is refused.
 */
import crypto from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import {
  auditActor,
  authorize,
  isSystemActor,
  reachPrefixes,
  type Caller,
} from '../../shared/actor.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import { AppError } from '../../shared/problem.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { ImportPlan, ProgressFn } from './import-plan.ts';
import {
  importTemplate,
  readImportSheet,
  writeImportWorkbook,
  type SheetRow,
} from './import-sheet.ts';
import { COLUMNS_OF, type ImportKind } from './import-columns.ts';
import { planResidentImport, writeResidentImport } from './import-residents.ts';
import { planHoursImport, writeHoursImport } from './import-hours.ts';
import { planStaffImport, writeStaffImport, type IssuedPassword } from './import-staff.ts';
import { ADMIN as ACCOUNT_ADMINS } from '../auth/accounts-view.ts';
import { IMPORT_REASONS } from './import-reasons.ts';
import './imports.problems.ts';
import { planStationImport, stationTemplateRows, writeStationImport } from './import-stations.ts';
import { IMPORTERS, IMPORTERS_OF } from './imports.access.ts';
import { planTeamImport, writeTeamImport } from './import-teams.ts';
import { planVolunteerImport, writeVolunteerImport } from './import-volunteers.ts';

export { IMPORTERS };

/** Rows one upload may carry; the operator's CLI allows more. */
export const HTTP_MAX_ROWS = 20_000;
export const CLI_MAX_ROWS = 200_000;

export interface ImportDeps {
  db: Kysely<Database>;
  pii: PiiCipher;
}

export interface ImportInput {
  kind: ImportKind;
  file: Buffer;
  actor: Caller;
  now: Date;
  maxRows?: number;
  onProgress?: ProgressFn;
  /** Staff roster: send each one-time password by SMS instead of answering it. */
  sendSms?: boolean;
}

interface Importer {
  reach: string[];
  /** Where the importer may grant roles (administrators only; staff roster). */
  adminReach: string[];
  stationId: string | null;
  accountId: string | null;
  grant?: ReturnType<typeof authorize>;
}

function reachOfCaller(actor: Caller, kind: ImportKind): Importer {
  if (isSystemActor(actor))
    return { reach: [''], adminReach: [''], stationId: null, accountId: null };
  const roles = IMPORTERS_OF[kind];
  const grant = authorize(actor, roles);
  // The roster creates accounts: it also needs accounts.manage (an administrator's grant).
  const adminGrant = kind === 'staff' ? authorize(actor, ACCOUNT_ADMINS) : undefined;
  return {
    reach: reachPrefixes(actor, roles),
    adminReach: reachPrefixes(actor, ACCOUNT_ADMINS),
    stationId: grant.stationId,
    accountId: actor.accountId,
    grant: adminGrant ?? grant,
  };
}

type Db = Kysely<Database> | Transaction<Database>;

/** One pipeline per kind: plan (the same for dry run and apply), then write a clean plan. */
interface Pipeline {
  plan: ImportPlan;
  /** Answers what apply shows once (the roster's one-time passwords), if anything. */
  write: (trx: Transaction<Database>, importId: string) => Promise<ImportExtras | void>;
}

/** What apply answers beyond the plan, once. */
export interface ImportExtras {
  passwords?: IssuedPassword[];
}

async function planFor(
  db: Db,
  deps: ImportDeps,
  input: ImportInput & { requestId?: string | null },
  who: Importer,
  rows: readonly SheetRow[],
): Promise<Pipeline> {
  const common = {
    db,
    pii: deps.pii,
    reach: who.reach,
    now: input.now,
    onProgress: input.onProgress,
  };
  switch (input.kind) {
    case 'residents': {
      const work = await planResidentImport(common, rows);
      return {
        plan: work.plan,
        write: (trx) =>
          writeResidentImport(
            trx,
            {
              pii: deps.pii,
              stationId: who.stationId,
              now: input.now,
              onProgress: input.onProgress,
            },
            work,
          ),
      };
    }
    case 'stations': {
      const work = await planStationImport(common, rows);
      return {
        plan: work.plan,
        write: (trx) =>
          writeStationImport(trx, { now: input.now, onProgress: input.onProgress }, work),
      };
    }
    case 'hours': {
      const work = await planHoursImport({ ...common, accountId: who.accountId }, rows);
      return {
        plan: work.plan,
        write: (trx, importId) =>
          writeHoursImport(
            trx,
            { pii: deps.pii, importId, now: input.now, onProgress: input.onProgress },
            work,
          ),
      };
    }
    case 'teams': {
      const work = await planTeamImport(common, rows);
      return {
        plan: work.plan,
        write: (trx) =>
          writeTeamImport(
            trx,
            {
              actor: input.actor,
              requestId: input.requestId ?? null,
              now: input.now,
              onProgress: input.onProgress,
            },
            work,
          ),
      };
    }
    case 'volunteers': {
      const work = await planVolunteerImport(common, rows);
      return {
        plan: work.plan,
        write: (trx) =>
          writeVolunteerImport(
            trx,
            {
              pii: deps.pii,
              actor: input.actor,
              requestId: input.requestId ?? null,
              now: input.now,
              onProgress: input.onProgress,
            },
            work,
          ),
      };
    }
    case 'staff': {
      const work = await planStaffImport(
        { ...common, reach: who.adminReach, actorAccountId: who.accountId },
        rows,
      );
      return {
        plan: work.plan,
        write: async (trx) => ({
          passwords: await writeStaffImport(
            trx,
            {
              pii: deps.pii,
              actor: auditActor(input.actor, who.grant),
              requestId: input.requestId ?? null,
              sendSms: input.sendSms ?? false,
              now: input.now,
              onProgress: input.onProgress,
            },
            work,
          ),
        }),
      };
    }
  }
}

async function readRows(input: ImportInput): Promise<SheetRow[]> {
  return readImportSheet(input.kind, input.file, {
    maxRows: input.maxRows ?? HTTP_MAX_ROWS,
    onRow: (n) => input.onProgress?.({ phase: 'read', done: n, total: 0 }),
  });
}

/**
 * A template pre-filled for a region inside the caller's reach: stations get one row per village,
 * town and district without a station (codes and names filled in, addresses and phones to write);
 * the other kinds have nothing to pre-fill and answer the plain template.
 */
/** The blank template of a kind, for whoever may import that kind. */
export async function blankTemplate(input: { kind: ImportKind; actor: Caller }): Promise<Buffer> {
  if (!isSystemActor(input.actor)) authorize(input.actor, IMPORTERS_OF[input.kind]);
  return importTemplate(input.kind);
}

export async function prefilledTemplate(
  deps: ImportDeps,
  input: { kind: ImportKind; region: string; actor: Caller },
): Promise<Buffer> {
  if (!isSystemActor(input.actor)) authorize(input.actor, IMPORTERS_OF[input.kind], input.region);
  if (input.kind !== 'stations') return importTemplate(input.kind);
  const rows = await stationTemplateRows(deps.db, input.region, COLUMNS_OF.stations);
  return writeImportWorkbook('stations', rows);
}

/** What the import would do, row by row; nothing is written. */
export async function dryRunImport(deps: ImportDeps, input: ImportInput): Promise<ImportPlan> {
  const who = reachOfCaller(input.actor, input.kind);
  const rows = await readRows(input);
  return (await planFor(deps.db, deps, input, who, rows)).plan;
}

/** The reasons of refused rows as problem field errors, in the locale's words. */
export function refusedErrors(plan: ImportPlan, max = 200) {
  return plan.rows
    .filter((r) => r.action === 'refused')
    .slice(0, max)
    .map((r) => ({
      path: `row ${r.row}`,
      message: (r.reasons ?? [])
        .map(
          (x) => `${x.code}${x.detail ? ` (row ${x.detail})` : ''}: ${IMPORT_REASONS[x.code].en}`,
        )
        .join('; '),
    }));
}

/** Carries the plan out, all or nothing, with one audit event; refused while any row is refused. */
export async function applyImport(
  deps: ImportDeps,
  input: ImportInput & { requestId: string | null },
): Promise<ImportPlan & ImportExtras & { importId: string }> {
  const who = reachOfCaller(input.actor, input.kind);
  const rows = await readRows(input);
  const fileSha256 = crypto.createHash('sha256').update(input.file).digest('hex');
  const importId = crypto.randomUUID();
  return deps.db.transaction().execute(async (trx) => {
    const work = await planFor(trx, deps, input, who, rows);
    if (work.plan.counts.refused > 0)
      throw new AppError('IMPORT_REFUSED', {
        detail: `${work.plan.counts.refused} of ${work.plan.total} rows refused`,
        errors: refusedErrors(work.plan),
        extensions: { plan: work.plan },
      });
    const extras = (await work.write(trx, importId)) ?? {};
    await recordAudit(trx, {
      actor: auditActor(input.actor, who.grant),
      action: 'import.applied',
      entityType: 'import',
      entityId: importId,
      regionCode: who.grant?.regionCode ?? null,
      after: { kind: input.kind, fileSha256, total: work.plan.total, counts: work.plan.counts },
      requestId: input.requestId,
      now: input.now,
    });
    return { ...work.plan, ...extras, importId };
  });
}
