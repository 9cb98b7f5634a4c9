/**
 * Issue #15 point 4: the staff roster by Excel. The plan reads stations, regions and the accounts
 * with the roster's mobiles and says, row by row, what the import would do; apply creates each new
 * account (createAccount, in the import's transaction) with a one-time password it must change
 * (must_change_password), or adds the grants an existing account lacks. The passwords are answered
 * once by apply (or queued by SMS, encrypted in the outbox) and stored only as their hash.
 */
import type { Transaction } from 'kysely';
import type { Database, RegionLevel } from '../../db/schema.ts';
import type { Db } from '../../db/in-transaction.ts';
import { maskMobile } from '../../shared/personal-numbers.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import type { AuditActor } from '../audit/audit.service.ts';
import { phoneLookupHash, setAccountPhone } from '../auth/account-phone.ts';
import { createAccount, insertGrant } from '../auth/account.service.ts';
import { oneTimePassword } from '../auth/accounts.rules.ts';
import { enqueueSms } from '../notifications/outbox.ts';
import type { ImportPlan, PlannedRow, ProgressFn } from './import-plan.ts';
import type { SheetRow } from './import-sheet.ts';
import { duplicatesInFile } from './resident-rows.rules.ts';
import {
  checkStaffRow,
  staffRowAction,
  type ExistingStaffAccount,
  type StaffGrant,
  type StaffRowAction,
  type StaffRowValue,
} from './staff-rows.rules.ts';
import { postsAtStations, writeRosterPosts } from '../posts/post-roster.ts';
import {
  planRosterPosts,
  postLabel,
  type Holder,
  type PostAssignment,
} from './roster-post.rules.ts';

export interface StaffPlanContext {
  db: Db;
  pii: PiiCipher;
  /** The importer's administrator reach ([''] for the operator's CLI). */
  reach: readonly string[];
  actorAccountId: string | null;
  onProgress?: ProgressFn | undefined;
}

export interface StaffWork {
  plan: ImportPlan;
  creates: { row: number; value: StaffRowValue }[];
  grants: { accountId: string; added: StaffGrant[] }[];
  /** Posts created or given new holders (岗位), once the rows' accounts exist. */
  posts: PostAssignment[];
}

/** A one-time password as apply answers it (once), or the note that it went by SMS. */
export interface IssuedPassword {
  row: number;
  fullName: string;
  username: string;
  phoneMasked: string;
  /** Null when it was sent by SMS instead. */
  password: string | null;
}

async function existingAccounts(db: Db, pii: PiiCipher, mobiles: readonly string[]) {
  const byHash = new Map(mobiles.map((m) => [phoneLookupHash(pii, m), m]));
  const found = new Map<string, ExistingStaffAccount>();
  const taken = new Set<string>();
  const hashes = [...byHash.keys()];
  for (let i = 0; i < hashes.length; i += 500) {
    const slice = hashes.slice(i, i + 500);
    const accounts = await db
      .selectFrom('accounts')
      .select(['id', 'phone_hash'])
      .where('phone_hash', 'in', slice)
      .execute();
    const grants = accounts.length
      ? await db
          .selectFrom('role_grants')
          .select(['account_id', 'role', 'region_code', 'station_id'])
          .where(
            'account_id',
            'in',
            accounts.map((a) => a.id),
          )
          .execute()
      : [];
    for (const a of accounts)
      found.set(byHash.get(a.phone_hash!)!, {
        id: a.id,
        grants: grants
          .filter((g) => g.account_id === a.id)
          .map((g) => ({
            role: g.role as StaffGrant['role'],
            regionCode: g.region_code,
            stationId: g.station_id,
          })),
      });
    const names = await db
      .selectFrom('accounts')
      .select('username')
      .where(
        'username',
        'in',
        slice.map((h) => byHash.get(h)!),
      )
      .execute();
    for (const n of names) taken.add(n.username);
  }
  return { found, taken };
}

