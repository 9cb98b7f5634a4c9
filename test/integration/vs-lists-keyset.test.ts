/**
 * Issue #16 point 5 on both dialects: the resource list (资源清单) and the project list (项目清单)
 * page by keyset (GET /vs/resources/page, /vs/projects/page) — every row of the offset list once,
 * in its order (active first, then region, name, id); none twice and none lost while rows are
 * written; the total exact; a bad or foreign cursor a 400.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { insertCategory, insertProject } from '../helpers/vs-fixtures.ts';
import { expectKeysetContract, walkPages } from './keyset.fixtures.ts';
import { caseListCursor } from './unpaged-keyset.fixtures.ts';

const VILLAGES = ['110115110207', '110115110222'];

describe('#16 p5 keyset pages of the VS resource and project lists', () => {
  let t: TestApp;
  let vstaff: Client;
  let category = '';
  let caseCursor = '';
  let n = 0;

  const db = () => t.testDb.db.kysely;
  /** Regions alternate, names repeat in threes and every fourth is inactive: all four columns order. */
  const shape = () => {
    n += 1;
    return {
      region: VILLAGES[n % 2]!,
      name: `名录 ${Math.floor(n / 3)}`,
      active: n % 4 !== 0,
    };
  };
  const addResource = async () => {
    const { region, name, active } = shape();
    const now = t.clock.now.toISOString();
    await db()
      .insertInto('vs_resources')
      .values({
        id: crypto.randomUUID(),
        name,
        kind: 'goods',
        description: '分页测试',
        category_code: category,
        region_code: region,
        provider_team_id: null,
        provider_name: '提供方',
        contact: '',
        active: active ? 1 : 0,
        is_demo: 0,
        created_by: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
  };
  const addProject = async () => {
    const { region, name, active } = shape();
    await insertProject(db(), {
      regionCode: region,
      categoryCode: category,
      name,
      active,
      now: t.clock.now,
    });
  };

  beforeAll(async () => {
    t = await createTestApp();
    vstaff = await t.login('vstaff');
    caseCursor = await caseListCursor(await t.login('clerk'));
    category = await insertCategory(db(), { code: 'keyset', nameZh: '分页', nameEn: 'Paging' });
    for (let i = 0; i < 11; i += 1) {
      await addResource();
      await addProject();
    }
  });
  afterAll(async () => t.close());

  it('resources: every row once, in order, under concurrent inserts; bad cursors refused', async () => {
    await expectKeysetContract({
      who: vstaff,
      offsetUrl: `/api/v1/vs/resources?category=${category}&includeInactive=true`,
      pageUrl: `/api/v1/vs/resources/page?category=${category}&includeInactive=true`,
      write: addResource,
      foreignCursor: caseCursor,
    });
  });

  it('projects: the same way, and a resource cursor is refused', async () => {
    const resourceCursor = (
      await vstaff.call('GET', `/api/v1/vs/resources/page?category=${category}&limit=1`)
    ).json<{ nextCursor: string }>().nextCursor;
    await expectKeysetContract({
      who: vstaff,
      offsetUrl: `/api/v1/vs/projects?category=${category}&includeInactive=true`,
      pageUrl: `/api/v1/vs/projects/page?category=${category}&includeInactive=true`,
      write: addProject,
      foreignCursor: resourceCursor,
    });
  });

  it('the filters page as their lists: active only, a region, the menu, a text', async () => {
    for (const [list, query] of [
      ['resources', `category=${category}`],
      ['resources', `regionCode=${VILLAGES[0]}&includeInactive=true`],
      ['projects', `category=${category}&onMenu=true`],
      ['projects', `q=${encodeURIComponent('名录 1')}&includeInactive=true`],
    ] as const) {
      const offset = await vstaff.call('GET', `/api/v1/vs/${list}?${query}&limit=200`);
      expect(offset.statusCode, offset.body).toBe(200);
      const { ids } = await walkPages(vstaff, `/api/v1/vs/${list}/page?${query}`, 4);
      expect(ids).toEqual(offset.json<{ id: string }[]>().map((r) => r.id));
    }
  });
});
