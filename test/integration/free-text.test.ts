/**
 * one free-text rule for every module, proven over the OpenAPI document so a new field cannot
 * slip past. Every string a JSON request body accepts is either fixed by the schema (enum, format,
 * pattern), marked free text (`x-doorstep-free-text`, built with `freeText()`), or named below
 * with the reason it is not free text. Then a mobile number and an ID number are posted into every
 * marked field of every route: each answers 400 FREE_TEXT_PERSONAL_NUMBER naming the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FREE_TEXT_MARK } from '../../src/shared/free-text.ts';
import {
  isStructured,
  requestStringFields,
  setAt,
  type OpenApiDoc,
  type StringField,
} from '../helpers/openapi-strings.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { ACCOUNTS } from './access/index.ts';

/** Strings that are not free text, by the field's name, and why. */
const NOT_FREE_TEXT: Record<string, string> = {
  username: 'a login name (credentials)',
  password: 'a credential, never stored or shown',
  currentPassword: 'a credential, never stored or shown',
  newPassword: 'a credential, never stored or shown',
  idNumber: 'the ID number itself: checked by GB 11643 and stored only encrypted',
  fullName: 'a person’s name',
  displayName: 'a staff member’s name',
  guardianName: 'a guardian’s name',
  contactName: 'the name of the person to contact (the phone is a separate, encrypted field)',
  personInCharge: 'a team’s person in charge, by name',
  providerName: 'a resource provider’s name',
  organisationName: 'an organisation’s name',
  name: 'the proper name of a region, station, team, project or resource',
  nameZh: 'the name of a category',
  nameEn: 'the name of a category',
  address: 'a resident’s address (stored encrypted) or a service station’s public address',
  contact: 'a resource provider’s published contact (a phone is its purpose)',
  itemCode: 'a catalog item code',
  categoryCode: 'a category code',
  packCode: 'a star-pack code',
  attachmentId: 'an attachment id',
  items: 'catalog item codes',
  colour: 'a colour token',
  onDate: 'a date (YYYY-MM-DD, refined)',
  csv: 'a year’s holiday notice as a CSV table (date,kind[,name]), parsed and checked row by row',
};

function fieldName(f: StringField): string {
  return [...f.field].reverse().find((k) => k !== '[]') ?? '';
}
const label = (f: StringField) => `${f.method} ${f.path} ${f.field.join('.')}`;

const PARAMS: Record<string, string> = {
  code: 'DX-SB-001',
  date: '2026-03-10',
  year: '2027',
  regionCode: '110115110000',
};
function urlOf(path: string): string {
  return path.replace(/\{(\w+)\}/g, (_m, p: string) => PARAMS[p] ?? crypto.randomUUID());
}

describe('free text refuses personal numbers in every module (X-3)', () => {
  let t: TestApp;
  let fields: StringField[] = [];
  const clients: Client[] = [];

  beforeAll(async () => {
    t = await createTestApp({ residents: 1 });
    for (const username of Object.keys(ACCOUNTS)) clients.push(await t.login(username));
    const doc = (
      await t.app.inject({ method: 'GET', url: '/api/openapi.json' })
    ).json<OpenApiDoc>();
    fields = requestStringFields(doc).filter((f) => !isStructured(f.schema));
  });
  afterAll(async () => t.close());

  it('every free-form string of every request body carries the free-text rule', () => {
    const unmarked = fields
      .filter((f) => f.schema[FREE_TEXT_MARK] !== true && !(fieldName(f) in NOT_FREE_TEXT))
      .map(label);
    expect(unmarked).toEqual([]);
    expect(fields.filter((f) => f.schema[FREE_TEXT_MARK] === true).length).toBeGreaterThanOrEqual(
      60,
    );
  });

  it('the allow-list names only fields that exist and are not marked', () => {
    const names = new Set(
      fields.filter((f) => f.schema[FREE_TEXT_MARK] !== true).map((f) => fieldName(f)),
    );
    expect(Object.keys(NOT_FREE_TEXT).filter((n) => !names.has(n))).toEqual([]);
  });

  for (const [kind, value] of [
    ['a mobile with +86 and hyphens', '+86 138-0013-8000'],
    ['an ID number', '11010519491231002X'],
    ['a full-width mobile', '１３８ ００１３ ８０００'],
  ] as const) {
    it(`refuses ${kind} in every marked field of every route`, async () => {
      const failures: string[] = [];
      for (const f of fields.filter((x) => x.schema[FREE_TEXT_MARK] === true)) {
        const body: Record<string, unknown> = {};
        for (const [path, fixed] of f.consts) setAt(body, path, fixed);
        setAt(body, f.field, value);
        const expectedPath = `body.${f.field.map((k) => (k === '[]' ? '0' : k)).join('.')}`;
        let answered = false;
        for (const client of clients) {
          const res = await client.call(f.method as 'POST' | 'PUT' | 'PATCH', urlOf(f.path), body);
          if (res.statusCode === 401 || res.statusCode === 403) continue;
          answered = true;
          const problem = res.json<{ code: string; errors?: { path: string; code?: string }[] }>();
          const hit = problem.errors?.find((e) => e.path === expectedPath);
          if (
            res.statusCode !== 400 ||
            problem.code !== 'FREE_TEXT_PERSONAL_NUMBER' ||
            hit?.code !== 'FREE_TEXT_PERSONAL_NUMBER'
          )
            failures.push(`${label(f)} → ${res.statusCode} ${res.body.slice(0, 300)}`);
          break;
        }
        if (!answered) failures.push(`${label(f)}: no demo account may call it`);
      }
      expect(failures).toEqual([]);
    }, 120_000);
  }

  it('a refused number is nowhere: not in the case’s actions, the audit log or the logs', async () => {
    const joined = t.responses.map((r) => r.body).join('\n') + t.logs.join('\n');
    expect(joined).not.toContain('0013-8000');
    expect(joined).not.toContain('1949123100');
    const audit = await t.testDb.db.kysely.selectFrom('audit_events').selectAll().execute();
    expect(JSON.stringify(audit)).not.toMatch(/13800138000|0013-8000|19491231002X/);
  });
});
