/**
 * Reading the audit log: events inside the caller's reach with who did it and where in words —
 * newest first by sequence (`beforeSeq` pages it, for older clients and the export), and by keyset
 * (issue #16 p5): newest first by the event's time, then its sequence, so on PostgreSQL the page
 * walks the monthly partitions (by `occurred_at`) newest first and stops at the page's end.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { parseJsonColumn } from '../../db/json-column.ts';
import type { Database } from '../../db/schema.ts';
import { reachPrefixes, type Actor } from '../../shared/actor.ts';
import { addDays, chinaDayStartUtc } from '../../shared/china-time.ts';
import {
  cursorAfter,
  keysetQuery,
  listTotal,
  pageOf,
  type KeysetOrder,
} from '../../shared/keyset.ts';
import type { Role } from '../../shared/roles.ts';
import { entityLabels } from './audit-entity-labels.ts';
import { underAnyPrefix } from '../../shared/region-range.ts';

export interface AuditEventFilter {
  actor: Actor;
  roles: readonly Role[];
  entityType?: string | undefined;
  entityId?: string | undefined;
  action?: string | undefined;
  actorId?: string | undefined;
  /** China dates, inclusive: events on or after `from`, on or before `to`. */
  from?: string | undefined;
  to?: string | undefined;
}

/** The events a filter selects in the caller's reach (unordered, unpaged). */
function filteredAuditEvents(db: Kysely<Database>, input: AuditEventFilter) {
  const prefixes = reachPrefixes(input.actor, input.roles);
  let q = db
    .selectFrom('audit_events as e')
    .leftJoin('accounts as a', 'a.id', 'e.actor_id')
    .leftJoin('stations as s', 's.id', 'e.station_id')
    .where(underAnyPrefix('e.region_code', prefixes));
  if (input.entityType) q = q.where('e.entity_type', '=', input.entityType);
  if (input.entityId) q = q.where('e.entity_id', '=', input.entityId);
  if (input.action) q = q.where('e.action', '=', input.action);
  if (input.actorId) q = q.where('e.actor_id', '=', input.actorId);
  if (input.from) q = q.where('e.occurred_at', '>=', chinaDayStartUtc(input.from));
  if (input.to) q = q.where('e.occurred_at', '<', chinaDayStartUtc(addDays(input.to, 1)));
  return q;
}

function listedAuditEvents(q: ReturnType<typeof filteredAuditEvents>) {
  return q.selectAll('e').select(['a.display_name as actor_name', 's.name as station_name']);
}

type AuditRow = Awaited<ReturnType<ReturnType<typeof listedAuditEvents>['execute']>>[number];

async function presentAuditEvents(db: Kysely<Database>, rows: readonly AuditRow[]) {
  const labels = await entityLabels(
    db,
    rows.map((r) => ({ entityType: r.entity_type, entityId: r.entity_id })),
  );
  return rows.map((r) => ({
    seq: Number(r.seq),
    occurredAt: r.occurred_at,
    actorId: r.actor_id,
    actorName: r.actor_name,
    actorRole: r.actor_role,
    stationId: r.station_id,
    stationName: r.station_name,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    entityLabel: labels.get(`${r.entity_type}:${r.entity_id}`) ?? null,
    regionCode: r.region_code,
    before: r.before_json
      ? parseJsonColumn(z.unknown(), r.before_json, 'audit_events.before_json')
      : null,
    after: r.after_json
      ? parseJsonColumn(z.unknown(), r.after_json, 'audit_events.after_json')
      : null,
    requestId: r.request_id,
    hash: r.hash,
  }));
}

/** Events inside the caller's reach, newest first (by sequence), `limit` before `beforeSeq`. */
export async function listAuditEvents(
  db: Kysely<Database>,
  input: AuditEventFilter & { beforeSeq?: number | undefined; limit: number },
) {
  let q = filteredAuditEvents(db, input);
  if (input.beforeSeq) q = q.where('e.seq', '<', input.beforeSeq);
  const rows = await listedAuditEvents(q).orderBy('e.seq', 'desc').limit(input.limit).execute();
  return presentAuditEvents(db, rows);
}

/**
 * Issue #16 p5: the same log by keyset — newest first by the event's time, ties by sequence
 * (newest first too); index audit_events_occurred_seq (0058), on each month's partition.
 */
export const AUDIT_EVENT_ORDER: KeysetOrder = {
  list: 'audit-events',
  key: 'e.occurred_at',
  keyKind: 'timestamp',
  id: 'e.seq',
  idKind: 'integer',
  idDirection: 'desc',
  direction: 'desc',
};

export async function pageAuditEvents(
  db: Kysely<Database>,
  input: AuditEventFilter & { limit: number; after?: string | undefined },
) {
  const after = cursorAfter(AUDIT_EVENT_ORDER, input.after);
  const q = filteredAuditEvents(db, input);
  const rows = await keysetQuery(
    listedAuditEvents(q),
    AUDIT_EVENT_ORDER,
    after,
    input.limit,
  ).execute();
  const { shown, nextCursor } = pageOf(rows, input.limit, AUDIT_EVENT_ORDER, (r) => ({
    key: r.occurred_at,
    id: Number(r.seq),
  }));
  const { total, totalExact } = await listTotal(db, q.select('e.seq'));
  return { items: await presentAuditEvents(db, shown), nextCursor, total, totalExact };
}
