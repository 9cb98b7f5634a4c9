/**
 * Demo data for VS-3/4/5/7 (development only): needs waiting for review at 魏善庄镇 (one from the
 * demo resident 李长福, one taken by phone for a resident without an account), an order directed
 * to the demo leader's team, one open for grabbing, and a completed one that 李长福 may rate.
 * Rows are written directly (is_demo = 1); numbers are fixed so the seed is repeatable.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, VsNeedTable, VsOrderTable } from '../../db/schema.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import { DEMO_VS_IDS } from '../volunteers/volunteers.demo.ts';
import { initialGrabRegion, windowEnd } from './order.rules.ts';

const SANSHUNZHUANG = '110115110222';
const YIZHUANG = '110115110207';

export async function seedDemoOrders(input: {
  db: Kysely<Database>;
  pii: PiiCipher;
  now: Date;
}): Promise<{ needs: number; orders: number }> {
  const { db, pii, now } = input;
  const team = await db
    .selectFrom('vs_teams')
    .select(['id', 'category_code'])
    .where('id', '=', DEMO_VS_IDS.wszTeam)
    .executeTakeFirst();
  const accounts = await db
    .selectFrom('accounts')
    .select(['id', 'username'])
    .where('username', 'in', ['resident', 'vstaff'])
    .execute();
  const resident = accounts.find((a) => a.username === 'resident')?.id;
  const vstaff = accounts.find((a) => a.username === 'vstaff')?.id;
  if (!team || !resident || !vstaff) return { needs: 0, orders: 0 };
  const cat = team.category_code ?? 'elderly';
  const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * 3_600_000).toISOString();
  const day = (days: number, hour: number) => {
    const d = new Date(now.getTime() + days * 86_400_000);
    d.setUTCHours(hour - 8, 0, 0, 0); // China time
    return d.toISOString();
  };
  const need = (
    n: number,
    o: Partial<VsNeedTable> & Pick<VsNeedTable, 'description' | 'place' | 'contact_name'>,
    phone: string,
  ): VsNeedTable => ({
    id: crypto.randomUUID(),
    need_number: `XQ-DEMO-${String(n).padStart(4, '0')}`,
    region_code: SANSHUNZHUANG,
    category_code: cat,
    project_id: null,
    wanted_from: day(2, 9),
    wanted_to: day(2, 11),
    contact_phone_cipher: pii.encrypt(phone),
    contact_phone_masked: `${phone.slice(0, 3)}****${phone.slice(-4)}`,
    requester_account_id: null,
    resident_id: null,
    channel: 'self',
    recorded_by: null,
    status: 'submitted',
    reject_reason: null,
    order_id: null,
    reviewed_by: null,
    reviewed_at: null,
    is_demo: 1,
    created_at: at(30 - n),
    updated_at: at(30 - n),
    ...o,
  });
  const order = (
    n: number,
    o: Partial<VsOrderTable> & Pick<VsOrderTable, 'title' | 'state'>,
  ): VsOrderTable => ({
    id: crypto.randomUUID(),
    order_number: `PD-DEMO-${String(n).padStart(4, '0')}`,
    description: o.title,
    category_code: cat,
    region_code: SANSHUNZHUANG,
    place: '三顺庄村村委会',
    wanted_from: day(3, 14),
    wanted_to: day(3, 16),
    version: 2,
    directed_team_id: null,
    team_id: null,
    grab_region_code: null,
    escalation_level: 0,
    window_ends_at: null,
    dispatched_at: at(20),
    accepted_at: null,
    completed_at: null,
    cancelled_at: null,
    cancel_reason: null,
    created_by: vstaff,
    is_demo: 1,
    created_at: at(24),
    updated_at: at(20),
    ...o,
  });

  const directed = order(1, {
    title: '独居老人上门理发',
    state: 'directed',
    directed_team_id: team.id,
    window_ends_at: windowEnd(now, 20),
  });
  const open = order(2, {
    title: '陪同老人去镇卫生院复查',
    state: 'open',
    region_code: YIZHUANG,
    place: '伊庄村 12 号',
    grab_region_code: initialGrabRegion(YIZHUANG),
    window_ends_at: windowEnd(now, 18),
  });
  const done = order(3, {
    title: '帮老人代购米面油',
    state: 'completed',
    team_id: team.id,
    directed_team_id: team.id,
    accepted_at: at(40),
    completed_at: at(2),
    version: 4,
    created_at: at(60),
  });
  const needs = [
    need(
      1,
      {
        description: '家里老人腿脚不便，想请志愿者周六上门理发。',
        place: '三顺庄村 5 号',
        contact_name: '李长福',
        requester_account_id: resident,
      },
      '13912345678',
    ),
    need(
      2,
      {
        description: '（电话）老伴住院，家里没人做饭，想请人帮忙送两天饭。',
        place: '三顺庄村 18 号',
        contact_name: '张桂芝',
        channel: 'phone',
        recorded_by: vstaff,
      },
      '13800138000',
    ),
    need(
      3,
      {
        description: '想找人上门理发。',
        place: '三顺庄村 9 号',
        contact_name: '王大爷',
        channel: 'phone',
        recorded_by: vstaff,
        status: 'accepted',
        order_id: directed.id,
        reviewed_by: vstaff,
        reviewed_at: at(24),
      },
      '13600136000',
    ),
    need(
      4,
      {
        description: '下周二要去卫生院复查，子女不在身边。',
        place: '伊庄村 12 号',
        region_code: YIZHUANG,
        contact_name: '赵奶奶',
        channel: 'wechat',
        recorded_by: vstaff,
        status: 'accepted',
        order_id: open.id,
        reviewed_by: vstaff,
        reviewed_at: at(22),
      },
      '13500135000',
    ),
    need(
      5,
      {
        description: '米面油快吃完了，想请人帮忙买一些。',
        place: '三顺庄村 5 号',
        contact_name: '李长福',
        requester_account_id: resident,
        status: 'accepted',
        order_id: done.id,
        reviewed_by: vstaff,
        reviewed_at: at(60),
        created_at: at(70),
      },
      '13912345678',
    ),
  ];
  const actions = [
    [directed, 'created', null, 'awaiting_dispatch', null, 24],
    [directed, 'directed', 'awaiting_dispatch', 'directed', team.id, 20],
    [open, 'created', null, 'awaiting_dispatch', null, 22],
    [open, 'opened', 'awaiting_dispatch', 'open', null, 20],
    [done, 'created', null, 'awaiting_dispatch', null, 60],
    [done, 'directed', 'awaiting_dispatch', 'directed', team.id, 50],
    [done, 'accepted', 'directed', 'accepted', team.id, 40],
    [done, 'completed', 'accepted', 'completed', team.id, 2],
  ] as const;
  await db.transaction().execute(async (trx) => {
    for (const o of [directed, open, done]) await trx.insertInto('vs_orders').values(o).execute();
    for (const n of needs) await trx.insertInto('vs_needs').values(n).execute();
    for (const [o, action, from, to, teamId, hoursAgo] of actions)
      await trx
        .insertInto('vs_order_actions')
        .values({
          id: crypto.randomUUID(),
          order_id: o.id,
          action,
          from_state: from,
          to_state: to,
          team_id: teamId,
          reason_code: null,
          note: null,
          actor_id: action === 'accepted' ? null : vstaff,
          at: at(hoursAgo),
        })
        .execute();
  });
  return { needs: needs.length, orders: 3 };
}
