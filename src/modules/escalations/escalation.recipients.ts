/**
 * GS-8: who hears of an escalation — the officers of the town centre whose town covers the matter
 * and the supervisors whose reach covers it. Read inside the escalation's transaction, from the
 * grants as they are at that moment (active accounts only), each account once.
 */
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { reachOf } from '../../shared/actor.ts';
import { isRole } from '../../shared/roles.ts';

export interface EscalationRecipient {
  accountId: string;
  role: 'town_officer' | 'supervisor';
}

export async function escalationRecipients(
  trx: Transaction<Database>,
  regionCode: string,
): Promise<EscalationRecipient[]> {
  const grants = await trx
    .selectFrom('role_grants as g')
    .innerJoin('accounts as a', 'a.id', 'g.account_id')
    .innerJoin('regions as r', 'r.code', 'g.region_code')
    .leftJoin('stations as s', 's.id', 'g.station_id')
    .select(['g.account_id', 'g.role', 'g.region_code', 'r.level', 's.kind as station_kind'])
    .where('a.status', '=', 'active')
    .where((eb) =>
      eb.or([
        eb('g.role', '=', 'supervisor'),
        eb.and([eb('g.role', '=', 'town_officer'), eb('s.kind', '=', 'town_centre')]),
      ]),
    )
    .orderBy('g.account_id')
    .execute();
  const seen = new Set<string>();
  const out: EscalationRecipient[] = [];
  for (const g of grants) {
    if (!isRole(g.role) || (g.role !== 'supervisor' && g.role !== 'town_officer')) continue;
    if (!regionCode.startsWith(reachOf(g.region_code, g.level, g.station_kind))) continue;
    if (seen.has(g.account_id)) continue;
    seen.add(g.account_id);
    out.push({ accountId: g.account_id, role: g.role });
  }
  return out;
}
