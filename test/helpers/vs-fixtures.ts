/**
 * Small fixture helpers for the volunteer domain (VS-*): they write rows straight into the tables of
 * migration 0008 so that a module's tests do not depend on another module's services. Shared by the
 * orders, activities and records tests: keep the signatures stable (add optional fields only).
 *
 * Every helper takes the Kysely handle (`testApp.testDb.db.kysely`) and returns the new row's id.
 * Timestamps default to test START; pass `now` when the test's clock has moved.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.ts';
import type { Role } from '../../src/modules/auth/roles.ts';
import type { PiiCipher } from '../../src/modules/residents/pii-crypto.ts';
import { START } from './test-app.ts';

type Db = Kysely<Database>;

const iso = (now?: Date) => (now ?? START).toISOString();
let counter = 0;
/** A short unique suffix for names and numbers within one process. */
export function uniq(prefix = ''): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36)}${counter.toString(36)}${crypto.randomBytes(2).toString('hex')}`;
}

/** A 8+N service category; does nothing when the code exists already. Returns the code. */
export async function insertCategory(
  db: Db,
  opts: {
    code?: string;
    nameZh?: string;
    nameEn?: string;
    colour?: string | null;
    now?: Date;
  } = {},
): Promise<string> {
  const code = opts.code ?? uniq('cat_');
  await db
    .insertInto('vs_categories')
    .values({
      code,
      name_zh: opts.nameZh ?? `类别${code}`,
      name_en: opts.nameEn ?? `Category ${code}`,
      colour: opts.colour ?? null,
      sort_order: 0,
      active: 1,
      is_demo: 0,
      created_at: iso(opts.now),
    })
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  return code;
}

/**
 * A login account with one region grant. The password is the demo password (the hash is copied
 * from the seeded `admin` account, so no slow hashing in tests). Returns the account id.
 */
export async function insertAccount(
  db: Db,
  opts: {
    role: Role;
    regionCode: string;
    username?: string;
    displayName?: string;
    residentId?: string | null;
    now?: Date;
  },
): Promise<{ id: string; username: string }> {
  const admin = await db
    .selectFrom('accounts')
    .select('password_hash')
    .where('username', '=', 'admin')
    .executeTakeFirstOrThrow();
  const id = crypto.randomUUID();
  const username = opts.username ?? uniq('u');
  await db
    .insertInto('accounts')
    .values({
      id,
      username,
      display_name: opts.displayName ?? `测试 ${username}`,
      password_hash: admin.password_hash,
      status: 'active',
      resident_id: opts.residentId ?? null,
      preferences: '{}',
      is_demo: 0,
      password_changed_at: iso(opts.now),
      created_at: iso(opts.now),
      updated_at: iso(opts.now),
    })
    .execute();
  await db
    .insertInto('role_grants')
    .values({
      id: crypto.randomUUID(),
      account_id: id,
      role: opts.role,
      region_code: opts.regionCode,
      station_id: null,
      created_at: iso(opts.now),
    })
    .execute();
  return { id, username };
}

/** A corps, team or sub-team (default: an active `team`). Returns the team id. */
export async function insertTeam(
  db: Db,
  opts: {
    regionCode: string;
    categoryCode?: string | null;
    leaderAccountId?: string | null;
    parentId?: string | null;
    kind?: 'corps' | 'team' | 'subteam';
    name?: string;
    active?: boolean;
    now?: Date;
  },
): Promise<string> {
  const id = crypto.randomUUID();
  const name = opts.name ?? uniq('队伍');
  await db
    .insertInto('vs_teams')
    .values({
      id,
      parent_id: opts.parentId ?? null,
      kind: opts.kind ?? (opts.parentId ? 'subteam' : 'team'),
      name,
      region_code: opts.regionCode,
      category_code: opts.categoryCode ?? null,
      colour: null,
      leader_account_id: opts.leaderAccountId ?? null,
      organisation_name: `${name}（组织）`,
      person_in_charge: '负责人',
      contact_phone: '010-69280000',
      description: '',
      active: opts.active === false ? 0 : 1,
      is_demo: 0,
      created_at: iso(opts.now),
      updated_at: iso(opts.now),
    })
    .execute();
  return id;
}

/** A registered volunteer (active by default), optionally linked to a login account. */
export async function insertVolunteer(
  db: Db,
  pii: PiiCipher,
  opts: {
    homeRegionCode: string;
    accountId?: string | null;
    fullName?: string;
    sex?: 'male' | 'female';
    birthDate?: string;
    idNumber?: string;
    phone?: string | null;
    skills?: string[];
    serviceRegionCodes?: string[];
    status?: 'active' | 'suspended';
    now?: Date;
  },
): Promise<string> {
  const id = crypto.randomUUID();
  const idNumber = opts.idNumber ?? `110115${uniq()}`.slice(0, 18);
  const phone = opts.phone === undefined ? '13800001234' : opts.phone;
  await db
    .insertInto('vs_volunteers')
    .values({
      id,
      volunteer_number: uniq('V'),
      account_id: opts.accountId ?? null,
      full_name: opts.fullName ?? '测试志愿者',
      sex: opts.sex ?? 'female',
      birth_date: opts.birthDate ?? '1990-01-01',
      id_hash: pii.lookupHash(idNumber),
      id_cipher: pii.encrypt(idNumber),
      id_masked: `${idNumber.slice(0, 1)}****************${idNumber.slice(-1)}`,
      phone_cipher: phone ? pii.encrypt(phone) : null,
      phone_masked: phone ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : null,
      home_region_code: opts.homeRegionCode,
      skills: JSON.stringify(opts.skills ?? []),
      service_region_codes: JSON.stringify(opts.serviceRegionCodes ?? [opts.homeRegionCode]),
      availability: JSON.stringify({ weekdays: [1, 2, 3, 4, 5, 6, 7], parts: ['am', 'pm'] }),
      guardian_consent: null,
      status: opts.status ?? 'active',
      registered_by: null,
      is_demo: 0,
      created_at: iso(opts.now),
      updated_at: iso(opts.now),
    })
    .execute();
  return id;
}

/** An approved team membership. Returns the membership id. */
export async function insertMember(
  db: Db,
  opts: {
    teamId: string;
    volunteerId: string;
    status?: 'pending' | 'approved' | 'rejected' | 'left';
    now?: Date;
  },
): Promise<string> {
  const id = crypto.randomUUID();
  await db
    .insertInto('vs_team_members')
    .values({
      id,
      team_id: opts.teamId,
      volunteer_id: opts.volunteerId,
      status: opts.status ?? 'approved',
      note: null,
      requested_at: iso(opts.now),
      decided_by: null,
      decided_at: opts.status === 'pending' ? null : iso(opts.now),
    })
    .execute();
  return id;
}

/** A project (项目清单), on the residents' menu by default. Returns the project id. */
export async function insertProject(
  db: Db,
  opts: {
    regionCode: string;
    categoryCode: string;
    name?: string;
    teamId?: string | null;
    onMenu?: boolean;
    active?: boolean;
    now?: Date;
  },
): Promise<string> {
  const id = crypto.randomUUID();
  await db
    .insertInto('vs_projects')
    .values({
      id,
      name: opts.name ?? uniq('项目'),
      description: '测试项目',
      category_code: opts.categoryCode,
      region_code: opts.regionCode,
      team_id: opts.teamId ?? null,
      schedule: '',
      on_menu: opts.onMenu === false ? 0 : 1,
      active: opts.active === false ? 0 : 1,
      is_demo: 0,
      created_by: null,
      created_at: iso(opts.now),
      updated_at: iso(opts.now),
    })
    .execute();
  return id;
}

/**
 * An order row in a given state (for modules that need an accepted order without going through the
 * orders API: activities, records). Returns the order id.
 */
export async function insertOrder(
  db: Db,
  opts: {
    regionCode: string;
    categoryCode: string;
    createdBy: string;
    state?: Database['vs_orders']['state'];
    teamId?: string | null;
    title?: string;
    now?: Date;
  },
): Promise<string> {
  const id = crypto.randomUUID();
  const state = opts.state ?? 'accepted';
  const taken = ['accepted', 'in_service', 'completed'].includes(state);
  await db
    .insertInto('vs_orders')
    .values({
      id,
      order_number: uniq('D'),
      title: opts.title ?? '测试订单',
      description: '测试',
      category_code: opts.categoryCode,
      region_code: opts.regionCode,
      place: '村委会',
      wanted_from: null,
      wanted_to: null,
      state,
      version: 1,
      directed_team_id: null,
      team_id: opts.teamId ?? null,
      grab_region_code: null,
      escalation_level: 0,
      window_ends_at: null,
      dispatched_at: taken ? iso(opts.now) : null,
      accepted_at: taken ? iso(opts.now) : null,
      completed_at: state === 'completed' ? iso(opts.now) : null,
      cancelled_at: state === 'cancelled' ? iso(opts.now) : null,
      cancel_reason: null,
      created_by: opts.createdBy,
      is_demo: 0,
      created_at: iso(opts.now),
      updated_at: iso(opts.now),
    })
    .execute();
  return id;
}

/** The id of a seeded demo account (e.g. 'vstaff', 'leader', 'resident'). */
export async function accountId(db: Db, username: string): Promise<string> {
  const row = await db
    .selectFrom('accounts')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return row.id;
}
