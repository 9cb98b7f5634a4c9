/** Who acts for which team and region in the volunteer pillar (VS-1, VS-2). */
import type { Kysely, Transaction } from 'kysely';
import type { Database, RegionLevel } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import type { Actor } from '../../shared/actor.ts';
import { LEVEL_PREFIX_LENGTH } from '../../shared/region-code.ts';
import type { Role } from '../../shared/roles.ts';

export type Conn = Kysely<Database> | Transaction<Database>;

/** Centre staff of the volunteer pillar (新时代文明实践中心/所/站) and administrators. */
export const VS_STAFF = ['admin', 'volunteer_staff'] as const satisfies readonly Role[];
/** Staff and team leaders: who may add resources and projects. */
export const VS_LIST_EDITORS = [
  'admin',
  'volunteer_staff',
  'team_leader',
] as const satisfies readonly Role[];
/** Who may open a volunteer's record: staff in scope, leaders of the volunteer's teams, oneself. */
export const VOLUNTEER_VIEWERS = [
  'admin',
  'volunteer_staff',
  'team_leader',
  'volunteer',
] as const satisfies readonly Role[];

export interface RegionInfo {
  code: string;
  name: string;
  level: RegionLevel;
  /** Every code inside the region starts with this. */
  prefix: string;
}

export async function regionInfo(db: Conn, code: string): Promise<RegionInfo> {
  const r = await db
    .selectFrom('regions')
    .select(['code', 'name', 'level'])
    .where('code', '=', code)
    .executeTakeFirst();
  if (!r) throw new AppError('UNKNOWN_REGION', { detail: code });
  return { ...r, prefix: code.slice(0, LEVEL_PREFIX_LENGTH[r.level]) };
}

export function isStaffIn(actor: Actor, regionCode: string): boolean {
  return actor.grants.some(
    (g) => (VS_STAFF as readonly string[]).includes(g.role) && regionCode.startsWith(g.reachPrefix),
  );
}
