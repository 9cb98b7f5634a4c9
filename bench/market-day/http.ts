/** A keep-alive JSON client for the load: every request's latency and status recorded by kind. */
import http from 'node:http';

export interface Sample {
  kind: string;
  ms: number;
  status: number;
}

export class Client {
  readonly samples: Sample[] = [];
  readonly #agent: http.Agent;
  constructor(
    private readonly base: string,
    sockets: number,
  ) {
    this.#agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  }

  request<T>(
    kind: string,
    method: 'GET' | 'POST',
    path: string,
    token: string | null,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; json: T }> {
    const text = body === undefined ? '' : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const t0 = performance.now();
      const req = http.request(
        new URL(`${this.base}/api/v1${path}`),
        {
          method,
          agent: this.#agent,
          headers: {
            ...headers,
            ...(token === null ? {} : { authorization: `Bearer ${token}` }),
            ...(body === undefined
              ? {}
              : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            this.samples.push({ kind, ms: performance.now() - t0, status });
            const raw = Buffer.concat(chunks).toString();
            try {
              resolve({ status, json: (raw ? JSON.parse(raw) : null) as T });
            } catch {
              reject(new Error(`${kind}: ${status} not JSON: ${raw.slice(0, 200)}`));
            }
          });
        },
      );
      req.on('error', reject);
      req.end(text);
    });
  }

  close() {
    this.#agent.destroy();
  }
}

export const percentile = (sorted: number[], p: number) =>
  sorted.length
    ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
    : 0;

export function summary(samples: Sample[], seconds: number) {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const statuses: Record<string, number> = {};
  for (const s of samples)
    statuses[`${s.kind} ${s.status}`] = (statuses[`${s.kind} ${s.status}`] ?? 0) + 1;
  return {
    requests: samples.length,
    seconds,
    perSecond: samples.length / seconds,
    p50: percentile(ms, 50),
    p99: percentile(ms, 99),
    statuses,
  };
}
