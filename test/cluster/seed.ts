/** Issue #16: seeds the cluster's database through pgbouncer, as the app nodes would write it. */
import crypto from 'node:crypto';
import { deriveAuditKeys, installAuditKeys } from '../../src/modules/audit/audit-key.ts';
import { hashToken } from '../../src/modules/auth/session.service.ts';
import { seedDemo } from '../../src/modules/demo/seed-demo.ts';
import { createPiiCipher, parseMasterKey } from '../../src/modules/residents/pii-crypto.ts';
import { openClusterDb, type Cluster } from './harness.ts';
export interface Seeded {
  /** Bearer tokens of volunteers, one each. */
  volunteers: string[];
  /** A Bearer token of the demo clerk (files cases). */
  clerk: string;
  activityIds: Record<string, string>;
}

/**
 * Demo accounts and stations, a team, one activity per `activities` entry (name → places), and
 * `volunteers` volunteers with Bearer tokens — written through pgbouncer as the app nodes would.
 */
export async function seedCluster(
  cluster: Cluster,
  opts: { volunteers: number; activities: Record<string, number> },
): Promise<Seeded> {
  const db = openClusterDb(cluster);
  const k = db.kysely;
  try {
    const pii = createPiiCipher(parseMasterKey(cluster.key));
    installAuditKeys(deriveAuditKeys({ dataKey: parseMasterKey(cluster.key) }));
    const now = new Date();
    const iso = now.toISOString();
    const expires = new Date(now.getTime() + 24 * 3600_000).toISOString();
    await seedDemo({ db: k, pii, now, residents: 0 });
    const account = async (username: string) =>
      k
        .selectFrom('accounts')
        .select(['id', 'password_hash'])
        .where('username', '=', username)
        .executeTakeFirstOrThrow();
    const leader = await account('leader');
    const clerk = await account('clerk');
    const clerkToken = crypto.randomBytes(24).toString('base64url');
    await k
      .insertInto('sessions')
      .values({
        id: hashToken(clerkToken),
        account_id: clerk.id,
        kind: 'bearer',
        label: 'cluster test',
        created_at: iso,
        expires_at: expires,
        last_seen_at: iso,
        revoked_at: null,
      })
      .execute();
    const teamId = crypto.randomUUID();
    await k
      .insertInto('vs_teams')
      .values({
        id: teamId,
        parent_id: null,
        kind: 'team',
        name: '集群测试服务队',
        region_code: '110115110000',
        category_code: null,
        colour: null,
        leader_account_id: leader.id,
        organisation_name: '集群测试',
        person_in_charge: '集群测试',
        contact_phone: '010-00000000',
        description: '',
        active: 1,
        is_demo: 0,
        created_at: iso,
        updated_at: iso,
      })
      .execute();
    const activityIds: Record<string, string> = {};
    let day = 7;
    for (const [name, places] of Object.entries(opts.activities)) {
      const id = crypto.randomUUID();
      activityIds[name] = id;
      const starts = new Date(now.getTime() + day++ * 24 * 3600_000);
      await k
        .insertInto('vs_activities')
        .values({
          id,
          order_id: null,
          project_id: null,
          team_id: teamId,
          title: `集群测试 ${name}`,
          description: '',
          place: '伊庄村',
          region_code: '110115110207',
          starts_at: starts.toISOString(),
          ends_at: new Date(starts.getTime() + 3 * 3600_000).toISOString(),
          capacity: places,
          confirmed_count: 0,
          queue_seq: 0,
          skills: '[]',
          lead_account_id: leader.id,
          code_secret_cipher: pii.encrypt(crypto.randomBytes(32).toString('base64')),
          status: 'open',
          cancel_reason: null,
          version: 1,
          created_by: leader.id,
          is_demo: 0,
          created_at: iso,
          updated_at: iso,
        })
        .execute();
    }
    const idCipher = pii.encrypt('110115199001010000');
    const volunteers: string[] = [];
    for (let start = 0; start < opts.volunteers; start += 500) {
      const batch = Array.from({ length: Math.min(500, opts.volunteers - start) }, (_, j) => ({
        i: start + j,
        account: crypto.randomUUID(),
        volunteer: crypto.randomUUID(),
        token: crypto.randomBytes(24).toString('base64url'),
      }));
      await k
        .insertInto('accounts')
        .values(
          batch.map((b) => ({
            id: b.account,
            username: `cluster-${b.i}`,
            display_name: `志愿者${b.i}`,
            password_hash: leader.password_hash,
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
            role: 'volunteer',
            region_code: '110115110000',
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
            label: 'cluster test',
            created_at: iso,
            expires_at: expires,
            last_seen_at: iso,
            revoked_at: null,
          })),
        )
        .execute();
      await k
        .insertInto('vs_volunteers')
        .values(
          batch.map((b) => ({
            id: b.volunteer,
            volunteer_number: `C${b.i}`,
            account_id: b.account,
            full_name: `志愿者${b.i}`,
            sex: 'female' as const,
            birth_date: '1990-01-01',
            id_hash: `cluster-${b.i}`,
            id_cipher: idCipher,
            id_masked: '1****************0',
            phone_cipher: null,
            phone_masked: null,
            home_region_code: '110115110207',
            skills: '[]',
            service_region_codes: '["110115110000"]',
            availability: '{}',
            guardian_consent: null,
            status: 'active' as const,
            registered_by: null,
            is_demo: 0,
            created_at: iso,
            updated_at: iso,
          })),
        )
        .execute();
      volunteers.push(...batch.map((b) => b.token));
    }
    return { volunteers, clerk: clerkToken, activityIds };
  } finally {
    await db.close();
  }
}
