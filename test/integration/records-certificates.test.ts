/**
 * VS-8/VS-9 over HTTP: a volunteer's record, certificates only from the organisation holding the
 * records (谁记录谁证明), unconfirmed hours left out, the PDF, public verification before and after
 * revocation, star packs per region, and bad input → 4xx with nothing written.
 *
 * This file: issuing certificates, the PDF, public verification and revocation, and bad input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { countRows, pdfText } from './records.fixtures.ts';
import { buildRecordsWorld, QYD, type Cert, type RecordJson } from './records-world.fixtures.ts';

describe('VS-8 VS-9 volunteer records and certificates', () => {
  let t: TestApp;
  const c: Record<string, Client> = {};
  let teamA = '';
  let teamB = '';
  let vol = ''; // the demo volunteer: served with A, A's sub-team and B
  let onlyPending = '';
  let stranger = '';
  let leaderB: Client;
  let leaderBName = '';
  const audit = () => countRows(t.testDb.db.kysely, 'audit_events');

  beforeAll(async () => {
    t = await createTestApp();
    ({ teamA, teamB, vol, onlyPending, stranger, leaderB, leaderBName } = await buildRecordsWorld(
      t,
      c,
    ));
  });
  afterAll(async () => t.close());

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
