/**
 * Demo GS-12 data in the pilot town: two sessions (one at the town centre, one point-to-point at
 * 三顺庄村), a few competences, and 临时救助申请 (DX-MZ-002) required — no e2e journey or test files
 * it with the demo clerk, so the gate is visible in the demo (the clerk of 伊庄村 is refused and
 * pointed to the agent of 三顺庄村 and the town centre) without changing any other journey.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { addDays, chinaDate } from '../../shared/china-time.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { addYears } from './competence.rules.ts';

const SEED_ACTOR = { accountId: null, role: 'system', stationId: null };
export const DEMO_REQUIRED_ITEM = 'DX-MZ-002';

export async function seedDemoTraining(input: {
  db: Kysely<Database>;
  now: Date;
  town: string;
  village: string;
}) {
  const { db, now } = input;
  const ids: Record<string, string> = {};
  for (const u of ['town', 'clerk', 'agent']) {
    const row = await db
      .selectFrom('accounts')
      .select('id')
      .where('username', '=', u)
      .executeTakeFirst();
    if (!row) return;
    ids[u] = row.id;
  }
  const station = async (regionCode: string, kind: 'town_centre' | 'village_station') =>
    (
      await db
        .selectFrom('stations')
        .select('id')
        .where('region_code', '=', regionCode)
        .where('kind', '=', kind)
        .executeTakeFirstOrThrow()
    ).id;
  const centre = await station(input.town, 'town_centre');
  const village = await station(input.village, 'village_station');
  const today = chinaDate(now);
  const nowIso = now.toISOString();
  const sessions = [
    {
      kind: 'town_centre' as const,
      station: centre,
      heldOn: addDays(today, -14),
      trainer: '区民政局 社会救助科',
      topics: ['DX-MZ-002', 'DX-SB-001'],
      text: '临时救助政策与材料审核；社保卡补办流程',
      attendees: [ids.clerk!, ids.agent!],
    },
    {
      kind: 'point_to_point' as const,
      station: village,
      heldOn: addDays(today, -7),
      trainer: '镇便民服务中心',
      topics: ['DX-MZ-002'],
      text: '临时救助入户核查要点（点对点）',
      attendees: [ids.agent!],
    },
  ];
  const competences = [
    { holder: ids.agent!, item: 'DX-MZ-002', session: 1 },
    { holder: ids.town!, item: 'DX-MZ-002', session: null },
    { holder: ids.clerk!, item: 'DX-SB-001', session: 0 },
    { holder: ids.agent!, item: 'DX-SB-001', session: 0 },
  ];
  await db.transaction().execute(async (trx) => {
    const sessionIds: string[] = [];
    for (const s of sessions) {
      const id = crypto.randomUUID();
      sessionIds.push(id);
      await trx
        .insertInto('training_sessions')
        .values({
          id,
          kind: s.kind,
          town_code: input.town,
          station_id: s.station,
          held_on: s.heldOn,
          trainer_name: s.trainer,
          topic_text: s.text,
          created_by: ids.town!,
          created_at: nowIso,
        })
        .execute();
      await trx
        .insertInto('training_session_topics')
        .values(s.topics.map((item_code) => ({ session_id: id, item_code })))
        .execute();
      await trx
        .insertInto('training_attendance')
        .values(
          s.attendees.map((account_id) => ({
            session_id: id,
            account_id,
            status: 'present' as const,
            recorded_by: ids.town!,
            recorded_at: nowIso,
          })),
        )
        .execute();
      await recordAudit(trx, {
        actor: SEED_ACTOR,
        action: 'training.session_recorded',
        entityType: 'training_session',
        entityId: id,
        regionCode: input.town,
        after: { kind: s.kind, heldOn: s.heldOn, topics: s.topics, demo: true },
        now,
      });
    }
    for (const c of competences) {
      const id = crypto.randomUUID();
      const certifiedOn = c.session === null ? addDays(today, -30) : sessions[c.session]!.heldOn;
      await trx
        .insertInto('competences')
        .values({
          id,
          account_id: c.holder,
          item_code: c.item,
          town_code: input.town,
          session_id: c.session === null ? null : sessionIds[c.session]!,
          certified_by: ids.town!,
          certified_on: certifiedOn,
          expires_on: addYears(certifiedOn, 2),
          revoked_at: null,
          revoked_by: null,
          revoke_reason: null,
          version: 1,
          created_at: nowIso,
          updated_at: nowIso,
        })
        .execute();
      await recordAudit(trx, {
        actor: SEED_ACTOR,
        action: 'competence.granted',
        entityType: 'competence',
        entityId: id,
        regionCode: input.town,
        after: { accountId: c.holder, itemCode: c.item, demo: true },
        now,
      });
    }
    await trx
      .insertInto('competence_requirements')
      .values({
        town_code: input.town,
        item_code: DEMO_REQUIRED_ITEM,
        required: 1,
        set_by: ids.town!,
        set_at: nowIso,
      })
      .execute();
    await recordAudit(trx, {
      actor: SEED_ACTOR,
      action: 'competence.requirement_set',
      entityType: 'competence_requirement',
      entityId: `${input.town}:${DEMO_REQUIRED_ITEM}`,
      regionCode: input.town,
      after: { required: true, demo: true },
      now,
    });
  });
}
