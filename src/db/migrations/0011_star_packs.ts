import { sql } from 'kysely';
import type { DialectMigration } from './types.ts';

/**
 * VS-9 star rule packs as data: the national pack (100 / 300 / 600 / 1000 / 1500 h) and the
 * Beijing pack (100 / 200 / 500 / 800 / 1000 h).
 *
 * `vs_star_packs.default_prefix` says which regions use a pack when no explicit assignment
 * (vs_region_star_packs, set by an administrator) covers them: the pack whose prefix is the longest
 * prefix of the region code wins ('' = everywhere, the national pack; '11' = 北京市). This keeps the
 * Beijing default independent of whether the region tree has been imported yet (the assignment
 * table has a foreign key to regions).
 */
export const starPacks: DialectMigration = {
  async up(db) {
    await db.schema.alterTable('vs_star_packs').addColumn('default_prefix', 'text').execute();
    const now = new Date('2026-01-01T00:00:00.000Z').toISOString();
    const packs = [
      {
        code: 'national',
        name_zh: '全国标准（100/300/600/1000/1500小时）',
        name_en: 'National (100/300/600/1000/1500 h)',
        thresholds: JSON.stringify([100, 300, 600, 1000, 1500]),
        default_prefix: '',
      },
      {
        code: 'beijing',
        name_zh: '北京市标准（100/200/500/800/1000小时）',
        name_en: 'Beijing (100/200/500/800/1000 h)',
        thresholds: JSON.stringify([100, 200, 500, 800, 1000]),
        default_prefix: '11',
      },
    ];
    for (const p of packs) {
      await sql`insert into vs_star_packs (code, name_zh, name_en, thresholds, created_at, default_prefix)
        values (${p.code}, ${p.name_zh}, ${p.name_en}, ${p.thresholds}, ${now}, ${p.default_prefix})
        on conflict (code) do nothing`.execute(db);
    }
  },
};
