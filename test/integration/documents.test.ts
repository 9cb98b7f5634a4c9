/**
 * The receipt (受理回执) and the one-time notice (一次性告知书) as PDF over HTTP (GS-5, GS-9):
 * A4, the CJK font embedded, the QR image, the text read back through the fonts' ToUnicode maps,
 * the masked ID number only, and the case view's scope rule.
 */
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';

const LI = '110115194803120019';
const LI_MASKED = '110115********0019';

/** Every object's dictionary and (inflated) stream, read by /Length so binary data is skipped. */
function pdfObjects(pdf: Buffer): Map<number, { dict: string; stream: Buffer | null }> {
  const src = pdf.toString('latin1');
  const objects = new Map<number, { dict: string; stream: Buffer | null }>();
  const head = /(\d+) 0 obj\b/g;
  for (let m = head.exec(src); m; m = head.exec(src)) {
    const from = m.index + m[0].length;
    const streamAt = src.indexOf('stream', from);
    const endAt = src.indexOf('endobj', from);
    if (streamAt < 0 || endAt < streamAt) {
      objects.set(Number(m[1]), { dict: src.slice(from, endAt), stream: null });
      head.lastIndex = endAt;
      continue;
    }
    const dict = src.slice(from, streamAt);
    const start = streamAt + (src[streamAt + 6] === '\r' ? 8 : 7);
    const raw = pdf.subarray(start, start + Number(/\/Length (\d+)/.exec(dict)![1]));
    objects.set(Number(m[1]), {
      dict,
      stream: dict.includes('/FlateDecode') ? zlib.inflateSync(raw) : raw,
    });
    head.lastIndex = start + raw.length;
  }
  return objects;
}

/** glyph code → text, from a ToUnicode CMap (bfchar and both bfrange forms). */
function toUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const hex = (h: string) =>
    String.fromCodePoint(...(h.match(/.{4}/g) ?? []).map((x) => parseInt(x, 16)));
  for (const [, body] of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const [, c, u] of body!.matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>/gi))
      map.set(parseInt(c!, 16), hex(u!));
  for (const [, body] of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, lo, hi, rest] of body!.matchAll(
      /<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*(\[[^\]]*\]|<[0-9a-f]+>)/gi,
    )) {
      const first = parseInt(lo!, 16);
      if (rest!.startsWith('['))
        [...rest!.matchAll(/<([0-9a-f]+)>/gi)].forEach(([, u], i) => map.set(first + i, hex(u!)));
      else
        for (let c = first, u = parseInt(rest!.slice(1, -1), 16); c <= parseInt(hi!, 16); c++, u++)
          map.set(c, String.fromCodePoint(u));
    }
  }
  return map;
}

/** The text of every TJ/Tj operator, one line each, decoded through the current font's map. */
function pdfText(pdf: Buffer): string {
  const objects = pdfObjects(pdf);
  const fonts = new Map<string, Map<number, string>>();
  for (const { dict } of objects.values())
    for (const [, name, ref] of dict.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
      const cmapRef = /\/ToUnicode (\d+) 0 R/.exec(objects.get(Number(ref))?.dict ?? '');
      if (cmapRef)
        fonts.set(name!, toUnicode(objects.get(Number(cmapRef[1]))!.stream!.toString('latin1')));
    }
  const lines: string[] = [];
  for (const { dict, stream } of objects.values()) {
    if (!stream || dict.includes('/Subtype') || dict.includes('/Type')) continue; // page contents only
    let font = new Map<number, string>();
    for (const [, name, strings] of stream
      .toString('latin1')
      .matchAll(/\/(F\d+) [\d.]+ Tf|\[([^\]]*)\] TJ/gi)) {
      if (name) font = fonts.get(name) ?? new Map<number, string>();
      else
        lines.push(
          [...strings!.matchAll(/<([0-9a-f]*)>/gi)]
            .map(([, h]) =>
              (h!.match(/.{4}/g) ?? []).map((c) => font.get(parseInt(c, 16)) ?? '?').join(''),
            )
            .join(''),
        );
    }
  }
  return lines.join('\n');
}

