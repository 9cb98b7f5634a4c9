/**
 * Issue #16 point 5, one rule by one mechanism: every list the API answers pages by keyset — a
 * `<list>/page` sibling (or the list itself) takes `after` and answers `nextCursor` — or it is named
 * here with the reason it stays small at a city's or a province's size. Read from the server's own
 * OpenAPI document, so a new list route fails here until it gets its `/page` or a reason, and a
 * reason that has gone stale (the list now pages, or is gone) fails too.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/connection.ts';
import { createPiiCipher } from '../modules/residents/pii-crypto.ts';
import { buildApp } from './app.ts';

/** Lists that answer in full (or only their first matches), and why that stays small. */
const BOUNDED: Record<string, string> = {
  '/api/v1/accounts/link-candidates': 'a picker: the first matches of what was typed',
  '/api/v1/programs/volunteers': 'a picker: the first matches of what was typed',
  '/api/v1/vs/activities/{id}/signup-candidates': 'a picker: the first matches of what was typed',
  '/api/v1/appointments/bookings/mine': "one resident's own bookings",
  '/api/v1/appointments/my-stations': "a clerk's own station, or the stations of one region grant",
  '/api/v1/appointments/stations': 'the stations that take appointments in the caller’s town',
  '/api/v1/public/stations': 'the stations of one town (the town is required)',
  '/api/v1/queue/stations/{id}/windows': "one station's windows",
  '/api/v1/cases/figures/drill':
    'the drill-down, one row per district, per town of a district or per station of a town',
  '/api/v1/cases/{id}/actions': "one case's history",
  '/api/v1/cases/{id}/attachments': "one case's files",
  '/api/v1/cases/{id}/messages': "one case's messages",
  '/api/v1/residents/{id}/messages': "one resident's messages",
  '/api/v1/home-visits/mine': "one resident's own visit requests",
  '/api/v1/home-visits/records/mine': "one resident's own visit records",
  '/api/v1/home-visits/routes': "one day's routes, one per village in reach (the day is required)",
  '/api/v1/posts/candidates': 'staff who may hold a post at one station (the station is required)',
  '/api/v1/programs/children': "a guardian's own children",
  '/api/v1/programs/children/{id}/attendance': "one child's days",
  '/api/v1/programs/children/{id}/pickup-codes': "one child's pickup codes",
  '/api/v1/programs/children/{id}/pickup-persons': "one child's pickup persons",
  '/api/v1/programs/classes/{id}/days/{day}/releases': "one class's releases on one day",
  '/api/v1/programs/classes/{id}/enrolments': "one class's enrolments (its capacity)",
  '/api/v1/programs/classes/{id}/waitlist': "one class's waitlist",
  '/api/v1/programs/proposals': 'open withdrawal proposals (late pickups at the limit), few',
  '/api/v1/vs/needs/mine': "one resident's own needs",
  '/api/v1/vs/inbox': "a team's inbox: open, held and recently done orders",
  '/api/v1/vs/categories': 'the 8+N service categories',
  '/api/v1/training/requirements': 'the 47+N items a town requires a competence for',
  '/api/v1/open311/keys': 'API keys of the towns in reach (a few per town)',
  '/api/v1/webhooks/subscribers': 'webhook subscribers of the towns in reach (a few per town)',
  '/api/v1/ratings/devices': 'rating devices, a few per station',
  '/api/v1/catalog/items':
    "the 47 common items and each town's N — a few thousand in a city; the channel filter reads every match",
};

/** Lists that grow with the caller's reach and do not page yet: the work still owed (#16 p5). */
const NOT_YET: Record<string, string> = {};

interface Operation {
  parameters?: { name: string; in: string }[];
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}
interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
}

describe('#16 p5 keyset pagination on every list', () => {
  let paths: Record<string, { get?: Operation }> = {};

  beforeAll(async () => {
    const config = {
      ...loadConfig({ DOORSTEP_ENV: 'test', LOG_LEVEL: 'silent', WEB_DIST: 'no-web' }),
      apiDocs: false,
    };
    const db = openDatabase({ dialect: 'sqlite', file: ':memory:' });
    const app = await buildApp({
      config,
      db,
      pii: createPiiCipher(crypto.randomBytes(32)),
      now: () => new Date(0),
    });
    await app.ready();
    paths = (app.swagger() as { paths: typeof paths }).paths;
    await app.close();
  }, 60_000);
  afterAll(() => undefined);

  const answer = (op: Operation) => op.responses?.['200']?.content?.['application/json']?.schema;
  const takes = (op: Operation | undefined, name: string) =>
    !!op?.parameters?.some((p) => p.in === 'query' && p.name === name);
  /** The GET answers a page by keyset: it takes `after` and answers `nextCursor`. */
  const pagesByKeyset = (path: string) => {
    const op = paths[path]?.get;
    return !!op && takes(op, 'after') && !!answer(op)?.properties?.['nextCursor'];
  };
  /** Every GET that answers a list: an array, or rows by offset. */
  const lists = () =>
    Object.entries(paths)
      .filter(
        ([, ops]) => ops.get && (answer(ops.get)?.type === 'array' || takes(ops.get, 'offset')),
      )
      .map(([path]) => path);

  it('reads the contract: the case list, and its keyset page', () => {
    expect(lists()).toContain('/api/v1/cases');
    expect(pagesByKeyset('/api/v1/cases/page')).toBe(true);
    expect(pagesByKeyset('/api/v1/cases')).toBe(false);
  });

  it('every list pages by keyset, or has a reason it stays small', () => {
    const missing = lists().filter(
      (p) => !pagesByKeyset(`${p}/page`) && !(p in BOUNDED) && !(p in NOT_YET),
    );
    expect(missing).toEqual([]);
  });

  it('no reason is stale: each names a list that does not page', () => {
    const listed = new Set(lists());
    const stale = [...Object.keys(BOUNDED), ...Object.keys(NOT_YET)].filter(
      (p) => !listed.has(p) || pagesByKeyset(`${p}/page`),
    );
    expect(stale).toEqual([]);
  });
});
