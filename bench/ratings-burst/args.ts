/** The rating burst's command line. */
import { parseArgs } from 'node:util';

export interface Args {
  dialects: ('sqlite' | 'postgres')[];
  /** The town's stations, each with its window's rating device. */
  stations: number;
  /** Cases per station rated by residents through their SMS / QR link. */
  links: number;
  /** How often each rating is sent at once (a double tap, a retried SMS link). */
  taps: number;
  pgUrl: string;
  json: boolean;
}

export function parseBurstArgs(): Args {
  const { values } = parseArgs({
    options: {
      db: { type: 'string', default: 'both' },
      stations: { type: 'string', default: '18' },
      links: { type: 'string', default: '20' },
      taps: { type: 'string', default: '2' },
      'pg-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(
      'node --import tsx bench/ratings-burst.bench.ts [--db sqlite|postgres|both] [--stations 18] [--links 20] [--taps 2]\n' +
        '  [--pg-url postgres://postgres@127.0.0.1:5432] [--json]',
    );
    process.exit(0);
  }
  const n = (raw: string, min: number, max: number, name: string) => {
    const v = Number(raw);
    if (!Number.isInteger(v) || v < min || v > max) throw new Error(`--${name}: ${min}…${max}`);
    return v;
  };
  if (!['sqlite', 'postgres', 'both'].includes(values.db))
    throw new Error('--db sqlite|postgres|both');
  const url = new URL(values['pg-url']);
  if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost')
    throw new Error('--pg-url must point at 127.0.0.1');
  return {
    dialects: values.db === 'both' ? ['sqlite', 'postgres'] : [values.db as 'sqlite' | 'postgres'],
    stations: n(values.stations, 1, 39, 'stations'),
    links: n(values.links, 0, 1000, 'links'),
    taps: n(values.taps, 1, 5, 'taps'),
    pgUrl: url.toString().replace(/\/$/, ''),
    json: values.json,
  };
}
