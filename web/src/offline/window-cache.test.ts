import 'fake-indexeddb/auto';
import { createStore } from 'idb-keyval';
import { describe, expect, it } from 'vitest';
import type { CatalogItem, CatalogItemSummary } from '../api/case-types';
import { ApiError } from '../api/client';
import type { Resident } from '../api/types';
import { createCatalogCache, matchKept, REFRESH_MS, type CatalogSource } from './catalog-cache';
import { createKnownResidents, KEEP_RECENT, maskName } from './known-residents';
import { idbKv, memoryKv } from './kv';

const network = () => new ApiError({ status: 0, code: 'NETWORK_ERROR', title: '' });
const NOW = new Date('2026-12-04T02:00:00Z');

const resident = (id: string, fullName: string): Resident => ({
  id,
  fullName,
  sex: 'male',
  birthDate: '1948-03-12',
  idMasked: '110115********0019',
  phoneMasked: '139****2222',
  homeRegionCode: '110115110201',
  homeRegionName: '伊庄村',
  address: '伊庄村 3 号',
  registeredStationId: null,
  createdAt: NOW.toISOString(),
});

describe('recently looked-up residents', () => {
  it('masks a name: first character kept', () => {
    expect(maskName('李长福')).toBe('李**');
    expect(maskName('王五')).toBe('王*');
    expect(maskName('李')).toBe('李');
    expect(maskName('Li Changfu')).toBe('L* *******');
  });

  it('the disk keeps only id, masked name and time; this tab finds the resident by ID number', async () => {
    const db = createStore('known-test-disk', 'entries');
    const known = createKnownResidents({ kv: idbKv(db), owner: 'clerk-1', now: () => NOW });
    await known.remember('110115194803120019', resident('r-1', '李长福'));
    expect(known.find('110115194803120019')?.fullName).toBe('李长福');
    expect(known.find('110115194803120027')).toBeUndefined();

    // What IndexedDB holds, read raw: nothing of the ID number, phone, birth date or full name.
    const raw = JSON.stringify(await idbKv(db).entries(''));
    expect(raw).not.toContain('李长福');
    expect(raw).not.toMatch(/0019|2222|1948|伊庄/);
    expect(await known.recent()).toEqual([
      { id: 'r-1', maskedName: '李**', seenAt: NOW.toISOString() },
    ]);

    // A reload: memory is gone (the card must be read online again), the list stays.
    const after = createKnownResidents({ kv: idbKv(db), owner: 'clerk-1' });
    expect(after.find('110115194803120019')).toBeUndefined();
    expect((await after.recent()).map((r) => r.maskedName)).toEqual(['李**']);
    // Another clerk on the same PC sees nothing.
    expect(await createKnownResidents({ kv: idbKv(db), owner: 'clerk-2' }).recent()).toEqual([]);
  });

  it(`keeps the ${KEEP_RECENT} latest, newest first; a second lookup moves a resident up`, async () => {
    let t = NOW.getTime();
    const kv = memoryKv();
    const known = createKnownResidents({ kv, owner: 'c', now: () => new Date((t += 1000)) });
    for (let i = 0; i < KEEP_RECENT + 5; i++)
      await known.remember(`id-${i}`, resident(`r-${i}`, `张${i}`));
    await known.remember('id-5', resident('r-5', '张5'));
    const list = await known.recent();
    expect(list).toHaveLength(KEEP_RECENT);
    expect(list[0]?.id).toBe('r-5');
    expect(list.map((r) => r.id)).not.toContain('r-0');
    expect(list.map((r) => r.id)).toContain(`r-${KEEP_RECENT + 4}`);
  });
});

const summary = (code: string, zh: string, en: string, version = 1): CatalogItemSummary => ({
  code,
  town: null,
  name: { zh, en },
  aliases: [],
  category: 'social_security',
  tier: 'base',
  legalLimitDays: 20,
  promisedLimitDays: 10,
  inPersonVisits: 1,
  channels: ['window'],
  decides: 'town_centre',
  version,
  active: true,
  isDemo: false,
});
const detail = (s: CatalogItemSummary) => ({ ...s, materials: [] }) as unknown as CatalogItem;

