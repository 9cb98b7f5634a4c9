/**
 * Shared by the Open311 integration tests (issue #15 point 7): the GeoReport v2 JSON schemas
 * (test/fixtures/open311) in ajv, a small XML tree parser (saxes) for the shapes FixMyStreet reads,
 * and a world: the app with two API keys — one for 魏善庄镇 acting as the clerk, one for 青云店镇.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { SaxesParser } from 'saxes';
import { expect } from 'vitest';
import type { Database } from '../../src/db/schema.ts';
import { OTHER_TOWNS, PILOT_TOWN } from '../../src/modules/demo/seed-demo.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/open311');
const ajv = new Ajv({ allErrors: true });
(addFormatsModule as unknown as (a: Ajv) => void)(ajv);
for (const f of fs.readdirSync(FIXTURES).filter((x) => x.endsWith('.json')))
  ajv.addSchema(JSON.parse(fs.readFileSync(path.join(FIXTURES, f), 'utf8')) as object);

export function expectSchema(schema: string, data: unknown) {
  const validate = ajv.getSchema(schema)!;
  expect(validate(data), JSON.stringify(validate.errors)).toBe(true);
}

export interface XmlNode {
  name: string;
  children: XmlNode[];
  text: string;
}
export function parseXml(xml: string): XmlNode {
  const parser = new SaxesParser();
  const stack: XmlNode[] = [{ name: '#document', children: [], text: '' }];
  parser.on('opentag', (tag) => {
    const node = { name: tag.name, children: [], text: '' };
    stack.at(-1)!.children.push(node);
    stack.push(node);
  });
  parser.on('text', (text) => {
    stack.at(-1)!.text += text;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.write(xml).close();
  return stack[0]!.children[0]!;
}
export const child = (n: XmlNode, name: string) => n.children.find((c) => c.name === name);
export const names = (n: XmlNode) => n.children.map((c) => c.name);

export async function open311World() {
  const t: TestApp = await createTestApp();
  const c: Record<string, Client> = {};
  for (const u of ['admin', 'clerk', 'clerk-qyd', 'town', 'vstaff']) c[u] = await t.login(u);
  const idOf = async (u: string) =>
    (await c[u]!.call('GET', '/api/v1/auth/me')).json<{ id: string }>().id;
  const issue = async (jurisdictionId: string, acting: string, name: string) => {
    const r = await c.admin!.call('POST', '/api/v1/open311/keys', {
      name,
      jurisdictionId,
      actingAccountId: await idOf(acting),
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json<{ id: string; key: string; keyHint: string }>();
  };
  const a = await issue(PILOT_TOWN, 'clerk', '12345 热线');
  const keyB = (await issue(OTHER_TOWNS[0]!, 'clerk-qyd', '首都之窗')).key;
  const keyA = a.key;
  const count = async (table: keyof Database) =>
    Number(
      (
        await t.testDb.db.kysely
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    t,
    c,
    keyA,
    keyB,
    keyAId: a.id,
    get: (url: string) => t.app.inject({ method: 'GET', url }),
    postForm: (fields: Record<string, string>, headers: Record<string, string> = {}) =>
      t.app.inject({
        method: 'POST',
        url: '/open311/v2/requests.xml',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        payload: new URLSearchParams(fields).toString(),
      }),
    postJson: (fields: Record<string, unknown>, headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', payload: fields, headers }),
    /** Rows an Open311 call may write. */
    written: async () => ({
      inquiries: await count('inquiries'),
      needs: await count('vs_needs'),
      requests: await count('open311_requests'),
      audit: await count('audit_events'),
    }),
    inquiryFields: () => ({
      jurisdiction_id: PILOT_TOWN,
      service_code: 'inquiry.DX-SB-001',
      api_key: keyA,
      description: '社保卡丢了怎么补办？',
      address_string: '魏善庄镇伊庄村',
      lat: '39.6123',
      long: '116.4021',
      first_name: '桂英',
      last_name: '王',
      phone: '13912345678',
    }),
  };
}

export type Open311World = Awaited<ReturnType<typeof open311World>>;
