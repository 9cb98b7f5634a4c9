/**
 * Demo 帮办代办 (GS-6): a few residents of 魏善庄镇 (三顺庄村 first) have authorized the demo agent,
 * so the agent's resident list is not empty — and shows only them. 李长福 and 程建国 (the story's
 * two people) are left for the walkthrough, where the clerk records 李长福's authorization.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { chinaDate } from '../../shared/china-time.ts';
import { underPrefix } from '../../shared/region-range.ts';

const SEED_ACTOR = { accountId: null, role: 'system', stationId: null };
const YEAR_MS = 365 * 86_400_000;

const CONSENTS = [
  { method: 'in_person' as const, allItems: 1, items: [] as string[] },
  { method: 'signed_form' as const, allItems: 0, items: ['DX-SB-001', 'DX-SB-004'] },
  { method: 'in_person' as const, allItems: 1, items: [] as string[] },
];

export async function seedDemoAuthorizations(input: {
  db: Kysely<Database>;
  now: Date;
  town: string;
  village: string;
  exclude: readonly string[];
}) {
  const { db, now } = input;
  const [agent, clerk] = await Promise.all(
    ['agent', 'clerk'].map((u) =>
      db.selectFrom('accounts').select('id').where('username', '=', u).executeTakeFirstOrThrow(),
    ),
  );
  const townPrefix = input.town.slice(0, 9);
  const people = (
    await db
      .selectFrom('residents')
      .select(['id', 'home_region_code', 'full_name'])
      .where('is_demo', '=', 1)
      .where(underPrefix('home_region_code', townPrefix))
      .execute()
  )
    .filter((p) => !input.exclude.includes(p.id))
    .sort(
      (a, b) =>
        Number(b.home_region_code === input.village) -
          Number(a.home_region_code === input.village) ||
        a.home_region_code.localeCompare(b.home_region_code) ||
        a.id.localeCompare(b.id),
    )
    .slice(0, CONSENTS.length);
  const nowIso = now.toISOString();
  const expiresOn = chinaDate(new Date(now.getTime() + YEAR_MS));
  await db.transaction().execute(async (trx) => {
    for (const [i, p] of people.entries()) {
      const consent = CONSENTS[i]!;
      const id = crypto.randomUUID();
      await trx
        .insertInto('authorizations')
        .values({
          id,
          resident_id: p.id,
          agent_account_id: agent!.id,
          region_code: p.home_region_code,
          all_items: consent.allItems,
          item_codes: JSON.stringify(consent.items),
          expires_on: expiresOn,
          consent_method: consent.method,
          consent_attachment_id: null,
          consent_call_ref: null,
          recorded_by: clerk!.id,
          recorded_role: 'clerk',
          created_at: nowIso,
          revoked_at: null,
          revoked_by: null,
          revoke_reason: null,
        })
        .execute();
      await recordAudit(trx, {
        actor: SEED_ACTOR,
        action: 'authorization.recorded',
        entityType: 'authorization',
        entityId: id,
        regionCode: p.home_region_code,
        after: {
          residentId: p.id,
          agentAccountId: agent!.id,
          items: consent.allItems ? 'all' : consent.items,
          expiresOn,
          consentMethod: consent.method,
        },
        now,
      });
    }
  });
  return people.length;
}
