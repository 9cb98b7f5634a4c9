/**
 * What an audit reader recognises an entity by (issue #11: the log showed `vs_order ad25f975`):
 * a case or order number, a station's or team's name, an account's display name. One batched
 * lookup per entity type on the page of events; types without a label keep their id.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Lookup = (db: Kysely<Database>, ids: string[]) => Promise<{ id: string; label: string }[]>;

const LOOKUPS: Record<string, Lookup> = {
  case: (db, ids) =>
    db.selectFrom('cases').select(['id', 'number as label']).where('id', 'in', ids).execute(),
  vs_order: (db, ids) =>
    db
      .selectFrom('vs_orders')
      .select(['id', 'order_number as label'])
      .where('id', 'in', ids)
      .execute(),
  account: (db, ids) =>
    db
      .selectFrom('accounts')
      .select(['id', 'display_name as label'])
      .where('id', 'in', ids)
      .execute(),
  station: (db, ids) =>
    db.selectFrom('stations').select(['id', 'name as label']).where('id', 'in', ids).execute(),
  region: (db, ids) =>
    db
      .selectFrom('regions')
      .select(['code as id', 'name as label'])
      .where('code', 'in', ids)
      .execute(),
  catalog_item: (db, ids) =>
    db
      .selectFrom('catalog_items')
      .select(['code as id', 'name_zh as label'])
      .where('code', 'in', ids)
      .execute(),
  vs_team: (db, ids) =>
    db.selectFrom('vs_teams').select(['id', 'name as label']).where('id', 'in', ids).execute(),
  vs_activity: (db, ids) =>
    db
      .selectFrom('vs_activities')
      .select(['id', 'title as label'])
      .where('id', 'in', ids)
      .execute(),
};

/** Entity types whose events carry a readable label. */
export const LABELLED_ENTITY_TYPES = Object.keys(LOOKUPS);

/** `${entityType}:${entityId}` → label, for the events given. */
export async function entityLabels(
  db: Kysely<Database>,
  events: readonly { entityType: string; entityId: string }[],
): Promise<Map<string, string>> {
  const idsByType = new Map<string, Set<string>>();
  for (const e of events) {
    if (!LOOKUPS[e.entityType]) continue;
    let ids = idsByType.get(e.entityType);
    if (!ids) idsByType.set(e.entityType, (ids = new Set()));
    ids.add(e.entityId);
  }
  const labels = new Map<string, string>();
  for (const [type, ids] of idsByType) {
    const rows = await LOOKUPS[type]!(db, [...ids]);
    for (const r of rows) labels.set(`${type}:${r.id}`, r.label);
  }
  return labels;
}
