/**
 * GS-11 coverage warnings: a sweep (any number of nodes) finds opening hours in the coming days in
 * which a post has nobody, and warns the supervisors in scope — the previous working day from 15:00
 * and again on the day from 07:00 (posts.rules.ts `dueNotice`; no warnings for days off). Each
 * warning is one row under a unique key (post, day, gap start, notice): only the node whose insert
 * succeeds notifies and audits, so each gap is warned exactly once per notice.
 */
import crypto from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { reachOf } from '../../shared/actor.ts';
import { addDays, chinaDate, chinaDayStartUtc } from '../../shared/china-time.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { loadWorkCalendar } from '../calendar/calendar.service.ts';
import { notify } from '../notifications/notification.service.ts';
import { coverageOf, loadStationHours } from './coverage.service.ts';
import { loadAbsences } from './post-holdings.ts';
import { dueNotice, gapsOf } from './posts.rules.ts';

/** How far ahead the sweep looks (a long weekend's previous working day is within it). */
const LOOKAHEAD_DAYS = 8;

/** Supervisors whose reach covers the post's region (active accounts, each once). */
export async function coverageRecipients(trx: Transaction<Database>, regionCode: string) {
  const grants = await trx
    .selectFrom('role_grants as g')
    .innerJoin('accounts as a', 'a.id', 'g.account_id')
    .innerJoin('regions as r', 'r.code', 'g.region_code')
    .leftJoin('stations as s', 's.id', 'g.station_id')
    .select(['g.account_id', 'g.region_code', 'r.level', 's.kind as station_kind'])
    .where('a.status', '=', 'active')
    .where('g.role', '=', 'supervisor')
    .orderBy('g.account_id')
    .execute();
  const out = new Set<string>();
  for (const g of grants)
    if (regionCode.startsWith(reachOf(g.region_code, g.level, g.station_kind)))
      out.add(g.account_id);
  return [...out];
}

export async function sweepCoverageWarnings(
  db: Kysely<Database>,
  opts: { now: Date; nodeId: string },
): Promise<{ gaps: number; warned: number }> {
  const today = chinaDate(opts.now);
  const fromIso = chinaDayStartUtc(today);
  const toIso = chinaDayStartUtc(addDays(today, LOOKAHEAD_DAYS));
  // A gap needs A away: only posts whose A holder has an absence in the window.
  const posts = await db
    .selectFrom('posts as p')
    .selectAll('p')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('post_absences as x')
          .select('x.id')
          .whereRef('x.account_id', '=', 'p.a_account_id')
          .where('x.status', '=', 'active')
          .where('x.starts_at', '<', toIso)
          .where('x.ends_at', '>', fromIso),
      ),
    )
    .orderBy('p.id')
    .limit(500)
    .execute();
  if (posts.length === 0) return { gaps: 0, warned: 0 };
  const [absences, cal, hours] = await Promise.all([
    loadAbsences(
      db,
      posts.flatMap((p) => [p.a_account_id, p.b_account_id]),
      fromIso,
      toIso,
    ),
    loadWorkCalendar(db),
    loadStationHours(
      db,
      posts.map((p) => p.station_id),
    ),
  ]);
  const stationNames = new Map(
    (
      await db
        .selectFrom('stations')
        .select(['id', 'name'])
        .where(
          'id',
          'in',
          posts.map((p) => p.station_id),
        )
        .execute()
    ).map((s) => [s.id, s.name]),
  );
  let gaps = 0;
  let warned = 0;
  for (const cell of coverageOf(posts, hours, absences, today, LOOKAHEAD_DAYS, cal)) {
    for (const gap of gapsOf(cell.slots)) {
      gaps++;
      const notice = dueNotice(opts.now, cell.date, gap.from, cal);
      if (!notice) continue;
      const won = await db.transaction().execute(async (trx) => {
        const id = crypto.randomUUID();
        const r = await trx
          .insertInto('post_coverage_warnings')
          .values({
            id,
            post_id: cell.post.id,
            region_code: cell.post.region_code,
            day: cell.date,
            gap_from: gap.from,
            gap_to: gap.to,
            notice,
            swept_by: opts.nodeId,
            created_at: opts.now.toISOString(),
          })
          .onConflict((oc) => oc.columns(['post_id', 'day', 'gap_from', 'notice']).doNothing())
          .executeTakeFirst();
        if (Number(r.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
        const recipients = await coverageRecipients(trx, cell.post.region_code);
        for (const accountId of recipients)
          await notify(trx, {
            accountId,
            kind: 'post_coverage_gap',
            params: {
              post: cell.post.name,
              station: stationNames.get(cell.post.station_id) ?? '',
              day: cell.date,
              from: gap.from,
              to: gap.to,
              notice,
            },
            entityType: 'post',
            entityId: cell.post.id,
            now: opts.now,
          });
        await recordAudit(trx, {
          actor: { accountId: null, role: 'system', stationId: null },
          action: 'post.coverage_warned',
          entityType: 'post',
          entityId: cell.post.id,
          regionCode: cell.post.region_code,
          after: {
            day: cell.date,
            from: gap.from,
            to: gap.to,
            notice,
            node: opts.nodeId,
            notified: recipients,
          },
          now: opts.now,
        });
        return true;
      });
      if (won) warned++;
    }
  }
  return { gaps, warned };
}