function fakeCatalog(items: CatalogItemSummary[]) {
  let up = true;
  const calls: string[] = [];
  const source: CatalogSource = {
    search: (q) => {
      calls.push(`search:${q}`);
      if (!up) return Promise.reject(network());
      const found = items.filter((i) => i.name.zh.includes(q) || !q);
      return Promise.resolve({ total: found.length, items: found });
    },
    item: (code) => {
      calls.push(`item:${code}`);
      if (!up) return Promise.reject(network());
      const s = items.find((i) => i.code === code);
      return s
        ? Promise.resolve(detail(s))
        : Promise.reject(new ApiError({ status: 404, code: 'NOT_FOUND', title: '' }));
    },
    all: () => {
      calls.push('all');
      return up ? Promise.resolve(items) : Promise.reject(network());
    },
  };
  return {
    source,
    calls,
    items,
    set: (next: boolean) => {
      up = next;
    },
  };
}

describe('the kept catalog', () => {
  const SBK = summary('DX-SB-001', '社保卡补办', 'Social security card replacement');
  const GL = summary('DX-MZ-003', '高龄津贴申请', 'Old-age allowance');

  it('searches code, names and aliases offline; every word must match', () => {
    const items = [SBK, { ...GL, aliases: ['老年补贴'] }];
    expect(matchKept(items, '社保').map((i) => i.code)).toEqual(['DX-SB-001']);
    expect(matchKept(items, 'card replace').map((i) => i.code)).toEqual(['DX-SB-001']);
    expect(matchKept(items, 'dx-mz').map((i) => i.code)).toEqual(['DX-MZ-003']);
    expect(matchKept(items, '老年').map((i) => i.code)).toEqual(['DX-MZ-003']);
    expect(matchKept(items, '').map((i) => i.code)).toEqual(['DX-MZ-003', 'DX-SB-001']);
    expect(matchKept(items, '社保 津贴')).toEqual([]);
  });

  it('online answers are kept and serve the cut; what was never fetched says it needs the network', async () => {
    const server = fakeCatalog([SBK, GL]);
    const cache = createCatalogCache({ kv: memoryKv(), owner: 'c', source: server.source });
    expect((await cache.search('社保')).offline).toBe(false);
    await cache.item('DX-SB-001');
    server.set(false);
    const offline = await cache.search('');
    expect(offline).toMatchObject({ offline: true, total: 1 });
    expect(offline.items.map((i) => i.code)).toEqual(['DX-SB-001']);
    expect((await cache.item('DX-SB-001')).code).toBe('DX-SB-001');
    await expect(cache.item('DX-MZ-003')).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
  });

  it('nothing kept: the search says it needs the network; a refusal is never hidden by the cache', async () => {
    const server = fakeCatalog([SBK]);
    const cache = createCatalogCache({ kv: memoryKv(), owner: 'c', source: server.source });
    server.set(false);
    await expect(cache.search('社保')).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
    server.set(true);
    await expect(cache.item('NOPE')).rejects.toMatchObject({ status: 404 });
  });

  it('a refresh keeps every item with its materials, then stays fresh for 12 h; new versions and removed items follow', async () => {
    let now = NOW.getTime();
    const server = fakeCatalog([SBK, GL]);
    const kv = memoryKv();
    const cache = createCatalogCache({
      kv,
      owner: 'c',
      source: server.source,
      now: () => new Date(now),
    });
    const [a, b] = await Promise.all([cache.refresh(), cache.refresh()]);
    expect([a, b]).toEqual(['refreshed', 'refreshed']);
    expect(server.calls).toEqual(['all', 'item:DX-SB-001', 'item:DX-MZ-003']);
    expect(await cache.keptItems()).toBe(2);
    expect(await cache.refresh()).toBe('fresh');

    now += REFRESH_MS;
    server.calls.length = 0;
    server.items.splice(0, 2, summary('DX-SB-001', '社保卡补办', 'Social security card', 2));
    expect(await cache.refresh()).toBe('refreshed');
    expect(server.calls).toEqual(['all', 'item:DX-SB-001']);
    expect(await cache.keptItems()).toBe(1);
    server.set(false);
    expect((await cache.search('')).items.map((i) => i.code)).toEqual(['DX-SB-001']);
    expect((await cache.item('DX-SB-001')).version).toBe(2);
  });

  it('a refresh cut by the network is tried again next time', async () => {
    const server = fakeCatalog([SBK]);
    server.set(false);
    const cache = createCatalogCache({ kv: memoryKv(), owner: 'c', source: server.source });
    expect(await cache.refresh()).toBe('interrupted');
    server.set(true);
    expect(await cache.refresh()).toBe('refreshed');
  });
});
