/**
 * Scans of materials over HTTP on a real database (GS-5): raw JPEG/PNG/PDF bodies, magic bytes,
 * the item version's material keys, scope, the 10 MiB limit, identical bytes back, and nothing
 * written on any refusal. Also the route × role matrix of the upload and download routes, which
 * the shared matrix cannot drive (raw bodies; an attachment id made first).
 */
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { ACCOUNTS } from './access/route-case.ts';

const LI = '110115194803120019';
const CASE_STAFF = ['admin', 'supervisor', 'district_officer', 'town_officer', 'clerk', 'agent'];
const UPLOADERS = ['clerk', 'agent', 'town_officer'];

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A real 1×1 PNG (one orange pixel). */
function tinyPng(): Buffer {
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]); // 1×1, 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(Buffer.from([0, 0xff, 0x80, 0x00]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const TINY_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);
const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

interface AttachmentJson {
  id: string;
  caseId: string;
  materialKey: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: { displayName: string };
  url: string;
}

describe('GS-5 scans of materials', () => {
  let t: TestApp;
  let clerk: Client;
  let other: Client; // a clerk in 青云店镇
  let caseId = '';
  let liId = '';

  const upload = (c: Client | null, body: Buffer, type: string, key = 'hukou_book', id = caseId) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${id}/attachments?materialKey=${key}`,
      headers: { 'content-type': type, ...(c ? { cookie: c.cookie } : {}) },
      payload: body,
    });
  const counts = async () => {
    const n = async (table: 'attachments' | 'audit_events') =>
      Number(
        (
          await t.testDb.db.kysely
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return { attachments: await n('attachments'), audit: await n('audit_events') };
  };

  beforeAll(async () => {
    t = await createTestApp();
    clerk = await t.login('clerk');
    other = await t.login('clerk-qyd');
    liId = (await clerk.call('POST', '/api/v1/residents/lookup', { idNumber: LI })).json<{
      id: string;
    }>().id;
    const filed = await clerk.call('POST', '/api/v1/cases', {
      residentId: liId,
      itemCode: 'DX-SB-004', // id_card, hukou_book, bank_card, claim_form
      presented: ['id_card'],
    });
    caseId = filed.json<{ id: string }>().id;
  });
  afterAll(async () => t.close());

  it('stores a PNG and a PDF scan, lists them and gives back identical bytes', async () => {
    const before = await counts();
    const png = tinyPng();
    const up = await upload(clerk, png, 'image/png');
    expect(up.statusCode, up.body).toBe(201);
    const a = up.json<AttachmentJson>();
    expect(a).toMatchObject({
      caseId,
      materialKey: 'hukou_book',
      contentType: 'image/png',
      sizeBytes: png.length,
      sha256: sha(png),
      url: `/api/v1/attachments/${a.id}`,
    });
    expect(a.uploadedBy.displayName).toBeTruthy();
    t.clock.advance(60_000);
    const pdf = await upload(clerk, TINY_PDF, 'application/pdf', 'claim_form');
    expect(pdf.statusCode, pdf.body).toBe(201);
    expect(await counts()).toEqual({
      attachments: before.attachments + 2,
      audit: before.audit + 2,
    });
    const event = await t.testDb.db.kysely
      .selectFrom('audit_events')
      .selectAll()
      .where('entity_id', '=', a.id)
      .executeTakeFirstOrThrow();
    expect(event.action).toBe('attachment.uploaded');
    expect(JSON.parse(event.after_json!)).toMatchObject({ sha256: sha(png), caseId });

    const list = await clerk.call('GET', `/api/v1/cases/${caseId}/attachments`);
    expect(list.statusCode).toBe(200);
    const rows = list.json<AttachmentJson[]>();
    expect(rows.map((r) => r.materialKey)).toEqual(['hukou_book', 'claim_form']);
    expect(list.body).not.toContain('"data"');

    for (const [row, bytes] of [
      [rows[0]!, png],
      [rows[1]!, TINY_PDF],
    ] as const) {
      const file = await clerk.call('GET', row.url);
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toBe(row.contentType);
      // Pictures show inline; a PDF downloads, never rendered on the app's origin.
      const disposition = row.contentType === 'application/pdf' ? 'attachment' : 'inline';
      expect(file.headers['content-disposition']).toMatch(
        new RegExp(`^${disposition}; filename="\\d{9}-\\d{8}-\\d{7}-`),
      );
      expect(file.headers['content-security-policy']).toMatch(/^sandbox/);
      expect(file.headers['cache-control']).toBe('private, no-store');
      expect(file.headers['x-content-type-options']).toBe('nosniff');
      expect(sha(file.rawPayload)).toBe(sha(bytes));
    }
  });

  it('keeps scans encrypted at rest and audits every viewing (X-3, X-4)', async () => {
    const png = Buffer.concat([tinyPng(), Buffer.from('身份证扫描件 110115194803120019')]);
    const a = (await upload(clerk, png, 'image/png', 'bank_card')).json<AttachmentJson>();
    const stored = await t.testDb.db.kysely
      .selectFrom('attachments')
      .select('data')
      .where('id', '=', a.id)
      .executeTakeFirstOrThrow();
    const raw = Buffer.from(stored.data);
    expect(raw.includes(Buffer.from('110115194803120019'))).toBe(false);
    expect(raw.subarray(0, 8).equals(png.subarray(0, 8))).toBe(false); // not even the PNG header
    const file = await clerk.call('GET', a.url);
    expect(sha(file.rawPayload)).toBe(sha(png));
    const viewed = await t.testDb.db.kysely
      .selectFrom('audit_events')
      .select(['action', 'actor_id'])
      .where('entity_id', '=', a.id)
      .where('action', '=', 'attachment.viewed')
      .execute();
    expect(viewed).toHaveLength(1);
  });

  it('stores the same bytes for the same material once (a retried upload writes nothing)', async () => {
    const first = await upload(clerk, tinyPng(), 'image/png');
    const before = await counts();
    const again = await upload(clerk, tinyPng(), 'image/png');
    expect(again.statusCode).toBe(200);
    expect(again.json<AttachmentJson>().id).toBe(first.json<AttachmentJson>().id);
    expect(await counts()).toEqual(before);
  });

  describe('refusals write nothing', () => {
    const big = Buffer.concat([tinyPng(), Buffer.alloc(10 * 1024 * 1024)]);
    const cases: [
      string,
      () => Promise<{ statusCode: number; json: () => unknown }>,
      number,
      string,
    ][] = [
      [
        'bytes that are not what they claim',
        () => upload(clerk, tinyPng(), 'image/jpeg'),
        415,
        'ATTACHMENT_TYPE_MISMATCH',
      ],
      [
        'a PDF claimed as PNG',
        () => upload(clerk, TINY_PDF, 'image/png'),
        415,
        'ATTACHMENT_TYPE_MISMATCH',
      ],
      ['an empty file', () => upload(clerk, Buffer.alloc(0), 'image/png'), 400, 'ATTACHMENT_EMPTY'],
      [
        'a material not in the item version',
        () => upload(clerk, tinyPng(), 'image/png', 'passport'),
        400,
        'UNKNOWN_MATERIAL',
      ],
      [
        'a GIF',
        () => upload(clerk, Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'), 'image/gif'),
        415,
        'ATTACHMENT_TYPE_UNSUPPORTED',
      ],
      [
        'text/plain',
        () => upload(clerk, Buffer.from('hello'), 'text/plain'),
        415,
        'ATTACHMENT_TYPE_UNSUPPORTED',
      ],
      [
        'JSON',
        () => upload(clerk, Buffer.from('{"a":1}'), 'application/json'),
        415,
        'ATTACHMENT_TYPE_UNSUPPORTED',
      ],
      ['more than 10 MiB', () => upload(clerk, big, 'image/png'), 413, 'BODY_TOO_LARGE'],
      ['another town’s clerk', () => upload(other, tinyPng(), 'image/png'), 403, 'OUT_OF_SCOPE'],
      [
        'an unknown case',
        () => upload(clerk, tinyPng(), 'image/png', 'hukou_book', crypto.randomUUID()),
        404,
        'CASE_NOT_FOUND',
      ],
    ];
    for (const [name, send, status, code] of cases) {
      it(name, async () => {
        const before = await counts();
        const res = await send();
        expect(res.statusCode).toBe(status);
        expect(res.json()).toMatchObject({ code });
        expect(await counts()).toEqual(before);
      });
    }
  });

  it('another town’s clerk can neither list nor download; unknown ids are 404', async () => {
    const [a] = (await clerk.call('GET', `/api/v1/cases/${caseId}/attachments`)).json<
      AttachmentJson[]
    >();
    for (const url of [`/api/v1/cases/${caseId}/attachments`, a!.url]) {
      const res = await other.call('GET', url);
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ code: 'OUT_OF_SCOPE' });
    }
    const missing = await clerk.call('GET', `/api/v1/attachments/${crypto.randomUUID()}`);
    expect(missing.json()).toMatchObject({ code: 'ATTACHMENT_NOT_FOUND' });
  });

  it('the raw-file parsers exist only on the upload route: elsewhere the API stays JSON only', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/residents/lookup',
      headers: { cookie: clerk.cookie, 'content-type': 'image/png' },
      payload: tinyPng(),
    });
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  describe('route × role', () => {
    let roleCase = '';
    let fileUrl = '';
    beforeAll(async () => {
      // Agents see only the cases they filed (GS-6): the agent files this one under an authorization.
      const agent = await t.login('agent');
      const me = (await agent.call('GET', '/api/v1/auth/me')).json<{ id: string }>();
      await clerk.call('POST', '/api/v1/authorizations', {
        residentId: liId,
        agentAccountId: me.id,
        items: 'all',
        expiresOn: '2026-12-31',
        consent: { method: 'in_person' },
      });
      const filed = await agent.call('POST', '/api/v1/cases', {
        residentId: liId,
        itemCode: 'DX-SB-004',
        presented: ['id_card'],
      });
      roleCase = filed.json<{ id: string }>().id;
      fileUrl = (
        await upload(clerk, TINY_PDF, 'application/pdf', 'bank_card', roleCase)
      ).json<AttachmentJson>().url;
    });
    it('anonymous callers are asked to log in', async () => {
      expect((await upload(null, tinyPng(), 'image/png', 'bank_card', roleCase)).statusCode).toBe(
        401,
      );
      expect((await t.app.inject({ method: 'GET', url: fileUrl })).statusCode).toBe(401);
    });
    for (const [username, role] of Object.entries(ACCOUNTS)) {
      it(`${role} (${username})`, async () => {
        const c = await t.login(username);
        const up = await upload(c, tinyPng(), 'image/png', 'bank_card', roleCase);
        const down = await c.call('GET', fileUrl);
        if (UPLOADERS.includes(role)) expect(up.statusCode, up.body).toBeLessThan(300);
        else expect(up.json()).toMatchObject({ code: 'FORBIDDEN' });
        if (CASE_STAFF.includes(role)) expect(down.statusCode, down.body).toBe(200);
        else expect(down.json()).toMatchObject({ code: 'FORBIDDEN' });
      });
    }
  });
});
