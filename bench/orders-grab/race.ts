/** The race (every team grabs every order) over HTTP, and the database's count check after it. */
import type { DatabaseConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/connection.ts';

export interface Figures {
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  ordersPerSecond: number;
  p50: number;
  p99: number;
  statusCodes: Record<string, number>;
  /** Orders with exactly one 200 over HTTP. */
  oneWinner: number;
  orders: number;
}

const pct = (sorted: number[], p: number) =>
  sorted.length
    ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
    : 0;

/** Every team grabs every order; an order's grabs are queued together so they race. */
export async function race(
  url: string,
  orderIds: string[],
  tokens: string[],
  concurrency: number,
): Promise<Figures> {
  const queue: { order: number; token: string }[] = [];
  orderIds.forEach((_, o) => {
    const shuffled = [...tokens].sort(() => Math.random() - 0.5);
    for (const token of shuffled) queue.push({ order: o, token });
  });
  const latencies: number[] = [];
  const codes: Record<string, number> = {};
  const wins = new Array<number>(orderIds.length).fill(0);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < queue.length; i = next++) {
        const { order, token } = queue[i]!;
        const t0 = performance.now();
        let status = 0;
        try {
          const r = await fetch(`${url}/api/v1/vs/orders/${orderIds[order]}/grab`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: '{}',
          });
          status = r.status;
          await r.arrayBuffer();
        } catch {
          status = -1;
        }
        latencies.push(performance.now() - t0);
        codes[status] = (codes[status] ?? 0) + 1;
        if (status === 200) wins[order]!++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: queue.length,
    seconds,
    requestsPerSecond: queue.length / seconds,
    ordersPerSecond: orderIds.length / seconds,
    p50: pct(latencies, 50),
    p99: pct(latencies, 99),
    statusCodes: codes,
    oneWinner: wins.filter((w) => w === 1).length,
    orders: orderIds.length,
  };
}

/** In the database: each measured order accepted by exactly one team, with one 'grabbed' row. */
export async function dbCheck(url: string, orderIds: string[]) {
  const config: DatabaseConfig = url.startsWith('sqlite:')
    ? { dialect: 'sqlite', file: url.slice('sqlite:'.length) }
    : { dialect: 'postgres', url, poolSize: 2 };
  const db = openDatabase(config);
  try {
    let accepted = 0;
    let oneRow = 0;
    for (let i = 0; i < orderIds.length; i += 500) {
      const chunk = orderIds.slice(i, i + 500);
      const rows = await db.kysely
        .selectFrom('vs_orders')
        .select(['state', 'team_id'])
        .where('id', 'in', chunk)
        .execute();
      accepted += rows.filter((r) => r.state === 'accepted' && r.team_id).length;
      const grabs = await db.kysely
        .selectFrom('vs_order_actions')
        .select(['order_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('order_id', 'in', chunk)
        .where('action', '=', 'grabbed')
        .groupBy('order_id')
        .execute();
      oneRow += grabs.filter((g) => Number(g.n) === 1).length;
    }
    return { accepted, oneRow };
  } finally {
    await db.close();
  }
}
