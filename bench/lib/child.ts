import { fork, type ChildProcess } from 'node:child_process';

/** Messages between the bench and a server child. */
export type ToChild = { type: 'stop' };
export type FromChild = { type: 'listening'; port: number };

export interface RunningServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Starts a server in its own process (so it does not share an event loop with the load
 * generator) and resolves once it listens on 127.0.0.1.
 */
export function startServer(entry: string, env: Record<string, string>): Promise<RunningServer> {
  const child = fork(entry, [], {
    // BENCH_CPU_PROF_DIR=<dir> writes a V8 CPU profile of each server there (see bench/README.md).
    execArgv: [
      '--import',
      'tsx',
      ...(process.env.BENCH_CPU_PROF_DIR
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}`]
        : []),
    ],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  // A child that is already going (Ctrl-C reaches the whole process group) may refuse the stop
  // message; that must not crash the bench before it has cleaned up.
  child.on('error', (error) => console.error(`${entry}: ${error.message}`));
  const stop = async () => {
    if (child.connected) child.send({ type: 'stop' } satisfies ToChild, () => undefined);
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited(child);
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${entry} did not start within ${START_TIMEOUT_MS / 1000} s`));
    }, START_TIMEOUT_MS);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited before listening (code ${code}, signal ${signal})`));
    });
    child.on('message', (message: FromChild) => {
      if (message.type !== 'listening') return;
      clearTimeout(timer);
      resolve({ url: `http://127.0.0.1:${message.port}`, pid: child.pid ?? -1, stop });
    });
  });
}

/**
 * The child's side: reports the port to the parent (or prints it when run by hand) and closes
 * when told to stop, when the parent goes away, or on SIGINT/SIGTERM.
 */
export function serveUntilStopped(port: number, close: () => Promise<void>): void {
  let closing = false;
  const shutdown = () => {
    if (closing) return;
    closing = true;
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  if (process.send) {
    process.send({ type: 'listening', port } satisfies FromChild);
    process.on('message', (message: ToChild) => {
      if (message.type === 'stop') shutdown();
    });
    process.on('disconnect', shutdown);
  } else {
    console.log(`listening on http://127.0.0.1:${port}`);
  }
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}