export async function planStaffImport(
  ctx: StaffPlanContext,
  rows: readonly SheetRow[],
): Promise<StaffWork> {
  const stations = (
    await ctx.db.selectFrom('stations').select(['id', 'code', 'name', 'region_code']).execute()
  ).map((s) => ({ id: s.id, code: s.code, name: s.name, regionCode: s.region_code }));
  const scopes = [...new Set(rows.map((r) => (r.values.scope ?? '').trim()).filter(Boolean))];
  const levels = new Map<string, RegionLevel>();
  for (let i = 0; i < scopes.length; i += 500)
    for (const r of await ctx.db
      .selectFrom('regions')
      .select(['code', 'level'])
      .where('code', 'in', scopes.slice(i, i + 500))
      .execute())
      levels.set(r.code, r.level);
  const checked = rows.map((r, i) => {
    if (ctx.onProgress && i % 1000 === 0)
      ctx.onProgress({ phase: 'check', done: i, total: rows.length });
    return {
      row: r.row,
      name: r.values.fullName ?? '',
      check: checkStaffRow(r.values, {
        stations,
        regionLevel: (code) => levels.get(code) ?? null,
        reach: ctx.reach,
      }),
    };
  });
  const clean = checked.flatMap((c) => (c.check.ok ? [{ row: c.row, value: c.check.value }] : []));
  const dups = duplicatesInFile(clean.map((c) => ({ row: c.row, key: c.value.mobile })));
  const { found, taken } = await existingAccounts(
    ctx.db,
    ctx.pii,
    clean.map((c) => c.value.mobile),
  );
  const byRow = new Map(clean.map((c) => [c.row, c.value]));
  // Each clean row's own action first; then the posts the rows claim, which may refuse a row or
  // turn an unchanged account into a change (its slot of a post).
  const acts = new Map<number, StaffRowAction>();
  for (const c of clean) {
    const first = dups.get(c.row);
    if (first !== undefined) {
      acts.set(c.row, {
        action: 'refused',
        reasons: [{ code: 'STAFF_DUPLICATE_PHONE', detail: String(first) }],
      });
      continue;
    }
    acts.set(
      c.row,
      staffRowAction(c.value, found.get(c.value.mobile) ?? null, {
        reach: ctx.reach,
        actorAccountId: ctx.actorAccountId,
        usernameTaken: taken.has(c.value.mobile),
      }),
    );
  }
  const claims = clean.flatMap((c) =>
    c.value.post && c.value.stationId && acts.get(c.row)?.action !== 'refused'
      ? [
          {
            row: c.row,
            stationId: c.value.stationId,
            post: c.value.post,
            accountId: found.get(c.value.mobile)?.id ?? null,
          },
        ]
      : [],
  );
  const posts = planRosterPosts(
    claims,
    await postsAtStations(
      ctx.db,
      claims.map((c) => c.stationId),
    ),
  );
  const postChanged = new Set(posts.assignments.flatMap((a) => a.rows));
  const planned: PlannedRow[] = [];
  const work: StaffWork = { plan: undefined as never, creates: [], grants: [], posts: [] };
  const counts = { create: 0, change: 0, unchanged: 0, refused: 0 };
  for (const c of checked) {
    if (!c.check.ok) {
      counts.refused++;
      planned.push({ row: c.row, action: 'refused', who: c.name, reasons: c.check.reasons });
      continue;
    }
    const value = byRow.get(c.row)!;
    const who = `${value.fullName} ${maskMobile(value.mobile)}${value.post ? ` · ${postLabel(value.post)}` : ''}`;
    const postRefusal = posts.refused.get(c.row);
    const act: StaffRowAction = postRefusal
      ? { action: 'refused', reasons: postRefusal }
      : acts.get(c.row)!;
    const existing = found.get(value.mobile) ?? null;
    switch (act.action) {
      case 'create':
        counts.create++;
        work.creates.push({ row: c.row, value });
        planned.push({ row: c.row, action: 'create', who });
        break;
      case 'change':
        counts.change++;
        work.grants.push({ accountId: existing!.id, added: act.added });
        planned.push({
          row: c.row,
          action: 'change',
          who,
          changes: [...act.added.map((g) => g.role), ...(postChanged.has(c.row) ? ['post'] : [])],
        });
        break;
      case 'unchanged':
        if (postChanged.has(c.row)) {
          counts.change++;
          planned.push({ row: c.row, action: 'change', who, changes: ['post'] });
        } else counts.unchanged++;
        break;
      case 'refused':
        counts.refused++;
        planned.push({ row: c.row, action: 'refused', who, reasons: act.reasons });
        break;
    }
  }
  work.posts = posts.assignments;
  work.plan = { kind: 'staff', total: rows.length, counts, rows: planned };
  return work;
}

