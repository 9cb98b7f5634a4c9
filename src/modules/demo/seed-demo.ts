import { seedDemoAppointments } from '../appointments/appointments.demo.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { createAccount } from '../auth/account.service.ts';
import { seedDemoCatalog } from '../catalog/catalog.service.ts';
import type { Role } from '../../shared/roles.ts';
import { importRegions, type RegionRow } from '../regions/region-import.ts';
import { createStation } from '../regions/regions.service.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import { setAccountPhone } from '../auth/account-phone.ts';
import { registerResident } from '../residents/residents.service.ts';
import { seedDemoVolunteers } from '../volunteers/volunteers.demo.ts';
import { seedDemoOrders } from '../orders/orders.demo.ts';
import { seedDemoActivities } from '../activities/activities.demo.ts';
import { seedDemoRecords } from '../records/records.demo.ts';
import { seedDemoAuthorizations } from '../agents/agents.demo.ts';
import { seedDemoPrograms } from '../programs/programs.demo.ts';
import { seedDemoTraining } from '../training/training.demo.ts';
import { seedDemoHomeVisits } from '../home-visits/home-visits.demo.ts';
import { seedDemoRatings } from '../ratings/ratings.demo.ts';
import { demoPeople } from './demo-people.ts';
import { seedDemoPosts } from '../posts/posts.demo.ts';
import regionsDemo from './data/regions-demo.json' with { type: 'json' };
import { SEED_CALLER } from '../../shared/actor.ts';

export { DEMO_PASSWORD, DEMO_PHONES } from './demo-accounts.ts';
import { DEMO_PASSWORD, DEMO_PHONES } from './demo-accounts.ts';

export const PILOT_TOWN = '110115110000'; // 魏善庄镇
export const OTHER_TOWNS = ['110115103000', '110115111000']; // 青云店镇, 长子营镇
export const YIZHUANG = '110115110207'; // 伊庄村
export const SANSHUNZHUANG = '110115110222'; // 三顺庄村

const SEED_ACTOR = { accountId: null, role: 'system', stationId: null };

/** Statistical names carry the committee suffix (伊庄村村委会); people say 伊庄村. */
export function shortName(name: string): string {
  return name.replace(/(村委会|居委会)$/, '');
}

