import type { DialectMigration } from './types.ts';

/**
 * Issue #16 point 5: indexes for the last six lists to page by keyset (`<list>/page`), each in its
 * page's order behind its equality filters, so a page reads from the cursor on and stops at its
 * end instead of sorting everything in the caller's reach:
 *
 * - the resource and the project lists: active first, then region, name and id (a region prefix
 *   is a range of the second column under `active = 1`, the lists' default);
 * - the posts: region, name and id;
 * - the absences: active ones by start, then id;
 * - the certificate candidates, by the volunteer's name then id: a walk of the volunteers in that
 *   order probes each one's confirmed records (vs_service_records_volunteer) and stops at the
 *   page's end;
 * - the colleagues, ordered by the grant's region, the account's name, then the grant: no one
 *   index holds both tables' columns; role_grants by region and role makes the reach a range of
 *   handling grants, the few rows left sorted by name.
 */
export const keysetLastLists: DialectMigration = {
  async up(db) {
    const indexes: [name: string, table: string, columns: string[]][] = [
      ['vs_resources_list_order', 'vs_resources', ['active desc', 'region_code', 'name', 'id']],
      ['vs_projects_list_order', 'vs_projects', ['active desc', 'region_code', 'name', 'id']],
      ['posts_region_name_id', 'posts', ['region_code', 'name', 'id']],
      ['post_absences_status_starts', 'post_absences', ['status', 'starts_at', 'id']],
      ['vs_volunteers_name_id', 'vs_volunteers', ['full_name', 'id']],
      ['role_grants_region_role', 'role_grants', ['region_code', 'role']],
    ];
    for (const [name, table, columns] of indexes)
      await db.schema.createIndex(name).ifNotExists().on(table).columns(columns).execute();
  },
};
