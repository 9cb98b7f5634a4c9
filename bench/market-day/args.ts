/** The market-day bench's command line. */
import { parseArgs } from 'node:util';

export interface Args {
  dialects: ('sqlite' | 'postgres')[];
  /** Village stations of 魏善庄镇 open on the market day. */
  stations: number;
  /** Clerks calling next at each station at once. */
  clerks: number;
  /** Walk-ins (B lane) per station. */
  walkIns: number;
  /** Residents booked for today per station (checked in: A lane). */
  booked: number;
  /** Phone bookings racing for the next bookable day's first slots, per station. */
  callers: number;
  /** How many of that day's slots they race for (capacity 2 each). */
  raceSlots: number;
  pgUrl: string;
  json: boolean;
}

export const SLOT_CAPACITY = 2;

export function parseMarketArgs(): Args {
  const { values } = parseArgs({
    options: {
      db: { type: 'string', default: 'both' },
      stations: { type: 'string', default: '6' },
      clerks: { type: 'string', default: '3' },
      'walk-ins': { type: 'string', default: '60' },
      booked: { type: 'string', default: '20' },
      callers: { type: 'string', default: '24' },
      'race-slots': { type: 'string', default: '4' },
      'pg-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(
      'node --import tsx bench/market-day.bench.ts [--db sqlite|postgres|both] [--stations 6] [--clerks 3]\n' +
        '  [--walk-ins 60] [--booked 20] [--callers 24] [--race-slots 4] [--pg-url postgres://postgres@127.0.0.1:5432] [--json]',
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
    clerks: n(values.clerks, 1, 16, 'clerks'),
    walkIns: n(values['walk-ins'], 1, 5000, 'walk-ins'),
    booked: n(values.booked, 0, 500, 'booked'),
    callers: n(values.callers, 0, 500, 'callers'),
    raceSlots: n(values['race-slots'], 1, 10, 'race-slots'),
    pgUrl: url.toString().replace(/\/$/, ''),
    json: values.json,
  };
}