/** Carries out a clean plan in the caller's transaction; answers the one-time passwords once. */
export async function writeStaffImport(
  trx: Transaction<Database>,
  ctx: {
    pii: PiiCipher;
    actor: AuditActor;
    requestId: string | null;
    sendSms: boolean;
    now: Date;
    onProgress?: ProgressFn | undefined;
  },
  work: StaffWork,
): Promise<IssuedPassword[]> {
  const total = work.creates.length + work.grants.length + work.posts.length;
  const issued: IssuedPassword[] = [];
  const createdOf = new Map<number, string>();
  let done = 0;
  ctx.onProgress?.({ phase: 'write', done, total });
  for (const { row, value } of work.creates) {
    const password = oneTimePassword();
    const account = await createAccount(trx, {
      username: value.mobile,
      displayName: value.fullName,
      password,
      grants: value.grants.map((g) => ({
        role: g.role,
        regionCode: g.regionCode,
        ...(g.stationId ? { stationId: g.stationId } : {}),
      })),
      mustChangePassword: true,
      actor: ctx.actor,
      requestId: ctx.requestId,
      now: ctx.now,
    });
    createdOf.set(row, account.id);
    await setAccountPhone(trx, ctx.pii, { accountId: account.id, phone: value.mobile });
    if (ctx.sendSms)
      await enqueueSms(trx, ctx.pii, {
        to: value.mobile,
        template: 'staff_welcome',
        params: { username: value.mobile, password },
        now: ctx.now,
        subject: { type: 'account', id: account.id },
        regionCode: value.grants[0]!.regionCode,
      });
    issued.push({
      row,
      fullName: value.fullName,
      username: value.mobile,
      phoneMasked: maskMobile(value.mobile),
      password: ctx.sendSms ? null : password,
    });
    ctx.onProgress?.({ phase: 'write', done: ++done, total });
  }
  for (const { accountId, added } of work.grants) {
    for (const g of added)
      await insertGrant(trx, {
        accountId,
        role: g.role,
        regionCode: g.regionCode,
        ...(g.stationId ? { stationId: g.stationId } : {}),
        now: ctx.now,
      });
    ctx.onProgress?.({ phase: 'write', done: ++done, total });
  }
  // The posts last: every holder's account and grants exist by now.
  const holder = (h: Holder) => ('accountId' in h ? h.accountId : createdOf.get(h.row)!);
  await writeRosterPosts(trx, {
    creates: work.posts.flatMap((p) =>
      p.kind === 'create'
        ? [
            {
              stationId: p.stationId,
              name: p.name,
              aAccountId: holder(p.a),
              bAccountId: holder(p.b),
            },
          ]
        : [],
    ),
    updates: work.posts.flatMap((p) =>
      p.kind === 'update'
        ? [{ id: p.id, aAccountId: p.a && holder(p.a), bAccountId: p.b && holder(p.b) }]
        : [],
    ),
    actor: ctx.actor,
    requestId: ctx.requestId,
    now: ctx.now,
  });
  ctx.onProgress?.({ phase: 'write', done: total, total });
  return issued;
}
