import type { Me, Role } from '../../api/types';
import { STAFF_ROLES } from '../../lib/roles';

/** What the catalog and calendar pages let this user do (mirrors the server's route rules). */
export interface CatalogAccess {
  /** POST / PUT items, import (catalog.routes.ts ADMIN). */
  edit: boolean;
  /** GET /catalog/export (CATALOG_EXPORTERS). */
  export: boolean;
  /** The calendar pages and the due-date preview (STAFF_ROLES). */
  viewCalendar: boolean;
  /** PUT / DELETE /calendar/overrides (admins). */
  editCalendar: boolean;
  /**
   * Staff see the catalog's working detail: item codes (DX-SB-001), the 47+N tiers, versions and
   * the name in the other language. Residents see plain names in their language (issue #11).
   */
  staffView: boolean;
}

const has = (me: Me, roles: readonly Role[]) => me.grants.some((g) => roles.includes(g.role));

export function catalogAccessOf(me: Me): CatalogAccess {
  const admin = has(me, ['admin']);
  return {
    edit: admin,
    export: has(me, ['admin', 'supervisor']),
    viewCalendar: has(me, STAFF_ROLES),
    editCalendar: admin,
    staffView: has(me, STAFF_ROLES),
  };
}
