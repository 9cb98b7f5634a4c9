/** The order-grabbing bench's command line (--help prints it). */
import { parseArgs } from 'node:util';

export interface GrabArgs {
  dialects: ('sqlite' | 'postgres')[];
  orders: number;
  teams: number;
  concurrency: number;
  warmupOrders: number;
  pgUrl: string;
  json: boolean;
}

export function parseGrabArgs(): GrabArgs {
  const { values } = parseArgs({
    options: {
      db: { type: 'string', default: 'both' },
      orders: { type: 'string', default: '300' },
      teams: { type: 'string', default: '20' },
      concurrency: { type: 'string', default: '40' },
      'warmup-orders': { type: 'string', default: '30' },
      'pg-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(
      'usage: node --import tsx bench/orders-grab.bench.ts [--db sqlite|postgres|both] [--orders 300] [--teams 20] [--concurrency 40] [--warmup-orders 30] [--pg-url postgres://postgres@127.0.0.1:5432] [--json]',
    );
    process.exit(0);
  }
  const int = (name: string, raw: string, min: number, max: number) => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max)
      throw new Error(`--${name} must be an integer from ${min} to ${max}`);
    return n;
  };

  const dialects = (values.db === 'both' ? ['sqlite', 'postgres'] : [values.db]) as (
    'sqlite' | 'postgres'
  )[];
  const pgUrl = values['pg-url'].replace(/\/$/, '');
  if (!dialects.every((d) => d === 'sqlite' || d === 'postgres'))
    throw new Error('--db must be sqlite, postgres or both');
  if (!/^postgres(ql)?:\/\/[^/]*@?(127\.0\.0\.1|localhost)(:\d+)?$/.test(pgUrl))
    throw new Error('--pg-url must point at 127.0.0.1');
  return {
    dialects,
    orders: int('orders', values.orders, 1, 20_000),
    teams: int('teams', values.teams, 2, 500),
    concurrency: int('concurrency', values.concurrency, 1, 512),
    warmupOrders: int('warmup-orders', values['warmup-orders'], 0, 1000),
    pgUrl,
    json: values.json,
  };
}
