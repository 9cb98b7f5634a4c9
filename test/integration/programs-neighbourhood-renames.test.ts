/**
 * CP-1 the organiser's 小区 list over real HTTP on the dialect of the run: add, rename and remove
 * by replacing the list; a rename carries the children registered in the old 小区 and the class
 * catchments naming it, so an enrolled family stays eligible. A rename that does not fit is a 422
 * problem with nothing written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIdNumber } from '../../src/modules/residents/id-number.ts';
import { createTestApp, type Client, type TestApp } from '../helpers/test-app.ts';
import { summerProgram, YIZHUANG } from './programs.fixtures.ts';

const code = (res: { json: <T>() => T }) => res.json<{ code?: string }>().code;

describe('CP-1 the community’s 小区 list: rename carries children and catchments', () => {
  let t: TestApp;
  let organiser: Client;
  let guardian: Client;
  const db = () => t.testDb.db.kysely;
  const put = (body: unknown) =>
    organiser.call('PUT', `/api/v1/programs/neighbourhoods/${YIZHUANG}`, body);
  const list = async () =>
    (await guardian.call('GET', '/api/v1/programs/neighbourhoods')).json<{ names: string[] }>()
      .names;

  beforeAll(async () => {
    t = await createTestApp();
    organiser = await t.login('organiser');
    guardian = await t.login('guardian');
    expect((await put({ names: ['伊庄一区', '伊庄二区', '南苑'] })).statusCode).toBe(200);
  }, 120_000);
  afterAll(async () => t.close());

  it('renames 伊庄一区: the child and the class follow, and the child still enrols', async () => {
    const registered = await guardian.call('POST', '/api/v1/programs/children', {
      realName: '改名',
      idNumber: buildIdNumber('110115', '20180515', '411'),
      relation: 'mother',
      neighbourhood: '伊庄一区',
    });
    expect(registered.statusCode, registered.body).toBe(201);
    const childId = registered.json<{ id: string }>().id;
    const created = await organiser.call('POST', '/api/v1/programs', {
      ...summerProgram(40, {
        minAge: null,
        maxAge: null,
        catchmentNeighbourhoods: ['南苑', '伊庄一区'],
      }),
      regionCode: YIZHUANG,
      venueName: '伊庄村儿童之家',
    });
    expect(created.statusCode, created.body).toBe(201);
    const program = created.json<{ id: string; classes: { id: string }[] }>();

    const renamed = await put({
      names: ['伊庄小区一区', '伊庄二区', '南苑', '北苑'],
      renames: [{ from: '伊庄一区', to: '伊庄小区一区' }],
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(await list()).toEqual(['伊庄小区一区', '伊庄二区', '南苑', '北苑']);

    const children = await guardian.call('GET', '/api/v1/programs/children');
    const mine = children.json<{ id: string; neighbourhood: string | null }[]>();
    expect(mine.find((c) => c.id === childId)?.neighbourhood).toBe('伊庄小区一区');
    const view = await organiser.call('GET', `/api/v1/programs/${program.id}`);
    expect(
      view.json<{ classes: { catchmentNeighbourhoods: string[] }[] }>().classes[0]!
        .catchmentNeighbourhoods,
    ).toEqual(['南苑', '伊庄小区一区']);
    const enrolled = await guardian.call(
      'POST',
      `/api/v1/programs/classes/${program.classes[0]!.id}/enrolments`,
      { childId },
    );
    expect(enrolled.json(), enrolled.body).toMatchObject({ status: 'enrolled' });

    const audit = await db()
      .selectFrom('audit_events')
      .select('after_json')
      .where('action', '=', 'program.neighbourhoods_set')
      .where('entity_id', '=', YIZHUANG)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(String(audit.after_json)).toContain('伊庄小区一区');
  });

  it('removes a 小区 without a rename: the list only changes', async () => {
    const res = await put({ names: ['伊庄小区一区', '伊庄二区', '南苑'] });
    expect(res.statusCode, res.body).toBe(200);
    expect(await list()).toEqual(['伊庄小区一区', '伊庄二区', '南苑']);
  });

  it('refuses a rename that does not fit, and a guardian, writing nothing', async () => {
    const before = await list();
    const children = await db().selectFrom('children').select(['id', 'neighbourhood']).execute();
    for (const [names, renames] of [
      // an old name the list never had
      [['伊庄小区一区', '新南苑'], [{ from: '不存在', to: '新南苑' }]],
      // the old name still listed
      [['伊庄小区一区', '南苑', '新南苑'], [{ from: '南苑', to: '新南苑' }]],
      // the new name not listed
      [['伊庄小区一区', '伊庄二区'], [{ from: '南苑', to: '新南苑' }]],
    ] as const) {
      const res = await put({ names, renames });
      expect([res.statusCode, code(res)], JSON.stringify(renames)).toEqual([
        422,
        'CP_NEIGHBOURHOOD_RENAME',
      ]);
    }
    const bad = await put({ names: ['甲'], renames: [{ from: '', to: '甲' }] });
    expect(bad.statusCode).toBe(400);
    const byGuardian = await guardian.call('PUT', `/api/v1/programs/neighbourhoods/${YIZHUANG}`, {
      names: ['甲'],
      renames: [],
    });
    expect(byGuardian.statusCode).toBe(403);
    expect(await list()).toEqual(before);
    expect(await db().selectFrom('children').select(['id', 'neighbourhood']).execute()).toEqual(
      children,
    );
  });
});
