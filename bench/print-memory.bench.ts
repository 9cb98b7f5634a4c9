/**
 * Printing all day at a station (issue #10 point 17): the real server (`bin/doorstep.mjs serve`,
 * as production runs it, SQLite with the demo data) prints receipts — 500 by default, a few at a
 * time — while the bench samples the server process's RSS from /proc/<pid>/status (worker
 * threads included: they live in that process). Prints the idle, peak and final RSS, p50/p95
 * print latency, and the same for a floor: pdfkit drawing one receipt with the font in a bare
 * process. Goal: the server stays under 256 MB.
 *
 *   node --import tsx bench/print-memory.bench.ts [--prints 500] [--concurrency 4] [--cases 25]
 *        [--doorstep path/to/bin/doorstep.mjs]   (another checkout's server, e.g. before the fix)
 */
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO_PASSWORD } from '../src/modules/demo/seed-demo.ts';

const GOAL_MB = 256;
const LI = '110115194803120019'; // a demo resident of 伊庄村

function statusMb(pid: number | 'self', field: 'VmRSS' | 'VmHWM'): number {
  const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
  return kb / 1024;
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const mb = (n: number) => `${n.toFixed(0)} MB`;
const ms = (n: number) => `${n.toFixed(0)} ms`;

/** The floor: one process, pdfkit + the font, receipts drawn in-process, nothing else. */
async function floor(renders: number): Promise<void> {
  const { locateCjkFont } = await import('../src/modules/documents/pdf-font.ts');
  const { buildReceiptPdf } = await import('../src/modules/documents/receipt.pdf.ts');
  const font = locateCjkFont();
  if (!font) throw new Error('no CJK font: install fonts-noto-cjk');
  const material = (name: string) => ({
    name,
    requirement: '原件 1 份',
    required: true,
    notes: '',
  });
  const doc = {
    number: '20260302-00001',
    item: { code: 'DX-SB-001', version: 1, name: '城乡居民基本养老保险参保登记' },
    applicant: { name: '李秀英', idMasked: '110115********0019' },
    station: { name: '伊庄村便民服务站', address: '伊庄村委会一层', phone: '010-89211234' },
    decidingUnit: '魏善庄镇社会保障事务所',
    isTongban: false,
    state: 'accepted' as const,
    filedOn: '2026-03-02',
    acceptedOn: '2026-03-02',
    dueDate: '2026-03-09',
    promisedLimitDays: 5,
    legalLimitDays: 20,
    presented: [material('居民身份证'), material('一寸免冠照片')],
    notice: {
      complete: true,
      presented: [material('居民身份证'), material('一寸免冠照片')],
      missing: [],
      basis: '《社会保险法》',
      procedure: '受理—审核—办结',
      fee: '不收费',
    },
    provisionalYears: [],
    missingNow: [],
    trackingCode: '3141 5926',
    trackingUrl: 'http://localhost:3000/track?number=20260302-00001&code=31415926',
    ratingUrl: 'http://localhost:3000/r/rate?t=AAAAAAAAAAAAAAAA',
    issuedAt: new Date('2026-03-02T02:00:00.000Z'),
  };
  const before = statusMb('self', 'VmRSS');
  const times: number[] = [];
  let afterFirst = 0;
  for (let i = 0; i < renders; i++) {
    const t = performance.now();
    const pdf = await buildReceiptPdf(doc, font);
    times.push(performance.now() - t);
    if (!pdf.subarray(0, 5).equals(Buffer.from('%PDF-'))) throw new Error('not a PDF');
    if (i === 0) afterFirst = statusMb('self', 'VmRSS');
  }
  const sorted = [...times].sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      before,
      afterFirst,
      after: statusMb('self', 'VmRSS'),
      peak: statusMb('self', 'VmHWM'),
      p50: pct(sorted, 50),
      p95: pct(sorted, 95),
      renders,
    }),
  );
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

