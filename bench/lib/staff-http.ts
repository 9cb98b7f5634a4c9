/**
 * The HTTP client of the read benches on a generated data set (scale.bench.ts, goals.bench.ts):
 * log a generated staff account in, then call the API with its session cookie. Anything but 200
 * throws with the path, the status and the body, so a bench never times an error page.
 */
import { GENERATED_STAFF_PASSWORD } from '../../src/cli/generate-command.ts';

export interface StaffHttp {
  /** The session cookie (`ds_session=…`) of a generated staff account. */
  login: (username: string, password?: string) => Promise<string>;
  /** GET `path` under /api/v1, or POST `body` as JSON when one is given; the parsed answer. */
  call: (cookie: string, path: string, body?: unknown) => Promise<unknown>;
}

/** A client of the server listening at `base` (e.g. `http://127.0.0.1:40123`). */
export function staffHttp(base: string): StaffHttp {
  return {
    async login(username, password = GENERATED_STAFF_PASSWORD) {
      const res = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      if (res.status !== 200)
        throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
      const cookie = /ds_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '');
      if (!cookie) throw new Error(`login ${username}: no session cookie`);
      return cookie[0];
    },
    async call(cookie, path, body) {
      const res = await fetch(`${base}/api/v1${path}`, {
        method: body ? 'POST' : 'GET',
        headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as unknown;
    },
  };
}
