/**
 * VS-3/4/5/7 over HTTP on a real database: 点单 (self and on behalf), 审单 (accept, reject with a
 * reason that reaches the requester), merging, directed dispatch with ranked suggestions, decline
 * with a coded reason, reassign, cancel, 抢单 with exactly one winner among 50 teams, the window
 * sweep (open → escalate, once with two sweepers on PostgreSQL), the contact hidden until a team
 * holds the order, and 评单 once.
 *
 * This file: scope by town and the roles of the order routes.
 */
import { describe, expect, it } from 'vitest';
import { insertAccount } from '../helpers/vs-fixtures.ts';
import {
  accept,
  count,
  db,
  need,
  t,
  useOrdersWorld,
  cat,
  type Need,
} from './orders.world.fixtures.ts';

describe('volunteer service orders', () => {
  useOrdersWorld();

  it('scope: staff of another town see nothing of this town', async () => {
    const otherStaff = await insertAccount(db(), {
      role: 'volunteer_staff',
      regionCode: '110115103000',
    });
    const c = await t.login(otherStaff.username);
    const n = await need();
    expect((await c.call('POST', `/api/v1/vs/needs/${n.id}/accept`, {})).statusCode).toBe(403);
    const list = (await c.call('GET', '/api/v1/vs/needs')).json<Need[]>();
    expect(list.some((x) => x.id === n.id)).toBe(false);
    const order = await accept(n.id);
    expect((await c.call('GET', `/api/v1/vs/orders/${order.id}`)).statusCode).toBe(403);
  });

  it('route roles of the state-changing and per-order routes: declared roles pass, the others are FORBIDDEN', async () => {
    const none = '00000000-0000-4000-8000-000000000000';
    const centre = ['volunteer_staff'];
    const leaders = ['team_leader'];
    const readers = ['volunteer_staff', 'team_leader'];
    const recorders = ['volunteer_staff', 'town_officer', 'clerk', 'agent'];
    const routes: [string, string, unknown, string[], number][] = [
      ['POST', `/api/v1/vs/needs/${none}/accept`, {}, centre, 404],
      ['POST', `/api/v1/vs/needs/${none}/reject`, { reason: 'r' }, centre, 404],
      [
        'POST',
        '/api/v1/vs/needs/merge',
        { needIds: [none, '00000000-0000-4000-8000-000000000001'], title: 't' },
        centre,
        404,
      ],
      ['POST', `/api/v1/vs/needs/${none}/rating`, { stars: 5 }, 'ALL' as never, 404],
      [
        'POST',
        '/api/v1/vs/needs/on-behalf',
        {
          regionCode: '110115999999',
          categoryCode: cat,
          channel: 'phone',
          description: 'd',
          place: 'p',
          contactName: 'n',
          contactPhone: '13912345678',
        },
        recorders,
        403,
      ],
      [
        'POST',
        '/api/v1/vs/needs',
        {
          regionCode: '110115999999',
          categoryCode: cat,
          description: 'd',
          place: 'p',
          contactName: 'n',
          contactPhone: '13912345678',
        },
        'ALL' as never,
        422,
      ],
      ['GET', `/api/v1/vs/orders/${none}`, undefined, readers, 404],
      ['GET', `/api/v1/vs/orders/${none}/suggestions`, undefined, centre, 404],
      ...(['direct', 'open', 'reassign', 'cancel'] as const).map(
        (a) =>
          [
            'POST',
            `/api/v1/vs/orders/${none}/${a}`,
            a === 'direct'
              ? { teamId: none }
              : a === 'reassign'
                ? { note: 'n' }
                : a === 'cancel'
                  ? { reason: 'r' }
                  : {},
            centre,
            404,
          ] as [string, string, unknown, string[], number],
      ),
      ...(['accept', 'grab'] as const).map(
        (a) =>
          ['POST', `/api/v1/vs/orders/${none}/${a}`, {}, leaders, 404] as [
            string,
            string,
            unknown,
            string[],
            number,
          ],
      ),
      ['POST', `/api/v1/vs/orders/${none}/decline`, { reasonCode: 'no_capacity' }, leaders, 404],
      ['POST', `/api/v1/vs/orders/${none}/complete`, {}, readers, 404],
    ];
    const accounts = [
      'admin',
      'supervisor',
      'district',
      'town',
      'clerk',
      'agent',
      'vstaff',
      'leader',
      'volunteer',
      'organiser',
      'guardian',
      'resident',
    ];
    const roleOf = async (u: string) =>
      (
        await db()
          .selectFrom('role_grants')
          .innerJoin('accounts', 'accounts.id', 'role_grants.account_id')
          .select('role')
          .where('username', '=', u)
          .executeTakeFirstOrThrow()
      ).role;
    const ordersBefore = await count('vs_orders');
    const needsBefore = await count('vs_needs');
    for (const username of accounts) {
      const who = await t.login(username);
      const role = await roleOf(username);
      for (const [method, url, body, allowed, status] of routes) {
        const r = await who.call(method as 'GET', url, body);
        const ok = (allowed as unknown) === 'ALL' || allowed.includes(role);
        expect(r.statusCode, `${role} ${method} ${url} ${r.body}`).toBe(ok ? status : 403);
        if (!ok) expect(r.json()).toMatchObject({ code: 'FORBIDDEN' });
      }
    }
    // Nothing was written by any of these refused or not-found requests.
    expect(await count('vs_orders')).toBe(ordersBefore);
    expect(await count('vs_needs')).toBe(needsBefore);
  });
});
