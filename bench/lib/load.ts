import http from 'node:http';
import { performance } from 'node:perf_hooks';
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
   * Open loop: requests (of a one-request sequence) due at a steady `overallRate` a second in all,
   * request k at k ÷ rate, over at most `connections` keep-alive sockets; each latency counts from
   * when the request was due, so one held up behind a slow one is charged its wait (no coordinated
   * omission). Not autocannon's own `overallRate`: that lets each connection send its share of a
   * second at once when the second starts, so the load arrives in bursts. Unset: a closed loop,
   * each connection sending its next request as soon as the last one answered.
   */
  overallRate?: number | undefined;
}

/**
 * Fixed-duration load from this process against a server on 127.0.0.1: each connection sends the
 * `sequence` of requests in turn, again and again, one at a time (or, with `overallRate`, one
 * request at a steady rate).
 */
export async function load(url: string, sequence: Request[], opts: LoadOptions): Promise<Result> {
  if (!url.startsWith('http://127.0.0.1:')) throw new Error(`refusing to load ${url}`);
  if (opts.overallRate !== undefined) return paced(url, sequence, opts, opts.overallRate);
  return run({
    url,
    connections: opts.connections,
    duration: opts.seconds,
    timeout: 10,
    requests: sequence,
  });
}

/** The open loop of `load`, answered in the shape of autocannon's result that `figuresOf` reads. */
async function paced(
  url: string,
  sequence: Request[],
  opts: LoadOptions,
  rate: number,
): Promise<Result> {
  if (sequence.length !== 1) throw new Error('an open loop sends one request at a time');
  const template = sequence[0]!;
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.connections });
  const latencies: number[] = [];
  const codes = new Map<number, number>();
  let non2xx = 0;
  let errors = 0;
  const send = (due: number) =>
    new Promise<void>((resolve) => {
      const base = {
        method: template.method ?? 'GET',
        path: template.path ?? '/',
        headers: template.headers ?? {},
        ...(template.body === undefined ? {} : { body: template.body }),
      };
      const request = template.setupRequest ? template.setupRequest(base, {}) : base;
      const body = request.body;
      const req = http.request(
        new URL(request.path, url),
        {
          method: request.method,
          agent,
          headers: {
            ...request.headers,
            ...(body ? { 'content-length': Buffer.byteLength(body) } : {}),
          },
          timeout: 10_000,
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            codes.set(status, (codes.get(status) ?? 0) + 1);
            if (status < 200 || status > 299) non2xx++;
            latencies.push(performance.now() - due);
            resolve();
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end(body);
    });
  const began = performance.now();
  const until = began + opts.seconds * 1000;
  const inFlight: Promise<void>[] = [];
  for (let k = 0; ; k++) {
    const due = began + (k * 1000) / rate;
    if (due >= until) break;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(send(due));
  }
  await Promise.all(inFlight);
  agent.destroy();
  const sorted = latencies.sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0;
  return {
    requests: { total: sorted.length },
    duration: opts.seconds,
    latency: { p50: at(0.5), p99: at(0.99) },
    non2xx,
    errors,
    statusCodeStats: Object.fromEntries([...codes].map(([code, count]) => [code, { count }])),
  } as unknown as Result;
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
