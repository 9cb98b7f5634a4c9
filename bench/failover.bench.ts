/**
 * Issue #16 on a real cluster (deploy/local-cluster: Patroni ×3 with synchronous replication,
 * HAProxy, pgbouncer, three Doorstep nodes behind HAProxy). Prints, with the machine's load:
 *   1. intake throughput — a burst of VS-6 sign-ups (one per volunteer, each its own Bearer token
 *      and Idempotency-Key) spread over 1, 2 and 3 app nodes; the 1-node figure is the floor of the
 *      same run and 2 and 3 nodes are printed as a ratio to it;
 *   2. failover — sign-ups through the load balancer while the leader is SIGKILLed: time from the
 *      kill to the first successful write (goal < 30 s), acknowledged writes lost (goal 0) and
 *      duplicated (goal 0), and what the clients saw meanwhile.
 * Nothing here asserts a timing; it exits 1 only when an acknowledged write is lost or doubled, or
 * a request answered 500.
 *
 *   node --import tsx bench/failover.bench.ts [--requests 1500] [--connections 32] [--runs 1]
 *
 * Needs the Debian packages of deploy/local-cluster (postgresql-15 patroni etcd-server etcd-client
 * haproxy pgbouncer); run as root (the database tier runs as `postgres`). Uses the cluster test's
 * ports (test/cluster/harness.ts): do not run both at once.
 */
import { parseArgs } from 'node:util';
import {
  clusterDown,
  clusterUp,
  killLeader,
  missingPackages,
  openClusterDb,
  type Cluster,
} from '../test/cluster/harness.ts';
import { closeAgents, signupBurst, signupsThroughFailover } from '../test/cluster/load.ts';
import { seedCluster } from '../test/cluster/seed.ts';
import { commandLine, machine } from './lib/report.ts';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '1500' },
    connections: { type: 'string', default: '32' },
  },
  strict: true,
});
const requests = Number(values.requests);
const connections = Number(values.connections);

function load() {
  return machine().loadAverage.join(' ');
}

async function main() {
  const m = machine();
  console.log(
    'Doorstep bench: the city cluster — intake over 1/2/3 app nodes, and a failover (issue #16)',
  );
  console.log(`command: ${commandLine()}`);
  console.log(
    `machine: ${m.cores} cores (${m.cpu}), node ${m.node}, load average ${m.loadAverage.join(' ')}`,
  );
  const missing = missingPackages();
  if (missing.length) {
    console.log(`!!! SKIPPED: missing Debian packages: ${missing.join(' ')}`);
    process.exit(2);
  }
  const failoverTokens = 4000;
  let cluster: Cluster | undefined;
  const stop = () => {
    closeAgents();
    if (cluster) clusterDown(cluster);
    cluster = undefined;
  };
  process.on('SIGINT', () => (stop(), process.exit(130)));
  try {
    const started = performance.now();
    cluster = clusterUp({ appNodes: 3, env: { SWEEP_INTERVAL_SECONDS: '5' } });
    console.log(
      `cluster up in ${((performance.now() - started) / 1000).toFixed(1)} s (load ${load()})`,
    );
    const seeded = await seedCluster(cluster, {
      volunteers: 3 * requests + 200 + failoverTokens,
      activities: { warm: 100_000, n1: 100_000, n2: 100_000, n3: 100_000, failover: 100_000 },
    });
    const c = cluster;
    let offset = 0;
    const take = (n: number) => seeded.volunteers.slice(offset, (offset += n));
    // Warm-up, unrecorded: every node compiles its routes and fills its pools.
    await signupBurst([c.node(1), c.node(2), c.node(3)], seeded.activityIds.warm!, take(200), 16);

    console.log(
      `\n1. intake: ${requests} sign-ups per run, ${connections} connections spread round-robin over the nodes, each node straight (not via HAProxy)`,
    );
    console.log('nodes | req/s  | statuses        | ratio vs 1 node | load average');
    let floor = 0;
    for (const n of [1, 2, 3]) {
      const bases = Array.from({ length: n }, (_, i) => c.node(i + 1));
      const tokens = take(requests);
      const r = await signupBurst(bases, seeded.activityIds[`n${n}`]!, tokens, connections);
      const perSecond = requests / r.seconds;
      if (n === 1) floor = perSecond;
      const statuses: Record<number, number> = {};
      for (const a of r.answers) statuses[a.status] = (statuses[a.status] ?? 0) + 1;
      console.log(
        `${String(n).padEnd(5)} | ${perSecond.toFixed(0).padStart(6)} | ${JSON.stringify(statuses).padEnd(15)} | ${(perSecond / floor).toFixed(2).padStart(15)} | ${load()}`,
      );
    }

    console.log(
      `\n2. failover: sign-ups through HAProxy (${connections} connections), the leader SIGKILLed after 300 acknowledged`,
    );
    let killed = 0;
    const run = await signupsThroughFailover({
      base: c.lb,
      activityId: seeded.activityIds.failover!,
      tokens: take(failoverTokens),
      connections,
      killAfterAcks: 300,
      kill: () => {
        killed = killLeader(c);
      },
      afterRecoveryMs: 5000,
      retryBudgetMs: 120_000,
    });
    const db = openClusterDb(c);
    const rows = await db.kysely
      .selectFrom('vs_signups')
      .innerJoin('vs_volunteers', 'vs_volunteers.id', 'vs_signups.volunteer_id')
      .select('vs_volunteers.volunteer_number as number')
      .where('vs_signups.activity_id', '=', seeded.activityIds.failover!)
      .execute();
    await db.close();
    const numbers = rows.map((r) => r.number);
    const present = new Set(numbers);
    const base = 3 * requests + 200;
    const lost = run.acknowledged.filter((i) => !present.has(`C${i + base}`)).length;
    const duplicated = numbers.length - present.size;
    console.log(`killed leader:                        pg${killed}`);
    console.log(
      `time from kill to first successful write: ${run.firstWriteAfterKillMs === null ? 'none' : `${(run.firstWriteAfterKillMs / 1000).toFixed(1)} s`} (goal < 30 s)`,
    );
    console.log(
      `last 503 after the kill:              ${run.last503Ms === null ? 'none' : `${(run.last503Ms / 1000).toFixed(1)} s`}`,
    );
    console.log(`acknowledged writes:                  ${run.acknowledged.length}`);
    console.log(`acknowledged writes lost:             ${lost} (goal 0)`);
    console.log(`writes duplicated:                    ${duplicated} (goal 0)`);
    console.log(`never acknowledged within 120 s:      ${run.unacknowledged}`);
    console.log(`answers other than 201/503 ≥ 500:     ${run.otherServerErrors.length}`);
    console.log(`503 without Retry-After:              ${run.unavailableWithoutRetryAfter}`);
    console.log(
      `attempts (with retries):              ${run.attempts}  ${JSON.stringify(run.statuses)}`,
    );
    console.log(`load average at the end:              ${load()}`);
    if (lost || duplicated || run.otherServerErrors.length || run.firstWriteAfterKillMs === null)
      process.exitCode = 1;
  } finally {
    stop();
  }
}

await main();
