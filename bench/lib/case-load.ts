/**
 * The load of the case-filing bench: what a window clerk sends, per connection and in turn.
 *   file         POST /api/v1/cases for the next pre-registered resident (by id)
 *   lookup+file  POST /api/v1/residents/lookup {idNumber}, then POST /api/v1/cases with the id the
 *                lookup answered: one filing = two requests; counted and timed as one
 */
import { performance } from 'node:perf_hooks';
import type { Request } from 'autocannon';
import { figuresOf, load, type Figures, type LoadOptions } from './load.ts';

export type CaseScenario = 'file' | 'lookup+file';

/**
 * 社会保障卡补办 (social security card replacement: decided by the town centre, town-wide 通办,
 * promised in 5 working days; materials id_card, photo_1inch, agent_id_card?, authorisation?).
 * Three presented; the letter of authorisation (optional) is missing, so the notice lists one
 * material, the case is accepted at once and gets a due date: the path with the most work.
 */
export const FILING = {
  itemCode: 'DX-SB-001',
  presented: ['id_card', 'photo_1inch', 'agent_id_card'],
} as const;

export interface CaseInput {
  token: string;
  /** Pre-registered residents (ids), filed for in turn. */
  residentIds: readonly string[];
  /** The same residents' ID numbers, looked up in turn. */
  registered: readonly string[];
}

export function filingBody(residentId: string): string {
  return JSON.stringify({ residentId, itemCode: FILING.itemCode, presented: FILING.presented });
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function measureFiling(
  url: string,
  scenario: CaseScenario,
  input: CaseInput,
  opts: LoadOptions,
): Promise<Figures> {
  const headers = {
    authorization: `Bearer ${input.token}`,
    'content-type': 'application/json',
  };
  let next = 0;
  if (scenario === 'file') {
    const file: Request = {
      method: 'POST',
      path: '/api/v1/cases',
      headers,
      setupRequest: (request) => ({
        ...request,
        body: filingBody(input.residentIds[next++ % input.residentIds.length]!),
      }),
    };
    return figuresOf(await load(url, [file], opts));
  }

  // One filing: from sending the lookup to the case's 201, per connection (autocannon gives each
  // connection a context that starts afresh with every lookup).
  const filings: number[] = [];
  const sequence: Request[] = [
    {
      method: 'POST',
      path: '/api/v1/residents/lookup',
      headers,
      setupRequest: (request, context) => {
        context.started = performance.now();
        const idNumber = input.registered[next++ % input.registered.length]!;
        return { ...request, body: JSON.stringify({ idNumber }) };
      },
      onResponse: (status, body, context) => {
        if (status === 200) context.residentId = (JSON.parse(body) as { id: unknown }).id;
      },
    },
    {
      method: 'POST',
      path: '/api/v1/cases',
      headers,
      // A failed lookup still sends the filing (and so shows as a 400 there, too).
      setupRequest: (request, context) => ({
        ...request,
        body: filingBody(typeof context.residentId === 'string' ? context.residentId : 'none'),
      }),
      onResponse: (_status, _body, context) => {
        if (typeof context.started === 'number') filings.push(performance.now() - context.started);
      },
    },
  ];
  const result = await load(url, sequence, opts);
  const sorted = filings.sort((a, b) => a - b);
  return {
    ...figuresOf(result),
    requestsPerSecond: sorted.length / result.duration,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    completed: sorted.length,
  };
}
