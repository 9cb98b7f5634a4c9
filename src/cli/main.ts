import fs from 'node:fs';
import { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { serve, prepare } from '../server/bootstrap.ts';
import { DataKeyMismatchError } from '../server/secrets.ts';
import {
  runAuditCheckpoint,
  runAuditRootKey,
  runAuditVerify,
  runCreateAdmin,
  runImportRegions,
  runRotateKey,
  runSeedDemo,
  runSweep,
} from './commands.ts';

const program = new Command('doorstep')
  .description('Doorstep (家门口): public services at every villager’s doorstep')
  .showHelpAfterError();

program
  .command('serve')
  .description('migrate, load demo data into an empty development database, and serve API + web')
  .action(async () => serve());

program
  .command('migrate')
  .description(
    'apply database migrations (SQLite by default, DATABASE_URL=postgres://… for PostgreSQL)',
  )
  .action(async () => {
    const { db } = await prepare(loadConfig(), { demo: false });
    await db.close();
    console.log('migrations are up to date');
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
      console.error('nothing to seed: pass --demo');
      process.exitCode = 2;
      return;
    }
    process.exitCode = await runSeedDemo();
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
        ? fs.readFileSync(0, 'utf8').trim()
        : process.env.DOORSTEP_ADMIN_PASSWORD;
      if (!password) {
        console.error(
          'give the password on stdin with --password-stdin or in DOORSTEP_ADMIN_PASSWORD',
        );
        process.exitCode = 2;
        return;
      }
      process.exitCode = await runCreateAdmin({ ...opts, password });
    },
  );

const importCmd = program.command('import').description('bulk imports');
importCmd
  .command('regions <file>')
  .description(
    'import regions from CSV (code,name,parent_code,level) or JSON [{code,name,parentCode,level}]',
  )
  .action(async (file: string) => {
    process.exitCode = await runImportRegions(file);
  });

program
  .command('sweep')
  .description('run the deadline sweep once: escalate overdue cases (safe beside running nodes)')
  .action(async () => {
    process.exitCode = await runSweep();
  });

program
  .command('rotate-key')
  .description(
    're-encrypt and re-hash all personal data with a new data key in one transaction (stop every node first)',
  )
  .option('--new-key-stdin', 'read the new key from standard input (else DOORSTEP_NEW_DATA_KEY)')
  .action(async (opts: { newKeyStdin?: boolean }) => {
    const newKey = opts.newKeyStdin
      ? fs.readFileSync(0, 'utf8').trim()
      : process.env.DOORSTEP_NEW_DATA_KEY;
    if (!newKey) {
      console.error('give the new key on stdin with --new-key-stdin or in DOORSTEP_NEW_DATA_KEY');
      process.exitCode = 2;
      return;
    }
    process.exitCode = await runRotateKey(newKey);
  });

const audit = program.command('audit').description('the tamper-evident audit log');
audit
  .command('verify')
  .description('check the keyed chain and the signed checkpoints; names the first broken link')
  .action(async () => {
    process.exitCode = await runAuditVerify();
  });
audit
  .command('root-key')
  .description(
    'print the audit chain root key (base64) to pin as DOORSTEP_AUDIT_KEY before rotating the data key',
  )
  .action(async () => {
    process.exitCode = await runAuditRootKey();
  });
audit
  .command('checkpoint')
  .description('sign the verified chain head into the checkpoint file (AUDIT_CHECKPOINT_FILE)')
  .action(async () => {
    process.exitCode = await runAuditCheckpoint();
  });

try {
  await program.parseAsync(process.argv);
} catch (err) {
  // a node started with another data key stops with a clear sentence, not a stack trace.
  if (!(err instanceof DataKeyMismatchError)) throw err;
  console.error(`refused: ${err.message}`);
  process.exitCode = 2;
}
