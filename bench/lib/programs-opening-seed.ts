/**
 * Seeding for bench/programs-opening.bench.ts: demo data, one published program with K first-come
 * classes (places ÷ K each) and a roomy warm-up class, and N guardians at 伊庄村, each with an
 * account, a guardian grant, a Bearer session and one child aged 8 on the season start.
 */
import crypto from 'node:crypto';
import type { DatabaseConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/connection.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { deriveAuditKeys, installAuditKeys } from '../../src/modules/audit/audit-key.ts';
import { hashToken } from '../../src/modules/auth/session.service.ts';
import { seedDemo } from '../../src/modules/demo/seed-demo.ts';
import { createPiiCipher, parseMasterKey } from '../../src/modules/residents/pii-crypto.ts';
import { CLASS_DAY_DEFAULTS } from '../../src/modules/programs/class-sessions.rules.ts';

const TOWN = '110115110000';
const YIZHUANG = '110115110207';
export const WARM_CLASS = '0c1a0000-0000-4000-8000-00000000a11a';
export const classIdOf = (k: number) => `0c1a0000-0000-4000-8000-${String(k).padStart(12, '0')}`;

export interface OpeningLoad {
  requests: number;
  places: number;
  classes: number;
}

export interface Guardian {
  token: string;
  childId: string;
  classId: string;
}

/** Migrates and seeds: demo data, the program with its classes, N guardians with a child each. */
export async function seed(
  config: DatabaseConfig,
  key: string,
  args: OpeningLoad,
): Promise<Guardian[]> {
  const db = openDatabase(config);
  const k = db.kysely;
  try {
    await migrateToLatest(db);
    const pii = createPiiCipher(parseMasterKey(key));
    installAuditKeys(deriveAuditKeys({ dataKey: parseMasterKey(key) }));
    const now = new Date();
    const iso = now.toISOString();
    await seedDemo({ db: k, pii, now, residents: 0 });
    const organiser = await k
      .selectFrom('accounts')
      .select(['id', 'password_hash'])
      .where('username', '=', 'organiser')
      .executeTakeFirstOrThrow();
    const programId = crypto.randomUUID();
    await k
      .insertInto('programs')
      .values({
        id: programId,
        organiser_account_id: organiser.id,
        organiser_name: '魏善庄镇妇联',
        title: '压测 暑期托管驿站',
        kind: 'summer_care',
        venue_name: '伊庄村妇女儿童家园',
        region_code: TOWN,
        season_starts_on: '2026-07-06',
        season_ends_on: '2026-08-14',
        fee_fen: 0,
        waiver_note: null,
        status: 'published',
        created_at: iso,
        updated_at: iso,
      })
      .execute();
    const perClass = args.places / args.classes;
    const klass = (id: string, name: string, capacity: number) => ({
      ...CLASS_DAY_DEFAULTS,
      id,
      program_id: programId,
      region_code: TOWN,
      name,
      capacity,
      hard_max: capacity + 5,
      min_age: 6,
      max_age: 12,
      min_grade: null,
      max_grade: null,
      catchment_codes: JSON.stringify([TOWN]),
      catchment_neighbourhoods: '[]',
      outside_catchment: 'refuse' as const,
      mode: 'first_come' as const,
      opens_at: new Date(now.getTime() - 3600_000).toISOString(),
      closes_at: null,
      offer_hours: 24,
      confirmed_count: 0,
      offered_count: 0,
      queue_seq: 0,
      created_at: iso,
      drawn_at: null,
    });
    await k
      .insertInto('program_classes')
      .values([
        ...Array.from({ length: args.classes }, (_, c) =>
          klass(classIdOf(c), `${c + 1}班`, perClass),
        ),
        klass(WARM_CLASS, '预热班', 10_000),
      ])
      .execute();
    const expires = new Date(now.getTime() + 24 * 3600_000).toISOString();
    const idCipher = pii.encrypt('110115201803010000');
    const out: Guardian[] = [];
    for (let start = 0; start < args.requests; start += 500) {
      const batch = Array.from({ length: Math.min(500, args.requests - start) }, (_, j) => ({
        i: start + j,
        account: crypto.randomUUID(),
        child: crypto.randomUUID(),
        token: crypto.randomBytes(24).toString('base64url'),
      }));
      await k
        .insertInto('accounts')
        .values(
          batch.map((b) => ({
            id: b.account,
            username: `opening-${b.i}`,
            display_name: `家长${b.i}`,
            password_hash: organiser.password_hash,
            status: 'active' as const,
            resident_id: null,
            preferences: '{}',
            is_demo: 0,
            password_changed_at: iso,
            created_at: iso,
            updated_at: iso,
          })),
        )
        .execute();
      await k
        .insertInto('role_grants')
        .values(
          batch.map((b) => ({
            id: crypto.randomUUID(),
            account_id: b.account,
            role: 'guardian',
            region_code: YIZHUANG,
            station_id: null,
            created_at: iso,
          })),
        )
        .execute();
      await k
        .insertInto('sessions')
        .values(
          batch.map((b) => ({
            id: hashToken(b.token),
            account_id: b.account,
            kind: 'bearer' as const,
            label: 'bench',
            created_at: iso,
            expires_at: expires,
            last_seen_at: iso,
            revoked_at: null,
          })),
        )
        .execute();
      await k
        .insertInto('children')
        .values(
          batch.map((b) => ({
            id: b.child,
            guardian_account_id: b.account,
            real_name: `孩子${b.i}`,
            id_cipher: idCipher,
            id_hash: `opening-${b.i}`,
            id_masked: '110115********000X',
            birth_date: '2018-03-01',
            relation: 'mother',
            region_code: YIZHUANG,
            created_at: iso,
          })),
        )
        .execute();
      out.push(
        ...batch.map((b) => ({
          token: b.token,
          childId: b.child,
          classId: classIdOf(b.i % args.classes),
        })),
      );
    }
    return out;
  } finally {
    await db.close();
  }
}
