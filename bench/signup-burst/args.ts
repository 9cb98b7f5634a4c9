/** The sign-up burst's command line and the fixed ids of its two activities. */
import { parseArgs } from 'node:util';

export const ACTIVITY_ID = '5e1c0000-0000-4000-8000-00000000b057';
/** A second, roomy activity a day later: a short unrecorded warm-up signs up there first. */
export const WARM_ID = '5e1c0000-0000-4000-8000-00000000a11a';
export const WARM_UP = 200;

/** The i-th activity of a spread burst (`--spread K`): K activities in K towns across the city. */
export const spreadActivityId = (i: number) =>
  `5e1c0000-0000-4000-8000-${(0x5b00000000 + i).toString(16).padStart(12, '0')}`;

export interface Args {
  dialects: ('sqlite' | 'postgres')[];
  requests: number;
  places: number;
  connections: number;
  pgUrl: string;
  appFirst: boolean;
  /** 0: every sign-up to one activity. K > 0: K roomy activities in K towns of the city instead. */
  spread: number;
}

export function parse(): Args {
  const { values } = parseArgs({
    options: {
      db: { type: 'string', default: 'both' },
      requests: { type: 'string', default: '10000' },
      places: { type: 'string', default: '100' },
      connections: { type: 'string', default: '64' },
      'pg-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432' },
      'app-first': { type: 'boolean', default: false },
      spread: { type: 'string', default: '0' },
    },
    strict: true,
  });
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
    requests: n(values.requests, 1, 100_000, 'requests'),
    places: n(values.places, 1, 10_000, 'places'),
    connections: n(values.connections, 1, 512, 'connections'),
    pgUrl: url.toString().replace(/\/$/, ''),
    appFirst: values['app-first'],
    spread: n(values.spread, 0, 1000, 'spread'),
  };
}
