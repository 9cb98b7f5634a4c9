/**
 * VS-8/VS-9 over HTTP: a volunteer's record, certificates only from the organisation holding the
 * records (谁记录谁证明), unconfirmed hours left out, the PDF, public verification before and after
 * revocation, star packs per region, and bad input → 4xx with nothing written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import {
  insertAccount,
  insertCategory,
  insertMember,
  insertOrder,
  insertTeam,
  insertVolunteer,
} from '../helpers/vs-fixtures.ts';
import {
  countRows,
  demoVolunteer,
  insertActivity,
  insertRating,
  insertServiceRecord,
  pdfText,
} from './records.fixtures.ts';

const TOWN = '110115110000'; // 魏善庄镇
const YIZHUANG = '110115110207';
const QYD = '110115103000'; // 青云店镇

interface RecordJson {
  volunteer: { name: string; idMasked: string; volunteerNumber: string };
  confirmedHours: number;
  partial: boolean;
  stars: { stars: number; pack: { code: string }; hoursToNext: number | null };
  services: {
    teamId: string;
    organisation: string;
    hours: number;
    status: string;
    confirmedBy: string | null;
    evaluation: string | null;
    orderRating: { average: number; count: number } | null;
  }[];
  training: { title: string; hours: number; recordedBy: string }[];
  awards: { title: string }[];
  certificates: { certificateNumber: string }[];
}
interface Cert {
  id: string;
  certificateNumber: string;
  hours: number;
  revokedAt: string | null;
  snapshot: {
    totalHours: number;
    services: { organisation: string; hours: number }[];
    volunteer: { name: string; idMasked: string; volunteerNumber: string };
    issuer: { organisation: string; handler: string; personInCharge: string; contactPhone: string };
    verifyUrl: string;
  };
}

describe('VS-8 VS-9 volunteer records and certificates', () => {
  let t: TestApp;
  const c: Record<string, Client> = {};
  let cat = '';
  let teamA = '';
  let subA = '';
  let teamB = '';
  let vol = ''; // the demo volunteer: served with A, A's sub-team and B
  let onlyPending = '';
  let stranger = '';
  let leaderB: Client;
  let leaderBName = '';
  const audit = () => countRows(t.testDb.db.kysely, 'audit_events');

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.testDb.db.kysely;
    for (const u of ['leader', 'vstaff', 'volunteer', 'admin', 'supervisor', 'clerk'])
      c[u] = await t.login(u);
    const leaderId = (await c.leader!.call('GET', '/api/v1/auth/me')).json<{ id: string }>().id;
    const otherLeader = await insertAccount(db, {
      role: 'team_leader',
      regionCode: QYD,
      displayName: '青云店队长',
    });
    leaderBName = otherLeader.username;
    leaderB = await t.login(otherLeader.username);
    cat = await insertCategory(db);
    teamA = await insertTeam(db, {
      regionCode: TOWN,
      categoryCode: cat,
      leaderAccountId: leaderId,
      name: '彩虹志愿服务队',
    });
    subA = await insertTeam(db, { regionCode: YIZHUANG, parentId: teamA, name: '红色小队' });
    teamB = await insertTeam(db, {
      regionCode: QYD,
      leaderAccountId: otherLeader.id,
      name: '青云店服务队',
    });
    vol = await demoVolunteer(db, (accountId) =>
      insertVolunteer(db, t.pii, {
        homeRegionCode: YIZHUANG,
        accountId,
        fullName: '王小明',
        idNumber: '110115199001011234',
      }),
    );
    await insertMember(db, { teamId: subA, volunteerId: vol });
    const order = await insertOrder(db, {
      regionCode: TOWN,
      categoryCode: cat,
      createdBy: leaderId,
      state: 'completed',
      teamId: teamA,
    });
    await insertRating(db, t.pii, {
      orderId: order,
      teamId: teamA,
      regionCode: TOWN,
      categoryCode: cat,
      stars: 5,
    });
    await insertRating(db, t.pii, {
      orderId: order,
      teamId: teamA,
      regionCode: TOWN,
      categoryCode: cat,
      stars: 4,
    });
    const actA = await insertActivity(db, {
      teamId: teamA,
      regionCode: TOWN,
      leadAccountId: leaderId,
      orderId: order,
    });
    const actA2 = await insertActivity(db, {
      teamId: teamA,
      regionCode: TOWN,
      leadAccountId: leaderId,
    });
    const actSub = await insertActivity(db, {
      teamId: subA,
      regionCode: YIZHUANG,
      leadAccountId: leaderId,
    });
    const actB = await insertActivity(db, {
      teamId: teamB,
      regionCode: QYD,
      leadAccountId: otherLeader.id,
    });
    await insertServiceRecord(db, {
      volunteerId: vol,
      activityId: actA,
      teamId: teamA,
      date: '2026-02-20',
      halfHours: 8,
      confirmedBy: leaderId,
      content: '直播带货培训',
      place: '新义社区活动室',
      evaluation: '认真负责',
    });
    await insertServiceRecord(db, {
      volunteerId: vol,
      activityId: actSub,
      teamId: subA,
      date: '2026-02-22',
      halfHours: 3,
      confirmedBy: leaderId,
      content: '助老送餐',
    });
    await insertServiceRecord(db, {
      volunteerId: vol,
      activityId: actA2,
      teamId: teamA,
      date: '2026-02-25',
      halfHours: 4,
      status: 'pending_confirmation',
    });
    await insertServiceRecord(db, {
      volunteerId: vol,
      activityId: actB,
      teamId: teamB,
      date: '2026-02-26',
      halfHours: 6,
      confirmedBy: otherLeader.id,
      content: '环境整治',
    });
    onlyPending = await insertVolunteer(db, t.pii, {
      homeRegionCode: YIZHUANG,
      fullName: '赵待定',
    });
    await insertServiceRecord(db, {
      volunteerId: onlyPending,
      activityId: actA2,
      teamId: teamA,
      date: '2026-02-25',
      halfHours: 4,
      status: 'pending_confirmation',
    });
    stranger = await insertVolunteer(db, t.pii, {
      homeRegionCode: '110115103201',
      fullName: '钱路人',
    });
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

  let cert: Cert;
  it('the holding organisation issues a certificate over its own confirmed records only', async () => {
    const preview = await c.leader!.call(
      'GET',
      `/api/v1/vs/certificates/preview?volunteerId=${vol}&teamId=${teamA}`,
    );
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({ totalHours: 5.5, certificateNumber: '' });
    const before = await countRows(t.testDb.db.kysely, 'vs_certificates');
    expect(before).toBe(0);
    const r = await c.leader!.call('POST', '/api/v1/vs/certificates', {
      volunteerId: vol,
      teamId: teamA,
    });
    expect(r.statusCode, r.body).toBe(201);
    cert = r.json<Cert>();
    expect(cert.certificateNumber).toMatch(/^ZM2026-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(cert.hours).toBe(5.5); // A 4 h + sub-team 1.5 h; not B's 3 h, not the pending 2 h
    expect(cert.snapshot.services).toHaveLength(2);
    expect(cert.snapshot.volunteer.idMasked).not.toContain('19900101');
    expect(cert.snapshot.issuer).toMatchObject({
      organisation: '彩虹志愿服务队（组织）',
      handler: '志愿服务队队长（演示）',
      personInCharge: '负责人',
      contactPhone: '010-69280000',
    });
    expect(cert.snapshot.verifyUrl).toMatch(new RegExp(`/verify/${cert.certificateNumber}$`));
    const ev = await t.testDb.db.kysely
      .selectFrom('audit_events')
      .select(['action', 'after_json'])
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(ev.action).toBe('vs_certificate.issued');
    expect(ev.after_json).not.toContain('王小明');
  });

  it('another organisation cannot certify A’s records; B certifies only its own', async () => {
    const before = await countRows(t.testDb.db.kysely, 'vs_certificates');
    const r = await leaderB.call('POST', '/api/v1/vs/certificates', {
      volunteerId: vol,
      teamId: teamA,
    });
    expect(r.statusCode).toBe(403);
    expect(r.json()).toMatchObject({ code: 'VS_NOT_TEAM_ISSUER' });
    const staffElsewhere = await c.vstaff!.call('POST', '/api/v1/vs/certificates', {
      volunteerId: vol,
      teamId: teamB,
    });
    expect(staffElsewhere.statusCode).toBe(403);
    expect(await countRows(t.testDb.db.kysely, 'vs_certificates')).toBe(before);
    const b = await leaderB.call('POST', '/api/v1/vs/certificates', {
      volunteerId: vol,
      teamId: teamB,
    });
    expect(b.statusCode, b.body).toBe(201);
    expect(b.json<Cert>().hours).toBe(3);
  });

  it('no confirmed record held → 409 CERT_NO_RECORDS, nothing written', async () => {
    const before = await audit();
    for (const body of [
      { volunteerId: onlyPending, teamId: teamA }, // pending hours only
      { volunteerId: stranger, teamId: teamA }, // never served with A
    ]) {
      const r = await c.leader!.call('POST', '/api/v1/vs/certificates', body);
      expect(r.statusCode).toBe(409);
      expect(r.json()).toMatchObject({ code: 'CERT_NO_RECORDS' });
    }
    expect(await audit()).toBe(before);
  });

  it('the PDF is a PDF with the number, the fields and Chinese text', async () => {
    const r = await c.volunteer!.call('GET', `/api/v1/vs/certificates/${cert.id}/certificate.pdf`);
    expect(r.statusCode, r.body.slice(0, 200)).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    const bytes = r.rawPayload;
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(bytes);
    for (const s of [
      '志愿服务记录证明',
      cert.certificateNumber,
      '王小明',
      cert.snapshot.volunteer.volunteerNumber,
      '彩虹志愿服务队（组织）',
      '直播带货培训',
      '5.5',
    ])
      expect(text, s).toContain(s);
    expect(text).not.toContain('110115199001011234');
    const stranger = await leaderB.call(
      'GET',
      `/api/v1/vs/certificates/${cert.id}/certificate.pdf`,
    );
    expect(stranger.statusCode).toBe(403);
  });

  it('the public page verifies by number: valid, then revoked with date and reason', async () => {
    const anon = (n: string) =>
      t.app.inject({ method: 'GET', url: `/api/v1/public/certificates/${n}` });
    const ok = await anon(cert.certificateNumber.toLowerCase());
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      status: 'valid',
      holderName: '王**',
      totalHours: 5.5,
      organisation: '彩虹志愿服务队（组织）',
      issuedOn: '2026-03-02',
      revokedOn: null,
    });
    expect(ok.body).not.toContain('王小明');
    expect(ok.body).not.toContain(cert.snapshot.volunteer.idMasked);
    expect((await anon('ZM2026-0000-0000-0000')).statusCode).toBe(404);
    expect((await anon('nonsense')).json()).toMatchObject({ code: 'CERT_VERIFY_NOT_FOUND' });

    const notMine = await leaderB.call('POST', `/api/v1/vs/certificates/${cert.id}/revoke`, {
      reason: '错误',
    });
    expect(notMine.statusCode).toBe(403);
    const withPhone = await c.leader!.call('POST', `/api/v1/vs/certificates/${cert.id}/revoke`, {
      reason: '联系 13800001234',
    });
    expect(withPhone.statusCode).toBe(400);
    t.clock.advance(86_400_000);
    for (const u of ['leader', 'vstaff', 'volunteer', 'admin', 'supervisor', 'clerk'])
      c[u] = await t.login(u); // sessions last 12 h
    leaderB = await t.login(leaderBName);
    const rv = await c.leader!.call('POST', `/api/v1/vs/certificates/${cert.id}/revoke`, {
      reason: '服务时长登记有误，已重新出具',
    });
    expect(rv.statusCode, rv.body).toBe(200);
    expect(rv.json<Cert>().revokedAt).not.toBeNull();
    const again = await c.leader!.call('POST', `/api/v1/vs/certificates/${cert.id}/revoke`, {
      reason: '再次',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'CERT_ALREADY_REVOKED' });
    const gone = await anon(cert.certificateNumber);
    expect(gone.json()).toMatchObject({
      status: 'revoked',
      revokedOn: '2026-03-03',
      revokeReason: '服务时长登记有误，已重新出具',
    });
    const pdf = await c.leader!.call('GET', `/api/v1/vs/certificates/${cert.id}/certificate.pdf`);
    expect(pdfText(pdf.rawPayload)).toContain('撤销');
  });

  it('the certificates show in the record and the lists', async () => {
    const me = (await c.volunteer!.call('GET', '/api/v1/vs/me/record')).json<{
      record: RecordJson;
    }>();
    expect(me.record.certificates).toHaveLength(2);
    const leaderList = (await c.leader!.call('GET', '/api/v1/vs/certificates')).json<unknown[]>();
    expect(leaderList).toHaveLength(1);
    const cands = (await c.leader!.call('GET', '/api/v1/vs/certificates/candidates')).json<
      { volunteerId: string; teamId: string; hours: number }[]
    >();
    expect(
      cands
        .filter((x) => x.volunteerId === vol)
        .map((x) => x.hours)
        .sort(),
    ).toEqual([1.5, 4]);
    expect(cands.some((x) => x.volunteerId === onlyPending)).toBe(false);
  });

  it('public verification is rate-limited per address', async () => {
    let last = 0;
    for (let i = 0; i < 35; i += 1) {
      last = (
        await t.app.inject({
          method: 'GET',
          url: '/api/v1/public/certificates/ZM2026-0000-0000-0000',
          remoteAddress: '10.9.9.9',
        })
      ).statusCode;
    }
    expect(last).toBe(429);
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

  it('bad input on every endpoint → 4xx problem+json, nothing written', async () => {
    const db = t.testDb.db.kysely;
    const counts = async () => ({
      audit: await audit(),
      certs: await countRows(db, 'vs_certificates'),
      entries: await countRows(db, 'vs_record_entries'),
      packs: await countRows(db, 'vs_region_star_packs'),
    });
    const before = await counts();
    const bad: [Client, 'GET' | 'POST' | 'PUT', string, unknown?][] = [
      [c.leader!, 'GET', '/api/v1/vs/records/not-a-uuid'],
      [c.leader!, 'GET', '/api/v1/vs/records/00000000-0000-4000-8000-000000000000'],
      [
        c.leader!,
        'POST',
        `/api/v1/vs/records/${vol}/entries`,
        { teamId: teamA, kind: 'party', title: 'x', onDate: '2026-02-01' },
      ],
      [
        c.leader!,
        'POST',
        `/api/v1/vs/records/${vol}/entries`,
        { teamId: teamA, kind: 'award', title: '', onDate: '2026-02-01' },
      ],
      [
        c.leader!,
        'POST',
        `/api/v1/vs/records/${vol}/entries`,
        { teamId: teamA, kind: 'training', title: 'x', onDate: '2026-02-30' },
      ],
      [
        c.leader!,
        'POST',
        `/api/v1/vs/records/${vol}/entries`,
        { teamId: teamA, kind: 'training', title: 'x', onDate: '2026-02-01', hours: 1.25 },
      ],
      [
        c.leader!,
        'POST',
        `/api/v1/vs/records/${vol}/entries`,
        {
          teamId: teamA,
          kind: 'training',
          title: '身份证110115199001011234',
          onDate: '2026-02-01',
        },
      ],
      [
        c.leader!,
        'POST',
        `/api/v1/vs/records/${vol}/entries`,
        { teamId: teamA, kind: 'award', title: 'x', onDate: '2026-02-01', extra: 1 },
      ],
      [
        c.leader!,
        'POST',
        `/api/v1/vs/records/${vol}/entries`,
        {
          teamId: '00000000-0000-4000-8000-000000000000',
          kind: 'award',
          title: 'x',
          onDate: '2026-02-01',
        },
      ],
      [c.leader!, 'POST', '/api/v1/vs/certificates', { volunteerId: vol }],
      [c.leader!, 'POST', '/api/v1/vs/certificates', { volunteerId: 'x', teamId: teamA }],
      [
        c.leader!,
        'POST',
        '/api/v1/vs/certificates',
        { volunteerId: '00000000-0000-4000-8000-000000000000', teamId: teamA },
      ],
      [
        c.leader!,
        'POST',
        '/api/v1/vs/certificates',
        { volunteerId: vol, teamId: teamA, hours: 100 },
      ],
      [c.leader!, 'GET', `/api/v1/vs/certificates/preview?volunteerId=${vol}`],
      [c.leader!, 'GET', '/api/v1/vs/certificates?limit=0'],
      [c.leader!, 'GET', '/api/v1/vs/certificates/nope'],
      [c.leader!, 'GET', '/api/v1/vs/certificates/00000000-0000-4000-8000-000000000000'],
      [
        c.leader!,
        'GET',
        '/api/v1/vs/certificates/00000000-0000-4000-8000-000000000000/certificate.pdf',
      ],
      [
        c.leader!,
        'POST',
        '/api/v1/vs/certificates/00000000-0000-4000-8000-000000000000/revoke',
        { reason: 'x' },
      ],
      [c.leader!, 'POST', `/api/v1/vs/certificates/${cert.id}/revoke`, {}],
      [c.leader!, 'POST', `/api/v1/vs/certificates/${cert.id}/revoke`, { reason: '' }],
      [c.admin!, 'PUT', '/api/v1/vs/star-packs/regions/110115', { packCode: 'national' }],
      [c.admin!, 'PUT', '/api/v1/vs/star-packs/regions/110115999999', { packCode: 'national' }],
      [c.admin!, 'PUT', '/api/v1/vs/star-packs/regions/110115110000', { packCode: 'gold' }],
      [c.admin!, 'PUT', '/api/v1/vs/star-packs/regions/110115110000', {}],
      [c.vstaff!, 'PUT', `/api/v1/vs/star-packs/regions/${QYD}`, { packCode: 'national' }],
      [c.admin!, 'GET', '/api/v1/vs/figures?regionCode=11'],
      [c.admin!, 'GET', '/api/v1/vs/figures?from=2026-03-10&to=2026-03-01'],
      [c.admin!, 'GET', '/api/v1/vs/figures?from=2026-13-01'],
      [c.admin!, 'GET', '/api/v1/vs/figures?regionCode=110115999999'],
      [c.vstaff!, 'GET', '/api/v1/vs/figures?regionCode=110115000000'],
      [c.admin!, 'GET', '/api/v1/vs/figures?what=1'],
    ];
    for (const [who, method, url, body] of bad) {
      const r = await who.call(method, url, body);
      expect(
        r.statusCode,
        `${method} ${url} ${JSON.stringify(body)} → ${r.body}`,
      ).toBeGreaterThanOrEqual(400);
      expect(r.statusCode, url).toBeLessThan(500);
      expect(r.headers['content-type'], url).toContain('application/problem+json');
      expect(r.json<{ code: string }>().code, url).toBeTruthy();
    }
    const longNumber = await t.app.inject({
      method: 'GET',
      url: `/api/v1/public/certificates/${'A'.repeat(60)}`,
      remoteAddress: '10.1.1.1',
    });
    expect(longNumber.statusCode).toBe(400);
    expect(await counts()).toEqual(before);
  });
});