async function station(opts: {
  prints: number;
  concurrency: number;
  cases: number;
  doorstep: string;
}): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'doorstep-print-bench-'));
  const port = await freePort();
  // Started as production starts it: with the node flags of the command's shebang line.
  const shebang = fs.readFileSync(opts.doorstep, 'utf8').split('\n')[0] ?? '';
  const nodeFlags = shebang.split(/\s+/).filter((word) => word.startsWith('--'));
  const child = spawn(process.execPath, [...nodeFlags, opts.doorstep, 'serve'], {
    cwd: path.dirname(path.dirname(opts.doorstep)),
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      DOORSTEP_ENV: 'development',
      DOORSTEP_DATA_KEY: crypto.randomBytes(32).toString('base64'),
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
      SWEEP_INTERVAL_SECONDS: '0',
      AUDIT_CHECKPOINT_INTERVAL_SECONDS: '0',
      WEB_DIST: path.join(dataDir, 'no-web'),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const pid = child.pid!;
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void stop().then(() => process.exit(130)));
  try {
    const deadline = Date.now() + 120_000;
    for (;;) {
      try {
        if ((await fetch(`${base}/readyz`)).ok) break;
      } catch {
        // not listening yet
      }
      if (child.exitCode !== null || Date.now() > deadline) throw new Error('server did not start');
      await new Promise((r) => setTimeout(r, 250));
    }
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'clerk', password: DEMO_PASSWORD }),
    });
    const cookie = /ds_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')?.[0];
    if (!cookie) throw new Error(`login failed: ${login.status}`);
    const call = (method: string, url: string, body?: unknown) =>
      fetch(`${base}/api/v1${url}`, {
        method,
        headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    const resident = (await (await call('POST', '/residents/lookup', { idNumber: LI })).json()) as {
      id: string;
    };
    const caseIds: string[] = [];
    for (let i = 0; i < opts.cases; i++) {
      const res = await call('POST', '/cases', {
        residentId: resident.id,
        itemCode: 'DX-SB-001',
        presented: ['id_card', 'photo_1inch'],
      });
      if (res.status !== 201 && res.status !== 200) throw new Error(`filing: ${res.status}`);
      caseIds.push(((await res.json()) as { id: string }).id);
    }
    await new Promise((r) => setTimeout(r, 2000));
    const idle = statusMb(pid, 'VmRSS');
    let peak = idle;
    const samples: number[] = [];
    const sampler = setInterval(() => {
      const rss = statusMb(pid, 'VmRSS');
      samples.push(rss);
      peak = Math.max(peak, rss);
    }, 50);

    const latencies: number[] = [];
    let next = 0;
    let failed = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: opts.concurrency }, async () => {
        while (next < opts.prints) {
          const started = next;
          const id = caseIds[next++ % caseIds.length]!;
          const t = performance.now();
          const res = await call('GET', `/cases/${id}/receipt.pdf`);
          const bytes = Buffer.from(await res.arrayBuffer());
          latencies.push(performance.now() - t);
          if (performance.now() - t > 5000)
            process.stderr.write(
              `  slow print (started #${started + 1}): ${ms(performance.now() - t)}\n`,
            );
          if (res.status !== 200 || !bytes.subarray(0, 5).equals(Buffer.from('%PDF-'))) failed++;
          if (latencies.length % 50 === 0)
            process.stderr.write(
              `  ${latencies.length}/${opts.prints} printed, RSS ${mb(statusMb(pid, 'VmRSS'))}\n`,
            );
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const sorted = [...latencies].sort((a, b) => a - b);
    const hwm = statusMb(pid, 'VmHWM');
    const final = statusMb(pid, 'VmRSS');

    const floorRun = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'bench/print-memory.bench.ts', '--floor', '20'],
      { encoding: 'utf8' },
    );
    if (floorRun.status !== 0) throw new Error(`floor failed: ${floorRun.stderr}`);
    const f = JSON.parse(floorRun.stdout.trim().split('\n').pop()!) as Record<string, number>;

    console.log(
      `\nprint-memory: ${opts.prints} receipts, ${opts.concurrency} at a time, ${opts.doorstep}`,
    );
    console.log(
      `  server  idle RSS ${mb(idle)}  peak RSS ${mb(peak)} (VmHWM ${mb(hwm)})  final ${mb(final)}`,
    );
    console.log(
      `          print p50 ${ms(pct(sorted, 50))}  p95 ${ms(pct(sorted, 95))}  max ${ms(sorted.at(-1) ?? NaN)}  ${(opts.prints / seconds).toFixed(1)} prints/s  failed ${failed}`,
    );
    console.log(
      `  floor   bare process: RSS ${mb(f.before!)} → ${mb(f.afterFirst!)} after one receipt → ${mb(f.after!)} after ${f.renders} (VmHWM ${mb(f.peak!)}); p50 ${ms(f.p50!)} p95 ${ms(f.p95!)}`,
    );
    console.log(
      `  goal    server peak RSS < ${GOAL_MB} MB: ${peak < GOAL_MB ? 'MET' : 'NOT MET'} (${mb(peak)}; ${(peak - f.peak!).toFixed(0)} MB above the floor's peak)`,
    );
  } finally {
    await stop();
  }
}

const { values } = parseArgs({
  options: {
    prints: { type: 'string', default: '500' },
    concurrency: { type: 'string', default: '4' },
    cases: { type: 'string', default: '25' },
    doorstep: { type: 'string', default: 'bin/doorstep.mjs' },
    floor: { type: 'string' },
  },
});
if (values.floor) await floor(Number(values.floor));
else
  await station({
    prints: Number(values.prints),
    concurrency: Number(values.concurrency),
    cases: Number(values.cases),
    doorstep: path.resolve(values.doorstep),
  });
