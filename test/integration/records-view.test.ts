/**
 * VS-8/VS-9 over HTTP: a volunteer's record, certificates only from the organisation holding the
 * records (谁记录谁证明), unconfirmed hours left out, the PDF, public verification before and after
 * revocation, star packs per region, and bad input → 4xx with nothing written.
 *
 * This file: who sees which record, training and awards, and the star packs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { countRows, insertActivity, insertServiceRecord } from './records.fixtures.ts';
import { buildRecordsWorld, TOWN, type RecordJson } from './records-world.fixtures.ts';

describe('VS-8 VS-9 volunteer records and certificates', () => {
  let t: TestApp;
  const c: Record<string, Client> = {};
  let teamA = '';
  let subA = '';
  let teamB = '';
  let vol = ''; // the demo volunteer: served with A, A's sub-team and B
  let onlyPending = '';
  let stranger = '';
  let leaderB: Client;
  const audit = () => countRows(t.testDb.db.kysely, 'audit_events');

  beforeAll(async () => {
    t = await createTestApp();
    ({ teamA, subA, teamB, vol, onlyPending, stranger, leaderB } = await buildRecordsWorld(t, c));
  });
  afterAll(async () => t.close());

  it('the volunteer sees the whole record: services with organisation, confirmer, evaluation and ratings', async () => {
    const r = await c.volunteer!.call('GET', '/api/v1/vs/me/record');
    expect(r.statusCode, r.body).toBe(200);
    const { linked, record } = r.json<{ linked: boolean; record: RecordJson }>();
    expect(linked).toBe(true);
    expect(record.partial).toBe(false);
    expect(record.services).toHaveLength(4);
    expect(record.confirmedHours).toBe(8.5); // 4 + 1.5 + 3; the pending 2 h not counted
    const first = record.services.find((s) => s.hours === 4 && s.status === 'confirmed')!;
    expect(first).toMatchObject({
      organisation: '彩虹志愿服务队（组织）',
      confirmedBy: '志愿服务队队长（演示）',
      evaluation: '认真负责',
      orderRating: { average: 4.5, count: 2 },
    });
    expect(record.stars).toMatchObject({ stars: 0, pack: { code: 'beijing' }, hoursToNext: 91.5 });
    expect(JSON.stringify(record)).not.toContain('110115199001011234');
  });

  it('a team leader sees only what their teams hold; another team’s leader only theirs', async () => {
    const mine = (await c.leader!.call('GET', `/api/v1/vs/records/${vol}`)).json<RecordJson>();
    expect(mine.partial).toBe(true);
    expect(new Set(mine.services.map((s) => s.teamId))).toEqual(new Set([teamA, subA]));
    const theirs = await leaderB.call('GET', `/api/v1/vs/records/${vol}`);
    expect(theirs.statusCode, theirs.body).toBe(200);
    expect(theirs.json<RecordJson>().services.map((s) => s.teamId)).toEqual([teamB]);
    const none = await leaderB.call('GET', `/api/v1/vs/records/${onlyPending}`);
    expect(none.statusCode).toBe(403);
    expect(none.json()).toMatchObject({ code: 'OUT_OF_SCOPE' });
  });

  it('staff see volunteers of their region; another volunteer’s record is not mine', async () => {
    const sr = await c.vstaff!.call('GET', `/api/v1/vs/records/${vol}`);
    expect(sr.statusCode).toBe(200);
    expect((await c.vstaff!.call('GET', `/api/v1/vs/records/${stranger}`)).statusCode).toBe(403);
    expect((await c.volunteer!.call('GET', `/api/v1/vs/records/${onlyPending}`)).statusCode).toBe(
      403,
    );
  });

  it('training and awards are recorded by the team’s leader and show in the record', async () => {
    const before = await audit();
    const r = await c.leader!.call('POST', `/api/v1/vs/records/${vol}/entries`, {
      teamId: teamA,
      kind: 'training',
      title: '应急救护培训',
      onDate: '2026-02-10',
      hours: 3.5,
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json<RecordJson>().training[0]).toMatchObject({
      title: '应急救护培训',
      hours: 3.5,
      recordedBy: '志愿服务队队长（演示）',
    });
    const award = await c.vstaff!.call('POST', `/api/v1/vs/records/${vol}/entries`, {
      teamId: subA,
      kind: 'award',
      title: '优秀志愿者',
      onDate: '2026-02-28',
    });
    expect(award.statusCode, award.body).toBe(201);
    expect(await audit()).toBe(before + 2);
    const row = await t.testDb.db.kysely
      .selectFrom('audit_events')
      .select(['action', 'after_json'])
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(row.action).toBe('vs_record.entry_added');
    // another organisation may not write into A's record; a non-member is refused
    const other = await leaderB.call('POST', `/api/v1/vs/records/${vol}/entries`, {
      teamId: teamA,
      kind: 'award',
      title: '冒名',
      onDate: '2026-02-28',
    });
    expect(other.statusCode).toBe(403);
    expect(other.json()).toMatchObject({ code: 'VS_NOT_TEAM_ISSUER' });
    const stray = await leaderB.call('POST', `/api/v1/vs/records/${stranger}/entries`, {
      teamId: teamB,
      kind: 'award',
      title: '优秀',
      onDate: '2026-02-28',
    });
    expect(stray.statusCode).toBe(409);
    expect(stray.json()).toMatchObject({ code: 'VS_RECORD_NOT_MEMBER' });
    expect(await audit()).toBe(before + 2);
  });

  it('stars: Beijing pack by default; an assignment nearer the region wins', async () => {
    const db = t.testDb.db.kysely;
    const leaderId = (await c.leader!.call('GET', '/api/v1/auth/me')).json<{ id: string }>().id;
    const act = await insertActivity(db, {
      teamId: teamA,
      regionCode: TOWN,
      leadAccountId: leaderId,
    });
    await insertServiceRecord(db, {
      volunteerId: vol,
      activityId: act,
      teamId: teamA,
      date: '2026-02-27',
      halfHours: 2 * 250 - 17, // total 250 h with the 8.5 h already confirmed
      confirmedBy: leaderId,
    });
    const stars = async () =>
      (await c.volunteer!.call('GET', '/api/v1/vs/me/record')).json<{ record: RecordJson }>().record
        .stars;
    expect(await stars()).toMatchObject({ stars: 2, pack: { code: 'beijing' } }); // 100/200/500
    const before = await audit();
    const set = await c.admin!.call('PUT', '/api/v1/vs/star-packs/regions/110115000000', {
      packCode: 'national',
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(await stars()).toMatchObject({ stars: 1, pack: { code: 'national' } }); // 100/300
    const nearer = await c.vstaff!.call('PUT', `/api/v1/vs/star-packs/regions/${TOWN}`, {
      packCode: 'beijing',
    });
    expect(nearer.statusCode, nearer.body).toBe(200);
    expect(await stars()).toMatchObject({ stars: 2, pack: { code: 'beijing' } });
    expect(await audit()).toBe(before + 2);
    const list = (await c.volunteer!.call('GET', '/api/v1/vs/star-packs')).json<{
      packs: { code: string; thresholds: number[] }[];
      assignments: { regionCode: string; packCode: string }[];
    }>();
    expect(list.packs.find((p) => p.code === 'national')!.thresholds).toEqual([
      100, 300, 600, 1000, 1500,
    ]);
    expect(list.packs.find((p) => p.code === 'beijing')!.thresholds).toEqual([
      100, 200, 500, 800, 1000,
    ]);
    expect(list.assignments).toHaveLength(2);
  });
});
