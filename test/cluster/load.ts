/** Issue #16: HTTP load on the cluster's nodes — bursts, and sign-ups retried through a failover. */
import http from 'node:http';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.ts';
export interface Answer {
  status: number;
  retryAfter: string | undefined;
  code: string | undefined;
  body: string;
  /** performance.now() when the answer (or the error) arrived. */
  at: number;
}

const agents = new Map<string, http.Agent>();
function agentFor(base: string) {
  let a = agents.get(base);
  if (!a) agents.set(base, (a = new http.Agent({ keepAlive: true, maxSockets: 64 })));
  return a;
}
export function closeAgents() {
  for (const a of agents.values()) a.destroy();
  agents.clear();
}

/** One request; a connection error is status 0. */
export function request(
  base: string,
  method: 'GET' | 'POST',
  url: string,
  opts: { token: string; body?: unknown; idempotencyKey?: string; timeoutMs?: number },
): Promise<Answer> {
  return new Promise((resolve) => {
    const payload = opts.body === undefined ? '' : JSON.stringify(opts.body);
    const req = http.request(
      new URL(url, base),
      {
        method,
        agent: agentFor(base),
        timeout: opts.timeoutMs ?? 30_000,
        headers: {
          authorization: `Bearer ${opts.token}`,
          'accept-language': 'en',
          ...(payload ? { 'content-type': 'application/json' } : {}),
          'content-length': Buffer.byteLength(payload),
          ...(opts.idempotencyKey ? { 'idempotency-key': opts.idempotencyKey } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          let code: string | undefined;
          try {
            code = (JSON.parse(body) as { code?: string }).code;
          } catch {
            code = undefined;
          }
          const retry: string | string[] | undefined = res.headers['retry-after'];
          resolve({
            status: res.statusCode ?? 0,
            retryAfter: typeof retry === 'string' ? retry : retry?.[0],
            code,
            body,
            at: performance.now(),
          });
        });
      },
    );
    const fail = (err: Error) =>
      resolve({
        status: 0,
        retryAfter: undefined,
        code: err.message,
        body: '',
        at: performance.now(),
      });
    req.on('timeout', () => req.destroy(new Error('client timeout')));
    req.on('error', fail);
    req.end(payload);
  });
}

/**
 * `connections` clients sign `tokens` up on one activity, spread over `bases`. A 503
 * DATABASE_UNAVAILABLE with Retry-After is retried with the same Idempotency-Key, as the web does
 * (at most 5 times, 250 ms apart): on a saturated machine a request can wait past the connect
 * timeout and answer 503 cleanly. `answers` are the final answers; `retried` the 503s retried.
 */
export async function signupBurst(
  bases: string[],
  activityId: string,
  tokens: string[],
  connections: number,
): Promise<{ answers: Answer[]; retried: Answer[]; seconds: number }> {
  const answers: Answer[] = [];
  const retried: Answer[] = [];
  let next = 0;
  const started = performance.now();
  const signUp = (i: number) =>
    request(bases[i % bases.length]!, 'POST', `/api/v1/vs/activities/${activityId}/signup`, {
      token: tokens[i]!,
      idempotencyKey: `signup-${i}`,
    });
  await Promise.all(
    Array.from({ length: connections }, async () => {
      for (let i = next++; i < tokens.length; i = next++) {
        let answer = await signUp(i);
        for (let tries = 0; tries < 5 && isRetryable(answer); tries += 1) {
          retried.push(answer);
          await new Promise((r) => setTimeout(r, 250));
          answer = await signUp(i);
        }
        answers.push(answer);
      }
    }),
  );
  return { answers, retried, seconds: (performance.now() - started) / 1000 };
}

const isRetryable = (a: Answer) =>
  a.status === 503 && a.code === 'DATABASE_UNAVAILABLE' && a.retryAfter !== undefined;

/** Sign-ups on one activity: confirmed, waitlisted, positions, rows per volunteer. */
export async function signupCounts(k: Kysely<Database>, activityId: string) {
  const rows = await k
    .selectFrom('vs_signups')
    .select(['status', 'queue_position', 'volunteer_id'])
    .where('activity_id', '=', activityId)
    .execute();
  const activity = await k
    .selectFrom('vs_activities')
    .select(['capacity', 'confirmed_count'])
    .where('id', '=', activityId)
    .executeTakeFirstOrThrow();
  const waitPositions = rows
    .filter((r) => r.status === 'waitlisted')
    .map((r) => Number(r.queue_position))
    .sort((a, b) => a - b);
  return {
    rows: rows.length,
    confirmed: rows.filter((r) => r.status === 'confirmed').length,
    waitlisted: waitPositions.length,
    positionsContiguous: waitPositions.every((p, i) => p === i + 1),
    volunteers: new Set(rows.map((r) => r.volunteer_id)).size,
    capacity: activity.capacity,
    confirmedCount: activity.confirmed_count,
  };
}

