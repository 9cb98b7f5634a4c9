import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDb, type TestDb } from '../helpers/test-db.ts';
import {
  leadsTeamOrAncestor,
  teamAncestors,
  teamSubtree,
  teamsLedBy,
} from '../../src/shared/team-tree.ts';

const NOW = '2026-03-02T01:00:00.000Z';

/**
 * corps C (led by L1) → teams T1 (led by L2), T2 → sub-team S1 under T1, S2 under S1 (deeper than
 * the product allows, to show the walk has no small depth limit). A second corps D stands apart.
 */
describe('VS-2 team tree: one recursive query on both databases', () => {
  let t: TestDb;

  beforeAll(async () => {
    t = await createTestDb();
    const k = t.db.kysely;
    await k
      .insertInto('regions')
      .values({
        code: '110115',
        name: 'D',
        parent_code: null,
        level: 'district',
        created_at: NOW,
        search_key: '|d|',
      })
      .execute();
    for (const id of ['L1', 'L2'])
      await k
        .insertInto('accounts')
        .values({
          id,
          username: id,
          display_name: id,
          password_hash: 'x',
          status: 'active',
          resident_id: null,
          preferences: '{}',
          is_demo: 0,
          password_changed_at: NOW,
          created_at: NOW,
          updated_at: NOW,
          totp_secret_cipher: null,
          totp_enabled_at: null,
        })
        .execute();
    const team = (id: string, parent: string | null, leader: string | null) => ({
      id,
      parent_id: parent,
      kind: parent ? 'team' : 'corps',
      name: id,
      region_code: '110115',
      category_code: null,
      colour: null,
      leader_account_id: leader,
      organisation_name: id,
      person_in_charge: 'p',
      contact_phone: '010-1',
      description: '',
      active: 1,
      is_demo: 0,
      created_at: NOW,
      updated_at: NOW,
    });
    for (const row of [
      team('C', null, 'L1'),
      team('T1', 'C', 'L2'),
      team('T2', 'C', null),
      team('S1', 'T1', null),
      team('S2', 'S1', null),
      team('D', null, null),
    ])
      await k
        .insertInto('vs_teams')
        .values(row as never)
        .execute();
  });

  afterAll(() => t.drop());

  it('teamSubtree: the roots and everything below them, each once', async () => {
    const k = t.db.kysely;
    expect((await teamSubtree(k, 'C')).sort()).toEqual(['C', 'S1', 'S2', 'T1', 'T2']);
    expect((await teamSubtree(k, 'T1')).sort()).toEqual(['S1', 'S2', 'T1']);
    expect((await teamSubtree(k, ['T1', 'S1', 'D'])).sort()).toEqual(['D', 'S1', 'S2', 'T1']);
    expect(await teamSubtree(k, 'S2')).toEqual(['S2']);
    expect(await teamSubtree(k, [])).toEqual([]);
    expect(await teamSubtree(k, 'nope')).toEqual([]);
  });

  it('teamsLedBy: the led teams with everything below them', async () => {
    const k = t.db.kysely;
    expect((await teamsLedBy(k, 'L1')).sort()).toEqual(['C', 'S1', 'S2', 'T1', 'T2']);
    expect((await teamsLedBy(k, 'L2')).sort()).toEqual(['S1', 'S2', 'T1']);
    expect(await teamsLedBy(k, 'nobody')).toEqual([]);
  });

  it('teamAncestors: the team and its ancestors, nearest first', async () => {
    const k = t.db.kysely;
    expect((await teamAncestors(k, 'S2')).map((x) => [x.id, x.depth])).toEqual([
      ['S2', 0],
      ['S1', 1],
      ['T1', 2],
      ['C', 3],
    ]);
    expect(await teamAncestors(k, 'nope')).toEqual([]);
    expect(await leadsTeamOrAncestor(k, 'S2', 'L2')).toBe(true);
    expect(await leadsTeamOrAncestor(k, 'T2', 'L2')).toBe(false);
    expect(await leadsTeamOrAncestor(k, 'T2', 'L1')).toBe(true);
  });

  it('a loop in a corrupted tree ends instead of running forever', async () => {
    const k = t.db.kysely;
    await sql`update vs_teams set parent_id = 'S2' where id = 'D'`.execute(k);
    await sql`update vs_teams set parent_id = 'D' where id = 'S2'`.execute(k);
    try {
      expect((await teamSubtree(k, 'D')).sort()).toEqual(['D', 'S2']);
      expect((await teamAncestors(k, 'D')).length).toBeLessThanOrEqual(33);
    } finally {
      await sql`update vs_teams set parent_id = null where id = 'D'`.execute(k);
      await sql`update vs_teams set parent_id = 'S1' where id = 'S2'`.execute(k);
    }
  });
});
