import { describe, expect, it } from 'vitest';
import type { VsOrderTable, VsTeamTable } from '../../db/schema.ts';
import { orderParties } from './order-access.ts';
import { availableOrderActions } from './order.workflow.ts';

const TOWN = '110115110000';
const team = (id: string, over: Partial<VsTeamTable> = {}) =>
  ({
    id,
    active: 1,
    kind: 'team',
    category_code: 'eld',
    region_code: '110115110222',
    ...over,
  }) as VsTeamTable;
const order = (over: Partial<VsOrderTable> = {}) =>
  ({
    state: 'awaiting_dispatch',
    category_code: 'eld',
    region_code: '110115110222',
    directed_team_id: null,
    team_id: null,
    grab_region_code: null,
    ...over,
  }) as VsOrderTable;

describe('VS-5 where the caller stands towards an order (the parties the workflow table reads)', () => {
  it('centre staff in reach are the centre; a stranger is nothing', () => {
    expect(orderParties(order(), true, [])).toEqual(['centre']);
    expect(orderParties(order(), false, [])).toEqual([]);
  });
  it('the leader of the directed team, then of the holding team', () => {
    const directed = order({ state: 'directed', directed_team_id: 'a' });
    expect(orderParties(directed, false, [team('a')])).toEqual(['directed_team']);
    expect(orderParties(directed, false, [team('b')])).toEqual([]);
    const held = order({ state: 'accepted', team_id: 'a' });
    expect(orderParties(held, false, [team('a')])).toEqual(['holding_team']);
    expect(availableOrderActions(held.state, orderParties(held, false, [team('b')]))).toEqual([]);
  });
  it('a team that may grab an open order: same category, inside the grab region, active', () => {
    const open = order({ state: 'open', grab_region_code: TOWN });
    expect(orderParties(open, false, [team('a')])).toEqual(['eligible_team']);
    expect(orderParties(open, false, [team('a', { category_code: 'cul' })])).toEqual([]);
    expect(orderParties(open, false, [team('a', { region_code: '110115103201' })])).toEqual([]);
    expect(orderParties(open, false, [team('a', { active: 0 })])).toEqual([]);
    expect(availableOrderActions('open', orderParties(open, false, [team('a')]))).toEqual(['grab']);
  });
});
