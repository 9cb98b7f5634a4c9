import autocannon, { type Options, type Request, type Result } from 'autocannon';
import { residentBody, type IdSource } from './ids.ts';

export type ScenarioName = 'register' | 'lookup';

export interface Figures {
  requestsPerSecond: number;
  /** Milliseconds. */
  p50: number;
  p99: number;
  completed: number;
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
  statusCodes: Record<string, number>;
  /** The server process's CPU time per completed request (ms), where the bench measures it. */
  cpuMsPerRequest?: number;
}

export interface ScenarioInput {
  token: string;
  ids: IdSource;
  /** ID numbers already registered in the target's database. */
  registered: readonly string[];
}

/** The request each scenario sends; bodies are generated per request. */
function requests(name: ScenarioName, input: ScenarioInput): Request[] {
  const headers = {
    authorization: `Bearer ${input.token}`,
    'content-type': 'application/json',
  };
  if (name === 'register') {
    return [
      {
        method: 'POST',
        path: '/api/v1/residents',
        headers,
        setupRequest: (request) => ({ ...request, body: JSON.stringify(residentBody(input.ids)) }),
      },
    ];
  }
  let next = 0;
  return [
    {
      method: 'POST',
      path: '/api/v1/residents/lookup',
      headers,
      setupRequest: (request) => {
        const idNumber = input.registered[next++ % input.registered.length]!;
        return { ...request, body: JSON.stringify({ idNumber }) };
      },
    },
  ];
}

function run(options: Options): Promise<Result> {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

export interface LoadOptions {
  seconds: number;
  connections: number;
  /**
   * Open loop: this many requests a second in all, whatever the answers' pace (autocannon then
   * charges a late request its wait: no coordinated omission). Unset: each connection sends its
   * next request as soon as the last one answered.
   */
  overallRate?: number | undefined;
}

/**
 * Fixed-duration load from this process against a server on 127.0.0.1: each connection sends the
 * `sequence` of requests in turn, again and again, one at a time.
 */
export function load(url: string, sequence: Request[], opts: LoadOptions): Promise<Result> {
  if (!url.startsWith('http://127.0.0.1:')) throw new Error(`refusing to load ${url}`);
  return run({
    url,
    connections: opts.connections,
    duration: opts.seconds,
    ...(opts.overallRate === undefined ? {} : { overallRate: opts.overallRate }),
    timeout: 10,
    requests: sequence,
  });
}

/** Per HTTP request: autocannon's own counts and latency histogram. */
export function figuresOf(result: Result): Figures {
  return {
    requestsPerSecond: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    completed: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    statusCodes: Object.fromEntries(
      Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count]),
    ),
  };
}

/** Fixed-duration load of one of the residents bench's scenarios. */
export async function measure(
  url: string,
  name: ScenarioName,
  input: ScenarioInput,
  opts: LoadOptions,
): Promise<Figures> {
  return figuresOf(await load(url, requests(name, input), opts));
}
