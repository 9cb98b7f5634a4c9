/**
 * The HTTP client of the read benches on a generated data set (scale.bench.ts, goals.bench.ts):
 * log a generated staff account in, then call the API with its session cookie. Anything but 200
 * throws with the path, the status and the body, so a bench never times an error page.
 *
 * Plain node:http over one keep-alive agent, not `fetch`: the benches run the client in the
 * server's own process, and on Node 20 undici's fetch cost ≈ 1.3 ms of CPU a request on that event
 * loop — measured on the district's lookup, p95 5.1 ms with fetch against 3.3 ms with node:http
 * (2,000 requests, quiet machine), the server's share being the same. It asks for gzip like a
 * browser, so the server compresses what it would compress for one.
 */
import http from 'node:http';
import zlib from 'node:zlib';
import { GENERATED_STAFF_PASSWORD } from '../../src/cli/generate-command.ts';

export interface StaffHttp {
  /** The session cookie (`ds_session=…`) of a generated staff account. */
  login: (username: string, password?: string) => Promise<string>;
  /** GET `path` under /api/v1, or POST `body` as JSON when one is given; the parsed answer. */
  call: (cookie: string, path: string, body?: unknown) => Promise<unknown>;
  /** Closes the kept-alive sockets. */
  close: () => void;
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** A client of the server listening at `base` (e.g. `http://127.0.0.1:40123`). */
export function staffHttp(base: string): StaffHttp {
  const agent = new http.Agent({ keepAlive: true });
  const send = (path: string, headers: Record<string, string>, body?: unknown) =>
    new Promise<Answer>((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = http.request(
        new URL(`${base}/api/v1${path}`),
        {
          method: payload === undefined ? 'GET' : 'POST',
          agent,
          headers: {
            'accept-encoding': 'gzip',
            ...headers,
            ...(payload === undefined
              ? {}
              : {
                  'content-type': 'application/json',
                  'content-length': String(Buffer.byteLength(payload)),
                }),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const raw = Buffer.concat(chunks);
            const bytes = res.headers['content-encoding'] === 'gzip' ? zlib.gunzipSync(raw) : raw;
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              text: bytes.toString('utf8'),
            });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  return {
    async login(username, password = GENERATED_STAFF_PASSWORD) {
      const res = await send('/auth/login', {}, { username, password });
      if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${res.text}`);
      const cookie = /ds_session=[^;]+/.exec(String(res.headers['set-cookie'] ?? ''));
      if (!cookie) throw new Error(`login ${username}: no session cookie`);
      return cookie[0];
    },
    async call(cookie, path, body) {
      const res = await send(path, { cookie }, body);
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${res.text}`);
      return JSON.parse(res.text) as unknown;
    },
    close: () => agent.destroy(),
  };
}