describe('GS-5 GS-9 printed receipt and one-time notice', () => {
  let t: TestApp;
  let clerk: Client;
  let pending = { id: '', number: '' }; // DX-SB-004 with only the ID card: materials missing
  let accepted = { id: '', number: '' }; // DX-SB-001 complete: accepted, due 2026-03-09

  beforeAll(async () => {
    t = await createTestApp();
    clerk = await t.login('clerk');
    const li = (await clerk.call('POST', '/api/v1/residents/lookup', { idNumber: LI })).json<{
      id: string;
    }>().id;
    const file = async (itemCode: string, presented: string[]) =>
      (await clerk.call('POST', '/api/v1/cases', { residentId: li, itemCode, presented })).json<{
        id: string;
        number: string;
      }>();
    pending = await file('DX-SB-004', ['id_card']);
    accepted = await file('DX-SB-001', ['id_card', 'photo_1inch']);
  });
  afterAll(async () => t.close());

  const get = (c: Client, id: string, doc: 'receipt' | 'notice') =>
    c.call('GET', `/api/v1/cases/${id}/${doc}.pdf`);

  async function pdfOf(id: string, doc: 'receipt' | 'notice') {
    const res = await get(clerk, id, doc);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(
      new RegExp(`^inline; filename="${doc}-\\d{9}-\\d{8}-\\d{7}\\.pdf"`),
    );
    expect(res.headers['cache-control']).toBe('private, no-store');
    const bytes = res.rawPayload;
    const raw = bytes.toString('latin1');
    expect(raw.startsWith('%PDF-')).toBe(true);
    expect(raw).toContain('/MediaBox [0 0 595.28 841.89]'); // A4
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansCJKsc-Regular/);
    expect(raw).toMatch(/\/Subtype \/Image/); // the QR code
    expect(raw).not.toContain(LI);
    const text = pdfText(bytes);
    expect(text).not.toContain(LI);
    return { raw, text };
  }

  it('the receipt of an accepted case: number, item, masked ID, station, dates, materials, tracking', async () => {
    const { raw, text } = await pdfOf(accepted.id, 'receipt');
    for (const s of [
      '受理回执',
      accepted.number,
      '社会保障卡补办',
      '李长福',
      LI_MASKED,
      '伊庄村政务服务站',
      '魏善庄镇政务服务中心',
      '2026年3月2日',
      '2026年3月9日前办结',
      '申请人居民身份证',
      '近期一寸免冠彩色照片',
      '查询码',
    ])
      expect(text, s).toContain(s);
    const code = (
      await t.testDb.db.kysely
        .selectFrom('cases')
        .select('tracking_code')
        .where('id', '=', accepted.id)
        .executeTakeFirstOrThrow()
    ).tracking_code!;
    expect(code).toMatch(/^\d{8}$/);
    // the 查询码 is printed for people and is in the QR code's link for phones.
    expect(text).toContain(`查询码：${code.slice(0, 4)} ${code.slice(4)}`);
    expect(raw).toContain(
      `/URI (http://localhost:3000/track?number=${accepted.number}&code=${code})`,
    );
  });

  it('before acceptance the paper is a 收件回执 naming what is still missing', async () => {
    const { text } = await pdfOf(pending.id, 'receipt');
    expect(text).toContain('收件回执');
    expect(text).toContain(pending.number);
    expect(text).toContain('尚缺 3 项必需材料');
  });

  it('the one-time notice lists every missing material with its form, and basis, procedure, limit and fee', async () => {
    const { text } = await pdfOf(pending.id, 'notice');
    for (const s of [
      '一次性告知书',
      pending.number,
      LI_MASKED,
      '户口簿',
      '本人银行卡或存折',
      '原件核验，复印件 1 份',
      '社会保险法',
      '办理流程',
      '法定 20 个工作日',
      '不收费',
      '区人力资源和社会保障局',
      '查询码',
    ])
      expect(text, s).toContain(s);
  });

  it('only staff who may see the case may print it', async () => {
    const other = await t.login('clerk-qyd');
    for (const doc of ['receipt', 'notice'] as const) {
      const res = await get(other, accepted.id, doc);
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ code: 'OUT_OF_SCOPE' });
    }
    const missing = await get(clerk, crypto.randomUUID(), 'receipt');
    expect(missing.json()).toMatchObject({ code: 'CASE_NOT_FOUND' });
  });

  it('without a CJK font the server refuses instead of printing empty boxes', async () => {
    const saved = process.env.DOORSTEP_CJK_FONT;
    process.env.DOORSTEP_CJK_FONT = '/nonexistent/NotoSansCJK-Regular.ttc';
    try {
      const res = await get(clerk, accepted.id, 'notice');
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ code: 'DOCUMENT_FONT_MISSING' });
    } finally {
      if (saved === undefined) delete process.env.DOORSTEP_CJK_FONT;
      else process.env.DOORSTEP_CJK_FONT = saved;
    }
  });
});