export interface FailoverRun {
  killedAt: number;
  /** First 2xx write answered after the kill (ms after it); null when none. */
  firstWriteAfterKillMs: number | null;
  /** Every attempt: status and code counts. */
  statuses: Record<string, number>;
  /** 503 answers before the kill (must be 0: the cluster was healthy). */
  unavailableBeforeKill: number;
  /** 503 answers without Retry-After (must be 0). */
  unavailableWithoutRetryAfter: number;
  /** Answers ≥ 500 other than 503 DATABASE_UNAVAILABLE (must be 0). */
  otherServerErrors: Answer[];
  /** Last 503 answer, ms after the kill. */
  last503Ms: number | null;
  /** Index of each token whose sign-up was acknowledged (2xx). */
  acknowledged: number[];
  /** Tokens that never got a 2xx within the retry budget. */
  unacknowledged: number;
  attempts: number;
}

/**
 * Sign-ups through the load balancer, `connections` at a time, each retried (same Idempotency-Key)
 * after a 503 or a connection error until answered. `kill` runs once `killAfterAcks` sign-ups were
 * acknowledged; the run ends `afterRecoveryMs` after the first write that succeeds after the kill.
 */
export async function signupsThroughFailover(opts: {
  base: string;
  activityId: string;
  tokens: string[];
  connections: number;
  killAfterAcks: number;
  kill: () => void;
  afterRecoveryMs: number;
  retryBudgetMs: number;
}): Promise<FailoverRun> {
  const statuses: Record<string, number> = {};
  const acknowledged: number[] = [];
  const otherServerErrors: Answer[] = [];
  let unavailableWithoutRetryAfter = 0;
  let unavailableBeforeKill = 0;
  let killedAt = 0;
  let recoveredAt = 0;
  let last503 = 0;
  let attempts = 0;
  let unacknowledged = 0;
  let next = 0;
  const done = () => recoveredAt > 0 && performance.now() - recoveredAt > opts.afterRecoveryMs;
  const one = async (i: number) => {
    const until = performance.now() + opts.retryBudgetMs;
    for (;;) {
      const sentAt = performance.now();
      const a = await request(
        opts.base,
        'POST',
        `/api/v1/vs/activities/${opts.activityId}/signup`,
        {
          token: opts.tokens[i]!,
          idempotencyKey: `failover-${i}`,
        },
      );
      attempts++;
      const label = `${a.status}${a.code && a.status !== 201 ? ` ${a.code}` : ''}`;
      statuses[label] = (statuses[label] ?? 0) + 1;
      if (a.status >= 200 && a.status < 300) {
        acknowledged.push(i);
        if (killedAt && !recoveredAt && sentAt > killedAt) recoveredAt = a.at;
        if (!killedAt && acknowledged.length >= opts.killAfterAcks) {
          killedAt = performance.now();
          opts.kill();
        }
        return;
      }
      if (a.status === 503) {
        last503 = a.at;
        if (!killedAt) unavailableBeforeKill++;
        if (!a.retryAfter) unavailableWithoutRetryAfter++;
      } else if (a.status >= 500) otherServerErrors.push(a);
      else if (a.status !== 0) return; // a 4xx is an answer (e.g. a replay naming the sign-up)
      if (performance.now() > until) {
        unacknowledged++;
        return;
      }
      // The test retries sooner than Retry-After asks, to measure the window to the second.
      await new Promise((r) => setTimeout(r, a.status === 0 ? 250 : 500));
    }
  };
  await Promise.all(
    Array.from({ length: opts.connections }, async () => {
      for (let i = next++; i < opts.tokens.length && !done(); i = next++) await one(i);
    }),
  );
  return {
    killedAt,
    firstWriteAfterKillMs: recoveredAt ? recoveredAt - killedAt : null,
    statuses,
    unavailableWithoutRetryAfter,
    unavailableBeforeKill,
    otherServerErrors,
    last503Ms: last503 ? last503 - killedAt : null,
    acknowledged,
    unacknowledged,
    attempts,
  };
}
