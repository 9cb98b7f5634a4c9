/**
 * `doorstep import residents|hours|stations|staff|teams|volunteers <file.xlsx> [--dry-run]` (issue #15 points 3–4): the same pipeline as
 * the web's /imports page, as the operator (the whole database is in reach), with a progress bar.
 * Exit 0 when done (or the dry run is clean), 1 when rows are refused, 2 when the file is refused.
 */
import fs from 'node:fs';
import { Presets, SingleBar } from 'cli-progress';
import type { CliIo } from './cli-io.ts';
import { loadConfig } from '../config.ts';
import { prepare } from '../server/bootstrap.ts';
import type { ImportKind } from '../modules/imports/import-columns.ts';
import type { ImportPlan, ImportProgress } from '../modules/imports/import-plan.ts';
import {
  applyImport,
  CLI_MAX_ROWS,
  dryRunImport,
  prefilledTemplate,
} from '../modules/imports/import-run.ts';
import type { IssuedPassword } from '../modules/imports/import-staff.ts';
import { importTemplate } from '../modules/imports/import-sheet.ts';
import { IMPORT_REASONS } from '../modules/imports/import-reasons.ts';
import { AppError } from '../server/problem.ts';

const CLI_CALLER = { system: 'cli' } as const;
const PHASES: Record<ImportProgress['phase'], string> = {
  read: '读取 reading ',
  check: '校验 checking',
  write: '写入 writing ',
};

function printPlan(io: CliIo, plan: ImportPlan) {
  const c = plan.counts;
  io.out(
    `${plan.total} rows: ${c.create} to create, ${c.change} to change, ${c.unchanged} unchanged, ${c.refused} refused`,
  );
  const refused = plan.rows.filter((r) => r.action === 'refused');
  for (const r of refused.slice(0, 50))
    io.out(
      `  row ${r.row} ${r.who}: ${(r.reasons ?? [])
        .map(
          (x) => `${x.code} ${IMPORT_REASONS[x.code].zh}${x.detail ? `（第 ${x.detail} 行）` : ''}`,
        )
        .join('; ')}`,
    );
  if (refused.length > 50) io.out(`  … and ${refused.length - 50} more refused rows`);
}

/**
 * The roster's one-time passwords: to a file only its owner reads (--out), else printed once.
 * Never logged; the database holds their hashes only.
 */
function handOverPasswords(io: CliIo, passwords: IssuedPassword[], out: string | undefined) {
  if (passwords.length === 0) return;
  if (passwords.every((p) => p.password === null)) {
    io.out(`${passwords.length} one-time passwords queued by SMS`);
    return;
  }
  const csv = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = passwords.map((p) =>
    [p.row, p.fullName, p.username, p.password ?? ''].map((v) => csv(String(v))).join(','),
  );
  if (out) {
    fs.writeFileSync(out, `\uFEFFrow,name,username,one-time password\n${lines.join('\n')}\n`, {
      mode: 0o600,
    });
    io.out(
      `${passwords.length} one-time passwords written to ${out}; hand each over, then delete it`,
    );
    return;
  }
  io.out('one-time passwords (shown once; each must be changed at first login):');
  for (const p of passwords) io.out(`  row ${p.row} ${p.fullName} ${p.username} ${p.password}`);
}

export async function runImportPeople(
  io: CliIo,
  kind: ImportKind,
  file: string,
  opts: { dryRun?: boolean | undefined; out?: string | undefined; sms?: boolean | undefined },
): Promise<number> {
  if (!fs.existsSync(file)) {
    io.err(`no such file: ${file}`);
    return 2;
  }
  const bytes = fs.readFileSync(file);
  const ctx = await prepare(loadConfig(io.env), { demo: false });
  const bar = new SingleBar(
    {
      format: '{phase} [{bar}] {value}/{total} rows',
      hideCursor: true,
      noTTYOutput: true,
      notTTYSchedule: 2000,
      stream: io.progress,
    },
    Presets.shades_classic,
  );
  let phase: ImportProgress['phase'] | null = null;
  const onProgress = (p: ImportProgress) => {
    if (p.phase !== phase) {
      if (phase === null) bar.start(p.total, p.done, { phase: PHASES[p.phase] });
      else bar.setTotal(p.total);
      phase = p.phase;
    }
    if (p.phase === 'read') bar.setTotal(p.done);
    bar.update(p.done, { phase: PHASES[p.phase] });
  };
  const input = {
    kind,
    file: bytes,
    actor: CLI_CALLER,
    now: new Date(),
    maxRows: CLI_MAX_ROWS,
    onProgress,
    sendSms: opts.sms ?? false,
  };
  try {
    if (opts.dryRun) {
      const plan = await dryRunImport({ db: ctx.db.kysely, pii: ctx.pii }, input);
      bar.stop();
      io.out('dry run: nothing was written');
      printPlan(io, plan);
      return plan.counts.refused > 0 ? 1 : 0;
    }
    const applied = await applyImport(
      { db: ctx.db.kysely, pii: ctx.pii },
      { ...input, requestId: null },
    );
    bar.stop();
    printPlan(io, applied);
    handOverPasswords(io, applied.passwords ?? [], opts.out);
    io.out(
      applied.counts.create + applied.counts.change === 0
        ? 'nothing to change: the registry already holds every row'
        : `imported (${applied.importId}, in the audit log)`,
    );
    return 0;
  } catch (err) {
    bar.stop();
    if (!(err instanceof AppError)) throw err;
    const plan = err.extensions?.plan as ImportPlan | undefined;
    if (plan) {
      printPlan(io, plan);
      io.err(
        `refused: ${err.code}: nothing was imported; correct every refused row and import again`,
      );
      return 1;
    }
    io.err(`refused: ${err.code}${err.detail ? ` (${err.detail})` : ''}: ${err.message}`);
    for (const e of err.errors ?? []) io.err(`  ${e.path}: ${e.message}`);
    return 2;
  } finally {
    await ctx.db.close();
  }
}

export async function runImportTemplate(
  io: CliIo,
  kind: ImportKind,
  out: string,
  opts: { region?: string | undefined } = {},
): Promise<number> {
  if (opts.region === undefined) {
    fs.writeFileSync(out, await importTemplate(kind));
    io.out(`template for ${kind} written to ${out}`);
    return 0;
  }
  // Pre-filled for a region (stations: one row per village and town without a station).
  const ctx = await prepare(loadConfig(io.env), { demo: false });
  try {
    fs.writeFileSync(
      out,
      await prefilledTemplate(
        { db: ctx.db.kysely, pii: ctx.pii },
        { kind, region: opts.region, actor: CLI_CALLER },
      ),
    );
    io.out(`template for ${kind} pre-filled for ${opts.region} written to ${out}`);
    return 0;
  } finally {
    await ctx.db.close();
  }
}
