import { processIo } from './cli-io.ts';
import { runCli } from './program.ts';

// The `doorstep` command (bin/doorstep.mjs runs this file compiled). `serve` keeps the process
// alive through its listening server; every other command ends with its exit code.
process.exitCode = await runCli(process.argv.slice(2), processIo);
