/**
 * A browser journey's server built in-process, as `doorstep serve` builds it (migrate, demo data,
 * the same app with the built web), but on a clock the test can move: `clock.advance(3 h)` makes
 * three hours pass for the app without touching its database (issue #12 point 8). Time still runs
 * at the real pace in between, so rotating codes and the browser's own timers behave as in life.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { loadConfig } from '../../src/config.ts';
import { buildApp } from '../../src/server/app.ts';
import { prepare } from '../../src/server/bootstrap.ts';
import { freePort, type RunningServer } from './e2e.ts';

export interface AppClock {
  now: () => Date;
  /** Moves the app's time forward (never back: the audit chain and sessions expect that). */
  advance: (ms: number) => void;
}

export interface ClockedServer extends RunningServer {
  clock: AppClock;
}

export async function startClockedServer(): Promise<ClockedServer> {
  if (!fs.existsSync('web/dist/index.html'))
    throw new Error('web/dist is missing: run `npm run build:web` first');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorstep-e2e-'));
  const port = await freePort();
  const config = loadConfig({
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DOORSTEP_ENV: 'development',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    DATABASE_URL: '',
  });
  const { db, pii } = await prepare(config, { demo: true });
  let offsetMs = 0;
  const clock: AppClock = {
    now: () => new Date(Date.now() + offsetMs),
    advance: (ms) => {
      if (!(ms > 0)) throw new Error('the app clock only moves forward');
      offsetMs += ms;
    },
  };
  const output: string[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _enc, done) {
      output.push(chunk.toString());
      done();
    },
  });
  const app = await buildApp({ config, db, pii, now: clock.now }, { logStream });
  await app.listen({ host: '127.0.0.1', port });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    dataDir,
    output,
    clock,
    async stop() {
      await app.close();
      await db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
