import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';
import { describe, expect, it } from 'vitest';
import { escapeLike, likePattern, likeText } from './like-pattern.ts';

describe('#16 LIKE patterns from user text', () => {
  it.each([
    ['', ''],
    ['张三', '张三'],
    ['50%', '50\\%'],
    ['a_b', 'a\\_b'],
    ['C:\\temp', 'C:\\\\temp'],
    ['%%', '\\%\\%'],
    ['_', '\\_'],
    ['\\', '\\\\'],
    ['\\%', '\\\\\\%'],
    ['100%_满意\\度', '100\\%\\_满意\\\\度'],
    ['魏善庄 wei_shan 50%', '魏善庄 wei\\_shan 50\\%'],
    ["o'clock", "o'clock"],
    ['*?[]^$', '*?[]^$'],
  ])('escapes %j as %j', (text, escaped) => {
    expect(escapeLike(text)).toBe(escaped);
  });

  it('contains, prefix and suffix put the wildcard where they say, and only there', () => {
    expect(likePattern('50%')).toBe('%50\\%%');
    expect(likePattern('50%', 'contains')).toBe('%50\\%%');
    expect(likePattern('a_b', 'prefix')).toBe('a\\_b%');
    expect(likePattern('1234', 'suffix')).toBe('%1234');
    expect(likePattern('', 'contains')).toBe('%%');
    expect(likePattern('', 'prefix')).toBe('%');
    expect(likePattern('伊庄村', 'prefix')).toBe('伊庄村%');
  });

  it('every unescaped % or _ in a pattern is one the helper added', () => {
    const unescapedWildcards = (p: string) => p.replace(/\\./g, '').replace(/[^%_]/g, '').length;
    for (const text of ['50%', 'a_b', '\\', '\\%', '_%_', '%\\_', '张_三%', 'x\\\\_'])
      expect([
        unescapedWildcards(likePattern(text, 'contains')),
        unescapedWildcards(likePattern(text, 'prefix')),
        unescapedWildcards(likePattern(text, 'suffix')),
      ]).toEqual([2, 1, 1]);
  });

  interface Db {
    people: { id: string; name: string };
  }
  const compiler = (dialect: 'sqlite' | 'postgres') =>
    new Kysely<Db>({
      dialect: {
        createAdapter: () => (dialect === 'sqlite' ? new SqliteAdapter() : new PostgresAdapter()),
        createDriver: () => new DummyDriver(),
        createIntrospector: (k) =>
          dialect === 'sqlite' ? new SqliteIntrospector(k) : new PostgresIntrospector(k),
        createQueryCompiler: () =>
          dialect === 'sqlite' ? new SqliteQueryCompiler() : new PostgresQueryCompiler(),
      },
    });

  it.each(['sqlite', 'postgres'] as const)(
    'on %s: LIKE with the escaped pattern bound and ESCAPE said',
    (dialect) => {
      const db = compiler(dialect);
      const q = db
        .selectFrom('people as p')
        .select('p.id')
        .where((eb) =>
          eb.or([
            likeText(eb, 'p.name', '50%'),
            likeText(eb, eb.fn('lower', ['p.name']), 'a_b', 'prefix'),
          ]),
        )
        .compile();
      const [one, two] = dialect === 'sqlite' ? ['?', '?'] : ['$1', '$2'];
      expect(q.sql).toContain(`"p"."name" like ${one} escape '\\'`);
      expect(q.sql).toContain(`lower("p"."name") like ${two} escape '\\'`);
      expect(q.parameters).toEqual(['%50\\%%', 'a\\_b%']);
    },
  );
});
