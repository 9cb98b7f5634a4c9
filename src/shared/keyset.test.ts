import { describe, expect, it } from 'vitest';
import { decodeTupleCursor, encodeTupleCursor, tupleCursorAfter } from './keyset-tuple.ts';
import {
  afterCursor,
  cursorAfter,
  decodeCursor,
  decodeCursorParts,
  encodeCursor,
  inlineParameters,
  pageOf,
  type KeysetOrder,
} from './keyset.ts';

const CASES: KeysetOrder = {
  list: 'cases',
  key: 'c.created_at',
  keyKind: 'timestamp',
  id: 'c.id',
  direction: 'desc',
};
const AUDIT: KeysetOrder = { ...CASES, list: 'audit', key: 'e.seq', keyKind: 'integer' };
const ID = '0b6f7c1e-5d2a-4c1b-9a7e-3f2d1c0b9a8e';

describe('#16 p5 keyset cursors', () => {
  it('round-trip, opaque', () => {
    const c = { key: '2026-03-02T01:02:03.456Z', id: ID };
    const text = encodeCursor(CASES, c);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(text).not.toContain('2026');
    expect(decodeCursor(CASES, text)).toEqual(c);
    expect(decodeCursor(AUDIT, encodeCursor(AUDIT, { key: 42, id: ID }))).toEqual({
      key: 42,
      id: ID,
    });
  });

  it('refuses what we did not make: garbage, edits, another list’s, wrong key kind', () => {
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    expect(decodeCursor(CASES, 'bm90LWEtY3Vyc29y')).toBeNull(); // "not-a-cursor"
    expect(decodeCursor(CASES, '!!!')).toBeNull();
    expect(decodeCursor(CASES, 'x'.repeat(500))).toBeNull();
    expect(decodeCursor(CASES, b64(['cases', '2026-13-45T00:00:00Z', ID]))).toBeNull();
    expect(decodeCursor(CASES, b64(['cases', "2026'; drop table cases;--", ID]))).toBeNull();
    expect(decodeCursor(CASES, b64(['cases', '2026-03-02T01:02:03Z', 'not-a-uuid']))).toBeNull();
    expect(decodeCursor(CASES, b64(['cases', '2026-03-02T01:02:03Z', ID, 'extra']))).toBeNull();
    expect(decodeCursor(CASES, encodeCursor(AUDIT, { key: 1, id: ID }))).toBeNull();
    expect(decodeCursor(AUDIT, b64(['audit', 1.5, ID]))).toBeNull();
    expect(decodeCursor(AUDIT, b64(['audit', '7', ID]))).toBeNull();
  });

  it('a bad `after` is the list’s 400 problem; none is the first page', () => {
    expect(cursorAfter(CASES, undefined)).toBeNull();
    expect(() => cursorAfter(CASES, 'bm90LWEtY3Vyc29y')).toThrow(
      expect.objectContaining({ code: 'CURSOR_INVALID' }),
    );
  });

  it('a page: limit + 1 rows fetched → the next cursor from the last shown; fewer → the end', () => {
    const rows = [1, 2, 3].map((n) => ({ at: `2026-01-0${n}T00:00:00.000Z`, id: ID }));
    const more = pageOf(rows, 2, CASES, (r) => ({ key: r.at, id: r.id }));
    expect(more.shown).toHaveLength(2);
    expect(decodeCursor(CASES, more.nextCursor ?? '')).toEqual({ key: rows[1]!.at, id: ID });
    expect(pageOf(rows, 3, CASES, (r) => ({ key: r.at, id: r.id })).nextCursor).toBeNull();
  });

  it('an integer id (the audit seq) and a second sort column travel in the cursor, checked', () => {
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const EVENTS: KeysetOrder = { ...CASES, list: 'events', id: 'e.seq', idKind: 'integer' };
    const TEAMS: KeysetOrder = {
      list: 'teams',
      key: 't.region_code',
      keyKind: 'text',
      then: { key: 't.created_at', keyKind: 'timestamp' },
      id: 't.id',
      direction: 'asc',
    };
    const at = '2026-03-02T01:02:03.456Z';
    expect(decodeCursor(EVENTS, encodeCursor(EVENTS, { key: at, id: 7 }))).toEqual({
      key: at,
      id: 7,
    });
    expect(decodeCursor(EVENTS, b64(['events', at, ID]))).toBeNull();
    expect(decodeCursor(EVENTS, b64(['events', at, 7.5]))).toBeNull();
    expect(decodeCursor(CASES, b64(['cases', at, 7]))).toBeNull();
    const team = { key: '110115110', then: at, id: ID };
    expect(decodeCursor(TEAMS, encodeCursor(TEAMS, team))).toEqual(team);
    expect(decodeCursor(TEAMS, b64(['teams', '110115110', ID]))).toBeNull();
    expect(decodeCursor(TEAMS, b64(['teams', '110115110', ID, 'not-a-time']))).toBeNull();
  });

  it('one decoder for both kernels: a tuple cursor is not a one-key cursor, nor the reverse', () => {
    const REGIONS = {
      list: 'cases',
      columns: [
        { column: 'r.code', kind: 'text' },
        { column: 'r.id', kind: 'uuid' },
      ],
    } as const;
    const tuple = encodeTupleCursor(REGIONS, ['110115110', ID]);
    const single = encodeCursor(CASES, { key: '2026-03-02T01:02:03.456Z', id: ID });
    expect(decodeCursorParts('cases', tuple)).toEqual([['110115110', ID]]);
    expect(decodeCursorParts('cases', single)).toEqual(['2026-03-02T01:02:03.456Z', ID]);
    expect(decodeCursorParts('audit', single)).toBeNull();
    expect(decodeCursorParts('cases', Buffer.from('{"cases":1}').toString('base64url'))).toBeNull();
    expect(decodeCursorParts('cases', Buffer.from('not json').toString('base64url'))).toBeNull();
    expect(decodeCursor(CASES, tuple)).toBeNull();
    expect(decodeTupleCursor(REGIONS, single)).toBeNull();
    expect(decodeTupleCursor(REGIONS, tuple)).toEqual(['110115110', ID]);
    for (const refuse of [
      () => cursorAfter(CASES, tuple),
      () => tupleCursorAfter(REGIONS, single),
      () => tupleCursorAfter(REGIONS, '!!!'),
    ])
      expect(refuse).toThrow(expect.objectContaining({ code: 'CURSOR_INVALID' }));
    expect(tupleCursorAfter(REGIONS, undefined)).toBeNull();
  });

  it('afterCursor: none is the first page, a refusal is the list’s own problem', () => {
    const decode = (text: string) => (text === 'ok' ? 1 : null);
    expect(afterCursor(undefined, decode)).toBeNull();
    expect(afterCursor('ok', decode)).toBe(1);
    expect(() => afterCursor('no', decode, 'VALIDATION_FAILED')).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
  });

  it('inlines EXPLAIN parameters as literals, quotes doubled', () => {
    expect(
      inlineParameters('a = $1 and b = $2 and c = $3 and d = $10', [
        "o'clock",
        5,
        true,
        ...Array.from({ length: 6 }, () => null),
        'x',
      ]),
    ).toBe("a = 'o''clock' and b = 5 and c = true and d = 'x'");
  });
});