export async function isDatabaseEmpty(db: Kysely<Database>): Promise<boolean> {
  const row = await db
    .selectFrom('regions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n) === 0;
}

const HOURS = [{ days: [1, 2, 3, 4, 5], open: '08:30', close: '17:00' }];
const MARKET_DAY_HOURS = [...HOURS, { days: [6], open: '09:00', close: '12:00' }];

/**
 * Loads the demo: 大兴区 with all its towns; 魏善庄镇 (pilot, 18 village stations and a town
 * centre), 青云店镇 and 长子营镇 with their villages and a few stations; a few hundred residents;
 * one account per role. Everything is marked as demo.
 */
export async function seedDemo(deps: {
  db: Kysely<Database>;
  pii: PiiCipher;
  now: Date;
  residents?: number;
  /** The site's public URL (demo rating invitations link to it). */
  publicUrl?: string;
}) {
  const { db, pii, now } = deps;
  const rows: RegionRow[] = (regionsDemo as RegionRow[]).map((r) => ({
    ...r,
    name: r.level === 'village' ? shortName(r.name) : r.name,
  }));
  const regions = await importRegions(db, { rows, actor: SEED_ACTOR, now });
  const villagesOf = (town: string) => rows.filter((r) => r.parentCode === town).map((r) => r.code);

  const stationIds = new Map<string, string>();
  const addStation = async (
    code: string,
    name: string,
    kind: 'district_centre' | 'town_centre' | 'village_station',
    regionCode: string,
    address: string,
  ) => {
    const id = await createStation(db, {
      station: {
        code,
        name,
        kind,
        regionCode,
        address,
        phone: `010-6928${String(stationIds.size).padStart(4, '0')}`,
        openingHours: kind === 'village_station' ? MARKET_DAY_HOURS : HOURS,
      },
      actor: SEED_CALLER,
      isDemo: true,
      requestId: null,
      now,
    });
    stationIds.set(regionCode, id);
    return id;
  };
  const nameOf = (code: string) => rows.find((r) => r.code === code)!.name;

  await addStation(
    'DX-CENTRE',
    '大兴区政务服务中心',
    'district_centre',
    '110115000000',
    '北京市大兴区兴政街29号',
  );
  for (const town of [PILOT_TOWN, ...OTHER_TOWNS]) {
    await addStation(
      `T-${town.slice(6, 9)}`,
      `${nameOf(town)}政务服务中心`,
      'town_centre',
      town,
      `北京市大兴区${nameOf(town)}政府院内`,
    );
  }
  // The pilot: 18 village stations in 魏善庄镇, 伊庄村 and 三顺庄村 among them; 5 in each other town.
  const pilotVillages = villagesOf(PILOT_TOWN).filter((c) => !c.slice(9).startsWith('0'));
  const pilot = [
    YIZHUANG,
    SANSHUNZHUANG,
    ...pilotVillages.filter((c) => c !== YIZHUANG && c !== SANSHUNZHUANG),
  ].slice(0, 18);
  for (const v of [
    ...pilot,
    ...OTHER_TOWNS.flatMap((t) =>
      villagesOf(t)
        .filter((c) => !c.slice(9).startsWith('0'))
        .slice(0, 5),
    ),
  ]) {
    await addStation(
      `V-${v.slice(6)}`,
      `${nameOf(v)}政务服务站`,
      'village_station',
      v,
      `北京市大兴区${nameOf(v.slice(0, 9) + '000')}${nameOf(v)}村委会`,
    );
  }

  // Residents spread over the villages of the three towns, plus the two people of the story.
  const villages = [PILOT_TOWN, ...OTHER_TOWNS].flatMap(villagesOf);
  const people = demoPeople(deps.residents ?? 300);
  const story = [
    {
      idNumber: '110115194803120019',
      fullName: '李长福',
      phone: '13800005678',
      homeRegionCode: SANSHUNZHUANG,
      address: '北京市大兴区魏善庄镇三顺庄村东街8号',
    },
    {
      idNumber: '110115194611230037',
      fullName: '程建国',
      phone: '13900001234',
      homeRegionCode: YIZHUANG,
      address: '北京市大兴区魏善庄镇伊庄村南街3号',
    },
  ];
  const residentIds: string[] = [];
  for (const s of story) {
    const r = await registerResident(
      { db, pii },
      { resident: s, actor: SEED_CALLER, isDemo: true, requestId: null, now },
    );
    residentIds.push(r.id);
  }
  for (const [i, p] of people.entries()) {
    const home = villages[(i * 7919) % villages.length]!; // spread over all three towns
    await registerResident(
      { db, pii },
      {
        resident: {
          idNumber: p.idNumber,
          fullName: p.fullName,
          phone: p.phone,
          homeRegionCode: home,
          address: `北京市大兴区${nameOf(home.slice(0, 9) + '000')}${nameOf(home)}${1 + (i % 60)}号`,
        },
        actor: SEED_CALLER,
        isDemo: true,
        requestId: null,
        now,
      },
    );
  }

  const district = '110115000000';
  const accounts: {
    username: string;
    displayName: string;
    role: Role;
    regionCode?: string;
    stationRegion?: string;
    residentId?: string;
  }[] = [
    { username: 'admin', displayName: '系统管理员（演示）', role: 'admin', regionCode: district },
    {
      username: 'supervisor',
      displayName: '区政务服务局监督员（演示）',
      role: 'supervisor',
      regionCode: district,
    },
    {
      username: 'district',
      displayName: '区人社局审批员（演示）',
      role: 'district_officer',
      stationRegion: district,
    },
    {
      username: 'town',
      displayName: '魏善庄镇中心人员（演示）',
      role: 'town_officer',
      stationRegion: PILOT_TOWN,
    },
    {
      username: 'clerk',
      displayName: '伊庄村专管员（演示）',
      role: 'clerk',
      stationRegion: YIZHUANG,
    },
    {
      username: 'clerk-qyd',
      displayName: '青云店镇某村专管员（演示）',
      role: 'clerk',
      stationRegion: villagesOf(OTHER_TOWNS[0]!).filter((c) => !c.slice(9).startsWith('0'))[0]!,
    },
    {
      username: 'agent',
      displayName: '三顺庄村代办员（演示）',
      role: 'agent',
      stationRegion: SANSHUNZHUANG,
    },
    {
      username: 'vstaff',
      displayName: '镇文明实践所工作人员（演示）',
      role: 'volunteer_staff',
      regionCode: PILOT_TOWN,
    },
    {
      username: 'leader',
      displayName: '志愿服务队队长（演示）',
      role: 'team_leader',
      regionCode: PILOT_TOWN,
    },
    {
      username: 'volunteer',
      displayName: '志愿者（演示）',
      role: 'volunteer',
      regionCode: PILOT_TOWN,
    },
    {
      username: 'organiser',
      displayName: '暑期托管组织方（演示）',
      role: 'organiser',
      regionCode: PILOT_TOWN,
    },
    {
      username: 'guardian',
      displayName: '学生家长（演示）',
      role: 'guardian',
      regionCode: YIZHUANG,
    },
    {
      username: 'resident',
      displayName: '李长福（演示）',
      role: 'resident',
      regionCode: SANSHUNZHUANG,
      residentId: residentIds[0]!,
    },
  ];
  for (const a of accounts) {
    const phone = DEMO_PHONES[a.username];
    const grant = a.stationRegion
      ? { role: a.role, stationId: stationIds.get(a.stationRegion)! }
      : { role: a.role, regionCode: a.regionCode! };
    const created = await createAccount(db, {
      username: a.username,
      displayName: a.displayName,
      password: DEMO_PASSWORD,
      grants: [grant],
      residentId: a.residentId ?? null,
      isDemo: true,
      actor: SEED_ACTOR,
      now,
    });
    if (phone) await setAccountPhone(db, pii, { accountId: created.id, phone });
  }
  const catalog = await seedDemoCatalog({ db, now });
  await seedDemoAuthorizations({
    db,
    now,
    town: PILOT_TOWN,
    village: SANSHUNZHUANG,
    exclude: residentIds,
  });
  await seedDemoVolunteers({ db, pii, now, password: DEMO_PASSWORD });
  await seedDemoOrders({ db, pii, now });
  await seedDemoActivities({ db, pii, now });
  await seedDemoRecords({ db, pii, now });
  await seedDemoPrograms({ db, pii, now, password: DEMO_PASSWORD });
  await seedDemoPosts({ db, now, password: DEMO_PASSWORD, villageRegion: YIZHUANG });
  await seedDemoTraining({ db, now, town: PILOT_TOWN, village: SANSHUNZHUANG });
  await seedDemoAppointments({ db, now });
  await seedDemoHomeVisits({ db, pii, now });
  await seedDemoRatings({
    db,
    pii,
    now,
    town: PILOT_TOWN,
    exclude: residentIds,
    ...(deps.publicUrl ? { publicUrl: deps.publicUrl } : {}),
  });
  return {
    catalogItems: catalog?.created.length ?? 0,
    regions: regions.imported,
    stations: stationIds.size,
    residents: residentIds.length + people.length,
    accounts: accounts.length,
  };
}
