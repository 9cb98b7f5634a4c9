/**
 * Issue #16: user text reaches LIKE literally on both dialects (shared/like-pattern.ts) — a search
 * for `50%` or `a_b` finds that text, not 50-anything nor a-any-b; over real HTTP on three lists:
 * residents by name, the catalog's search, the accounts list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogItem } from '../../src/modules/catalog/catalog.schema.ts';
import { DEMO_CATALOG } from '../../src/modules/catalog/demo-catalog.ts';
import { YIZHUANG } from '../../src/modules/demo/seed-demo.ts';
import { buildIdNumber } from '../../src/modules/residents/id-number.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';

const PASSWORD = 'a-long-password-for-tests-1';
const q = (text: string) => encodeURIComponent(text);

describe('#16 LIKE matches user text literally', () => {
  let t: TestApp;
  let admin: Client;
  let clerk: Client;
  let n = 0;
  const created = (res: { statusCode: number; body: string }) =>
    expect(res.statusCode, res.body).toBe(201);
  const key = () => ({ 'idempotency-key': `like-literal-${(n += 1)}` });

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login('admin');
    clerk = await t.login('clerk');
    const residents = ['林50%满', '林50元满', '林A_B明', '林AXB明'];
    for (const [i, fullName] of residents.entries())
      created(
        await clerk.call(
          'POST',
          '/api/v1/residents',
          {
            idNumber: buildIdNumber('110115', '19610606', String(710 + i)),
            fullName,
            homeRegionCode: YIZHUANG,
            address: '伊庄村9号',
          },
          key(),
        ),
      );
    const template = DEMO_CATALOG.find((i) => i.code === 'DX-SD-001')!;
    const items: [string, CatalogItem['name']][] = [
      ['DX-SD-201', { zh: '水费50%减免', en: 'Water fee a_b relief' }],
      ['DX-SD-202', { zh: '水费50元减免', en: 'Water fee axb relief' }],
    ];
    for (const [code, name] of items)
      created(
        await admin.call(
          'POST',
          '/api/v1/catalog/items',
          { ...structuredClone(template), code, name },
          key(),
        ),
      );
    const accounts = [
      ['like_a1', '满意50%'],
      ['likexa1', '满意50分'],
    ];
    for (const [username, displayName] of accounts)
      created(
        await admin.call(
          'POST',
          '/api/v1/accounts',
          {
            username,
            displayName,
            password: PASSWORD,
            grants: [{ role: 'clerk', regionCode: YIZHUANG }],
          },
          key(),
        ),
      );
  });
  afterAll(async () => t.close());

  it('residents by name: 50% and A_B are text, not wildcards', async () => {
    const names = async (text: string) => {
      const res = await clerk.call('GET', `/api/v1/residents?q=${q(text)}&limit=50`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json<{ fullName: string }[]>().map((r) => r.fullName);
    };
    expect(await names('50%')).toEqual(['林50%满']);
    expect(await names('A_B')).toEqual(['林A_B明']);
    expect((await names('林50')).sort()).toEqual(['林50%满', '林50元满']);
    expect(await names('%')).toEqual(['林50%满']);
    expect(await names('\\')).toEqual([]);
  });

  it('the catalog search: 50% and a_b are text, not wildcards', async () => {
    const codes = async (text: string) => {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/catalog/items?q=${q(text)}` });
      expect(res.statusCode, res.body).toBe(200);
      return res
        .json<{ items: { code: string }[] }>()
        .items.map((i) => i.code)
        .sort();
    };
    expect(await codes('50%')).toEqual(['DX-SD-201']);
    expect(await codes('A_B')).toEqual(['DX-SD-201']);
    expect(await codes('水费50')).toEqual(['DX-SD-201', 'DX-SD-202']);
    expect(await codes('%_')).toEqual([]);
  });

  it('the accounts list: 50% and like_ are text, not wildcards', async () => {
    const usernames = async (text: string) => {
      const res = await admin.call('GET', `/api/v1/accounts?q=${q(text)}`);
      expect(res.statusCode, res.body).toBe(200);
      return res
        .json<{ username: string }[]>()
        .map((a) => a.username)
        .sort();
    };
    expect(await usernames('50%')).toEqual(['like_a1']);
    expect(await usernames('LIKE_')).toEqual(['like_a1']);
    expect(await usernames('满意50')).toEqual(['like_a1', 'likexa1']);
  });
});
