/**
 * Demo data of 好差评 (GS-13): seven cases of the pilot town filed, decided and delivered through the
 * cases module's own use-cases — four at 伊庄村 (rated 非常满意、满意、非常满意、基本满意) and three at
 * the town centre (one 满意 and two 差评) — so /ratings shows figures on first start. Of the two
 * 差评's rectification tickets one stays open and one is worked to its close (called back,
 * rectified, the resident's reply recorded). Deterministic: the same residents (first by ID number)
 * and the same levels every time (by birth date, name and masked ID). Each delivered case is invited
 * to rating here, explicitly (inviteToRate is once per case): the seed never depends on whether the
 * app registered the ratings ports before it ran. Demo residents' SMS are suppressed, never sent.
 */
import type { Kysely } from 'kysely';
import type { Database, RatingChannel } from '../../db/schema.ts';
import type { Actor } from '../../shared/actor.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import { loadGrants } from '../auth/session.service.ts';
import { fileCase } from '../cases/case-intake.service.ts';
import { transitionCase } from '../cases/case-transition.service.ts';
import { inviteToRate } from './rating-invite.ts';
import { actOnTicket } from './rating-tickets.ts';
import { rateableSubject } from './rating-subjects.ts';
import type { RatingLevel } from './ratings.rules.ts';
import { submitRating } from './submit-rating.ts';
import { underPrefix } from '../../shared/region-range.ts';

const ITEM = 'DX-SB-001'; // 社会保障卡补办: decided at the town centre
const PRESENTED = ['id_card', 'photo_1inch'];

interface DemoRating {
  at: 'village' | 'centre';
  level: RatingLevel;
  reasons: string[];
  comment: string | null;
  channel: RatingChannel;
}

const RATINGS: DemoRating[] = [
  { at: 'village', level: 5, reasons: [], comment: '专管员很耐心', channel: 'device' },
  { at: 'village', level: 4, reasons: [], comment: null, channel: 'sms' },
  { at: 'village', level: 5, reasons: [], comment: '一次就办好了', channel: 'device' },
  { at: 'village', level: 3, reasons: [], comment: null, channel: 'qr' },
  { at: 'centre', level: 4, reasons: [], comment: null, channel: 'device' },
  { at: 'centre', level: 2, reasons: ['slow'], comment: '等了很久', channel: 'sms' },
  {
    at: 'centre',
    level: 1,
    reasons: ['repeat_visits', 'unclear_guidance'],
    comment: '材料没有一次说清，跑了两趟',
    channel: 'device',
  },
];

async function actorOf(db: Kysely<Database>, username: string): Promise<Actor | null> {
  const a = await db
    .selectFrom('accounts')
    .select(['id', 'username', 'display_name'])
    .where('username', '=', username)
    .executeTakeFirst();
  if (!a) return null;
  return {
    accountId: a.id,
    username: a.username,
    displayName: a.display_name,
    residentId: null,
    grants: await loadGrants(db, a.id),
  };
}

export async function seedDemoRatings(input: {
  db: Kysely<Database>;
  pii: PiiCipher;
  now: Date;
  town: string;
  exclude: string[];
  /** Where the invitation links point (the site's public URL); relative links without it. */
  publicUrl?: string;
}): Promise<{ ratings: number; tickets: number }> {
  const { db, pii } = input;
  const clerk = await actorOf(db, 'clerk');
  const town = await actorOf(db, 'town');
  if (!clerk || !town) return { ratings: 0, tickets: 0 };
  const residents = await db
    .selectFrom('residents')
    .select('id')
    .where(underPrefix('home_region_code', input.town.slice(0, 9)))
    .where('id', 'not in', input.exclude.length ? input.exclude : [''])
    .orderBy('birth_date')
    .orderBy('full_name')
    .orderBy('id_masked')
    .limit(RATINGS.length)
    .execute();
  let at = input.now.getTime() - RATINGS.length * 20 * 60_000;
  const tick = () => new Date((at += 60_000));
  const ticketIds: string[] = [];
  for (const [i, r] of RATINGS.entries()) {
    const resident = residents[i];
    if (!resident) break;
    const filer = r.at === 'village' ? clerk : town;
    const common = { actor: filer, requestId: `demo-ratings-${i}`, pii };
    let k = await fileCase(db, {
      residentId: resident.id,
      itemCode: ITEM,
      presented: PRESENTED,
      actor: filer,
      requestId: common.requestId,
      now: tick(),
      messages: { pii, publicUrl: input.publicUrl ?? '' },
    });
    const step = async (actor: Actor, action: 'route' | 'decide' | 'deliver') => {
      const body =
        action === 'decide'
          ? { action, expectedVersion: k.version, result: 'approved' as const, resultText: '准予' }
          : { action, expectedVersion: k.version };
      k = await transitionCase(db, { ...common, actor, caseId: k.id, body, now: tick() });
    };
    await step(filer, 'route');
    await step(town, 'decide');
    await step(filer, 'deliver');
    const delivered = tick();
    await db.transaction().execute((trx) =>
      inviteToRate(trx, {
        subjectType: 'case',
        subjectId: k.id,
        pii,
        publicUrl: input.publicUrl ?? '',
        now: delivered,
      }),
    );
    const subject = await rateableSubject(db, 'case', k.id);
    const rated = await db.transaction().execute((trx) =>
      submitRating(trx, {
        subject,
        rating: { level: r.level, reasons: r.reasons, comment: r.comment },
        channel: r.channel,
        rater: { residentId: resident.id, accountId: null },
        auditAccountId: null,
        now: tick(),
      }),
    );
    if (rated.ticketId) ticketIds.push(rated.ticketId);
  }
  // The first 差评's ticket is worked to its close; the second stays open for the demo.
  const first = ticketIds[0];
  if (first) {
    const steps = [
      { action: 'call_back' as const, note: '已电话回访，群众反映等候时间长' },
      {
        action: 'classify' as const,
        note: '核实属实：当日仅一个窗口',
        classification: 'fix_now' as const,
      },
      { action: 'rectify' as const, outcome: '高峰时段增开一个窗口，推行预约办理' },
      { action: 'record_reply' as const, reply: '群众表示认可，感谢改进', satisfied: true },
      { action: 'close' as const },
    ];
    for (const s of steps) {
      const { version } = await db
        .selectFrom('rating_tickets')
        .select('version')
        .where('id', '=', first)
        .executeTakeFirstOrThrow();
      await actOnTicket(db, { id: first, step: { ...s, version }, actor: town, now: tick() });
    }
  }
  return { ratings: residents.length, tickets: ticketIds.length };
}
