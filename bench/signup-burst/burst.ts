/** The load (one sign-up per token over keep-alive HTTP) and the count check afterwards. */
import http from 'node:http';
import type { DatabaseConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/connection.ts';
import { verifyAuditChain } from '../../src/modules/audit/audit-verify.ts';
import { ACTIVITY_ID, spreadActivityId, type Args } from './args.ts';
import { spreadCount } from './spread.ts';

export interface Figures {
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  statuses: Record<string, number>;
}

/** Fires one sign-up per token, `connections` at a time, over keep-alive HTTP (token i to activity i). */
export async function burst(
  base: string,
  tokens: string[],
  connections: number,
  activity: string | ((i: number) => string) = ACTIVITY_ID,
): Promise<Figures> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const urlOf = (i: number) =>
    new URL(
      `${base}/api/v1/vs/activities/${typeof activity === 'string' ? activity : activity(i)}/signup`,
    );
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const one = (i: number) =>
    new Promise<void>((resolve, reject) => {
      const t0 = performance.now();
      const req = http.request(
        urlOf(i),
        {
          method: 'POST',
          agent,
          headers: { authorization: `Bearer ${tokens[i]!}`, 'content-length': 0 },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(performance.now() - t0);
            statuses[String(res.statusCode)] = (statuses[String(res.statusCode)] ?? 0) + 1;
            resolve();
          });
        },
      );
      req.on('error', reject);
      req.end();
    });
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      for (let i = next++; i < tokens.length; i = next++) await one(i);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!;
  return { seconds, perSecond: tokens.length / seconds, p50: pct(0.5), p99: pct(0.99), statuses };
}

export interface Count {
  confirmed: number;
  waitlisted: number;
  rows: number;
  confirmedCount: number;
  queueOk: boolean;
  auditEvents: number;
  /** `audit verify` on the database afterwards (the audit keys are the seed's, installed here). */
  auditChainOk: boolean;
  /** A spread burst: the city's sign-ups in the rollups and from the activities' counters. */
  city?: { rollup: number; live: number };
}

/** The activities a run signs up to. */
export const burstActivities = (args: Args) =>
  args.spread > 0
    ? Array.from({ length: args.spread }, (_, i) => spreadActivityId(i))
    : [ACTIVITY_ID];

export async function countCheck(url: string, args: Args): Promise<Count> {
  const config: DatabaseConfig = url.startsWith('sqlite:')
    ? { dialect: 'sqlite', file: url.slice('sqlite:'.length) }
    : { dialect: 'postgres', url, poolSize: 2 };
  const db = openDatabase(config);
  const ids = burstActivities(args);
  try {
    const audit = await db.kysely
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'vs_signup.created')
      .where('entity_id', 'in', (eb) =>
        eb.selectFrom('vs_signups').select('id').where('activity_id', 'in', ids),
      )
      .executeTakeFirstOrThrow();
    const auditChainOk = (await verifyAuditChain(db.kysely)).ok;
    if (args.spread > 0) {
      const c = await spreadCount(db.kysely, ids);
      return {
        confirmed: c.confirmed,
        waitlisted: c.signups - c.confirmed,
        rows: c.signups,
        confirmedCount: c.counterMismatches === 0 ? c.confirmed : -1,
        queueOk: c.signups === c.confirmed,
        auditEvents: Number(audit.n),
        auditChainOk,
        city: { rollup: c.cityRollup, live: c.cityLive },
      };
    }
    const rows = await db.kysely
      .selectFrom('vs_signups')
      .select(['status', 'queue_position'])
      .where('activity_id', '=', ACTIVITY_ID)
      .execute();
    const a = await db.kysely
      .selectFrom('vs_activities')
      .select('confirmed_count')
      .where('id', '=', ACTIVITY_ID)
      .executeTakeFirstOrThrow();
    const queue = rows
      .filter((r) => r.status === 'waitlisted')
      .map((r) => Number(r.queue_position))
      .sort((x, y) => x - y);
    return {
      confirmed: rows.filter((r) => r.status === 'confirmed').length,
      waitlisted: queue.length,
      rows: rows.length,
      confirmedCount: a.confirmed_count,
      queueOk:
        queue.every((q, i) => q === i + 1) &&
        queue.length === args.requests - Math.min(args.places, args.requests),
      auditEvents: Number(audit.n),
      auditChainOk,
    };
  } finally {
    await db.close();
  }
}
