import { describe, expect, it } from 'vitest';
import { keysetPages, offsetPages, primed, wholeList } from './export-pages.ts';

const ROWS = Array.from({ length: 23 }, (_, i) => ({ seq: 100 - i }));

async function collect<R>(source: AsyncIterable<readonly R[]>) {
  const batches: (readonly R[])[] = [];
  for await (const b of source) batches.push(b);
  return batches;
}

describe('X-8 export row sources page the list’s own query', () => {
  it('by offset: every row once, in batches, stopping at the first short page', async () => {
    const asked: number[] = [];
    const batches = await collect(
      offsetPages(async (limit, offset) => {
        asked.push(offset);
        return ROWS.slice(offset, offset + limit);
      }, 10),
    );
    expect(batches.map((b) => b.length)).toEqual([10, 10, 3]);
    expect(batches.flat()).toEqual(ROWS);
    expect(asked).toEqual([0, 10, 20]);
  });

  it('by key: each page starts after the last row’s key; an exact multiple ends on an empty page', async () => {
    const rows = ROWS.slice(0, 20);
    const batches = await collect(
      keysetPages<{ seq: number }, number>(
        async (limit, before) =>
          rows.filter((r) => before === undefined || r.seq < before).slice(0, limit),
        (r) => r.seq,
        10,
      ),
    );
    expect(batches.map((b) => b.length)).toEqual([10, 10]);
    expect(batches.flat()).toEqual(rows);
  });

  it('a whole list is one batch, an empty one none', async () => {
    expect(await collect(wholeList(async () => ROWS))).toEqual([ROWS]);
    expect(await collect(wholeList(async () => []))).toEqual([]);
  });

  it('primed reads the first batch at once (a refusal surfaces before streaming)', async () => {
    let reads = 0;
    const source = offsetPages(async (limit, offset) => {
      reads++;
      return ROWS.slice(offset, offset + limit);
    }, 10);
    const ready = await primed(source);
    expect(reads).toBe(1);
    expect((await collect(ready)).flat()).toEqual(ROWS);
    await expect(
      primed(
        offsetPages(async () => {
          throw new Error('FORBIDDEN');
        }),
      ),
    ).rejects.toThrow('FORBIDDEN');
  });
});
