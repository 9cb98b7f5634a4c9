/**
 * Demo data of the volunteer pillar (VS-1, VS-2): the "8+N" categories; the 丽江 story (古城区
 * corps, the 彩虹 team at 新义社区 with seven colour sub-teams, centre staff, a leader, volunteers
 * and three shop owners); and in 魏善庄镇 a team led by the demo `leader` with the demo
 * `volunteer` as an approved member, resources (a 流动书包 mobile library, a donated venue) and
 * projects on the service menu. Everything is marked as demo.
 */
import crypto from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { DEFAULT_PREFERENCES } from '../auth/account.service.ts';
import { hashPassword } from '../auth/password.ts';
import type { Role } from '../auth/roles.ts';
import { seededRandom } from '../demo/demo-people.ts';
import { buildIdNumber } from '../residents/id-number.ts';
import type { PiiCipher } from '../residents/pii-crypto.ts';
import { registerResident } from '../residents/residents.service.ts';
import { createCategory } from './lists.service.ts';
import { createProject } from './projects.service.ts';
import { createResource } from './resources.service.ts';
import { createTeam } from './teams.service.ts';
import { registerVolunteer } from './volunteer-registration.ts';
import { SEED_CALLER } from '../auth/actor.ts';

export const GUCHENG = '530702000000'; // 丽江市古城区
export const DAYAN = '530702002000'; // 大研街道
export const XINYI = '530702002002'; // 新义社区
const DAYAN_COMMUNITIES = [
  '530702002001',
  '530702002002',
  '530702002003',
  '530702002004',
  '530702002005',
  '530702002006',
  '530702002007',
  '530702002008',
];
const WEISHANZHUANG = '110115110000'; // 魏善庄镇
const YIZHUANG = '110115110207'; // 伊庄村
const SANSHUNZHUANG = '110115110222'; // 三顺庄村

/** A fixed, valid UUID for a demo row, so tests and the route matrix can name it. */
export function demoId(name: string): string {
  const h = crypto.createHash('sha256').update(`doorstep-demo:${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Demo rows the tests refer to. */
export const DEMO_VS_IDS = {
  /** 魏善庄镇邻里守望志愿服务队, led by `leader`; `volunteer` is an approved member. */
  wszTeam: demoId('team:wsz'),
  /** 伊庄村巾帼文艺志愿服务队, no leader, no members. */
  wszCultureTeam: demoId('team:wsz-culture'),
  rainbowTeam: demoId('team:rainbow'),
  /** The volunteer record of the demo `volunteer` account. */
  wszVolunteer: demoId('volunteer:wsz'),
  /** The 流动书包 of the 魏善庄镇 team. */
  bookbag: demoId('resource:bookbag'),
  /** 助老理发进村, on the menu, of the 魏善庄镇 team. */
  haircut: demoId('project:haircut'),
} as const;

const SEED_ACTOR = { accountId: null, role: 'system', stationId: null };

/** The "8+N" categories: eight common ones and a few local ones; colours are optional. */
export const DEMO_CATEGORIES = [
  { code: 'theory', nameZh: '理论宣讲', nameEn: 'Policy and theory outreach', colour: '#f5222d' },
  { code: 'culture', nameZh: '文化文艺', nameEn: 'Culture and arts', colour: '#fa8c16' },
  { code: 'science', nameZh: '科普科教', nameEn: 'Science education', colour: '#d4b106' },
  { code: 'health', nameZh: '卫生健康', nameEn: 'Health', colour: '#13c2c2' },
  { code: 'legal', nameZh: '法律服务', nameEn: 'Legal aid', colour: null },
  {
    code: 'elderly',
    nameZh: '助老助残',
    nameEn: 'Help for the elderly and disabled',
    colour: '#722ed1',
  },
  { code: 'eco', nameZh: '生态环保', nameEn: 'Environment', colour: '#52c41a' },
  { code: 'safety', nameZh: '平安建设与应急', nameEn: 'Safety and emergencies', colour: null },
  // N: local additions
  {
    code: 'skills',
    nameZh: '技能培训（含直播带货）',
    nameEn: 'Skills training (incl. live-stream selling)',
    colour: '#1677ff',
  },
  { code: 'children', nameZh: '关爱儿童', nameEn: 'Care for children', colour: null },
] as const;

/** The seven colour sub-teams of 彩虹志愿服务队, each one service category. */
const RAINBOW = [
  { zh: '赤', colour: '#f5222d', category: 'theory', focus: '政策宣讲' },
  { zh: '橙', colour: '#fa8c16', category: 'culture', focus: '文艺演出' },
  { zh: '黄', colour: '#d4b106', category: 'science', focus: '科普进社区' },
  { zh: '绿', colour: '#52c41a', category: 'eco', focus: '古城环境保护' },
  { zh: '青', colour: '#13c2c2', category: 'health', focus: '健康义诊' },
  { zh: '蓝', colour: '#1677ff', category: 'skills', focus: '技能培训与直播带货' },
  { zh: '紫', colour: '#722ed1', category: 'elderly', focus: '助老助残' },
] as const;

/** Naxi and Han surnames common in 丽江; given names as in the Beijing demo. */
const SURNAMES = '和木杨李赵王张段杜周习';
const GIVEN = '丽华春燕志刚秀英建国玉兰海燕文斌丽娟云飞子涵雨欣嘉怡宇航';

type Db = Kysely<Database>;

async function insertAccount(
  trx: Transaction<Database>,
  a: {
    username: string;
    displayName: string;
    role: Role;
    regionCode: string;
    residentId?: string | null;
    passwordHash: string;
    now: Date;
  },
): Promise<string> {
  const id = crypto.randomUUID();
  const nowIso = a.now.toISOString();
  await trx
    .insertInto('accounts')
    .values({
      id,
      username: a.username,
      display_name: a.displayName,
      password_hash: a.passwordHash,
      status: 'active',
      resident_id: a.residentId ?? null,
      preferences: JSON.stringify(DEFAULT_PREFERENCES),
      is_demo: 1,
      password_changed_at: nowIso,
      created_at: nowIso,
      updated_at: nowIso,
    })
    .execute();
  await trx
    .insertInto('role_grants')
    .values({
      id: crypto.randomUUID(),
      account_id: id,
      role: a.role,
      region_code: a.regionCode,
      station_id: null,
      created_at: nowIso,
    })
    .execute();
  await recordAudit(trx, {
    actor: SEED_ACTOR,
    action: 'account.created',
    entityType: 'account',
    entityId: id,
    regionCode: a.regionCode,
    after: {
      username: a.username,
      displayName: a.displayName,
      grants: [{ role: a.role, regionCode: a.regionCode, stationId: null }],
    },
    now: a.now,
  });
  return id;
}

async function accountId(db: Db, username: string): Promise<string> {
  const row = await db
    .selectFrom('accounts')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return row.id;
}

async function approve(db: Db, teamId: string, volunteerId: string, by: string | null, now: Date) {
  const nowIso = now.toISOString();
  await db
    .insertInto('vs_team_members')
    .values({
      id: crypto.randomUUID(),
      team_id: teamId,
      volunteer_id: volunteerId,
      status: 'approved',
      note: null,
      requested_at: nowIso,
      decided_by: by,
      decided_at: nowIso,
    })
    .execute();
}

export async function seedDemoVolunteers(deps: {
  db: Db;
  pii: PiiCipher;
  now: Date;
  /** The demo password, hashed once for every new demo account. */
  password: string;
}) {
  const { db, pii, now } = deps;
  const base = { actor: SEED_CALLER, isDemo: true, requestId: null, now } as const;

  for (const [i, c] of DEMO_CATEGORIES.entries()) {
    await createCategory(db, { ...base, body: { ...c, sortOrder: (i + 1) * 10 } });
  }

  /* ---------- 丽江: accounts ---------- */
  const shopOwners = [
    {
      fullName: '和丽华',
      birth: '19780512',
      seq: '024',
      shop: '纳西手工银器店',
      phone: '13988801001',
    },
    {
      fullName: '木春燕',
      birth: '19850923',
      seq: '046',
      shop: '古城鲜花饼铺',
      phone: '13988801002',
    },
    { fullName: '杨志刚', birth: '19720308', seq: '013', shop: '东巴纸工坊', phone: '13988801003' },
  ];
  const residentIds: string[] = [];
  for (const [i, s] of shopOwners.entries()) {
    const r = await registerResident(
      { db, pii },
      {
        ...base,
        resident: {
          idNumber: buildIdNumber('530702', s.birth, s.seq),
          fullName: s.fullName,
          phone: s.phone,
          homeRegionCode: XINYI,
          address: `云南省丽江市古城区大研街道新义社区新义街${12 + i * 7}号（${s.shop}）`,
        },
      },
    );
    residentIds.push(r.id);
  }
  const passwordHash = await hashPassword(deps.password);
  const ids = await db.transaction().execute(async (trx) => {
    const mk = (
      username: string,
      displayName: string,
      role: Role,
      regionCode: string,
      residentId?: string,
    ) =>
      insertAccount(trx, {
        username,
        displayName,
        role,
        regionCode,
        residentId,
        passwordHash,
        now,
      });
    return {
      staff: await mk(
        'lj-staff',
        '古城区新时代文明实践中心工作人员（演示）',
        'volunteer_staff',
        GUCHENG,
      ),
      leader: await mk('lj-leader', '彩虹志愿服务队队长（演示）', 'team_leader', DAYAN),
      volunteer: await mk('lj-volunteer', '彩虹志愿服务队志愿者（演示）', 'volunteer', DAYAN),
      residents: [
        await mk(
          'lj-resident1',
          `${shopOwners[0]!.fullName}（演示）`,
          'resident',
          XINYI,
          residentIds[0],
        ),
        await mk(
          'lj-resident2',
          `${shopOwners[1]!.fullName}（演示）`,
          'resident',
          XINYI,
          residentIds[1],
        ),
        await mk(
          'lj-resident3',
          `${shopOwners[2]!.fullName}（演示）`,
          'resident',
          XINYI,
          residentIds[2],
        ),
      ],
    };
  });

  /* ---------- 丽江: corps, 彩虹 team, seven sub-teams ---------- */
  const corps = await createTeam(db, {
    ...base,
    body: {
      kind: 'corps',
      name: '古城区新时代文明实践志愿服务总队',
      regionCode: GUCHENG,
      organisationName: '丽江市古城区新时代文明实践中心',
      personInCharge: '和建华',
      contactPhone: '0888-5120001',
      description: '统筹全区志愿服务队伍，按“8+N”类别组织服务。',
    },
  });
  const rainbow = await createTeam(db, {
    ...base,
    id: DEMO_VS_IDS.rainbowTeam,
    body: {
      kind: 'team',
      parentId: corps.id,
      name: '彩虹志愿服务队',
      regionCode: XINYI,
      leaderAccountId: ids.leader,
      organisationName: '大研街道新义社区新时代文明实践站',
      personInCharge: '木丽萍',
      contactPhone: '0888-5120002',
      description: '新义社区的七色志愿服务队：赤橙黄绿青蓝紫，每支分队一个服务类别。',
    },
  });
  const subteams: Record<string, string> = {};
  for (const [i, c] of RAINBOW.entries()) {
    const t = await createTeam(db, {
      ...base,
      now: new Date(now.getTime() + i + 1), // listed in rainbow order (by creation time)
      body: {
        kind: 'subteam',
        parentId: rainbow.id,
        name: `彩虹志愿服务队·${c.zh}队`,
        regionCode: XINYI,
        categoryCode: c.category,
        colour: c.colour,
        organisationName: '大研街道新义社区新时代文明实践站',
        personInCharge: '木丽萍',
        contactPhone: '0888-5120002',
        description: `${c.zh}队：${c.focus}。`,
      },
    });
    subteams[c.category] = t.id;
  }

  /* ---------- 丽江: volunteers ---------- */
  const rnd = seededRandom(530702);
  const pick = (s: string) => s[Math.floor(rnd() * s.length)]!;
  const skillsByCategory: Record<string, string[]> = {
    theory: ['政策宣讲'],
    culture: ['纳西古乐', '舞蹈'],
    science: ['科普讲解'],
    eco: ['垃圾分类', '河道巡护'],
    health: ['护理', '急救'],
    skills: ['直播带货', '短视频剪辑', '电商运营'],
    elderly: ['陪伴聊天', '理发'],
  };
  const lj = await registerVolunteer(
    { db, pii },
    {
      ...base,
      mode: 'seed',
      accountId: ids.volunteer,
      body: {
        idNumber: buildIdNumber('530702', '19950617', '032'),
        fullName: '和晓燕',
        phone: '13988802001',
        homeRegionCode: XINYI,
        skills: ['直播带货', '短视频剪辑'],
        serviceRegionCodes: [DAYAN],
        availability: { weekdays: [6, 7], parts: ['am', 'pm'] },
      },
    },
  );
  await approve(db, subteams.skills!, lj.id, ids.leader, now);
  const used = new Set<string>();
  let made = 0;
  while (made < 20) {
    const year = 1960 + Math.floor(rnd() * 46); // 20 to 66 years old in 2026
    const birth = `${year}${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
    const seq = String(100 + Math.floor(rnd() * 900));
    const idNumber = buildIdNumber('530702', birth, seq);
    if (used.has(idNumber)) continue;
    used.add(idNumber);
    const category = RAINBOW[made % RAINBOW.length]!.category;
    const v = await registerVolunteer(
      { db, pii },
      {
        ...base,
        mode: 'seed',
        accountId: null,
        body: {
          idNumber,
          fullName: pick(SURNAMES) + pick(GIVEN) + (rnd() < 0.5 ? pick(GIVEN) : ''),
          phone: `139888${String(Math.floor(rnd() * 1e5)).padStart(5, '0')}`,
          homeRegionCode: DAYAN_COMMUNITIES[made % DAYAN_COMMUNITIES.length]!,
          skills: skillsByCategory[category] ?? [],
          serviceRegionCodes: [DAYAN],
          availability: {
            weekdays: made % 2 === 0 ? [1, 3, 5] : [6, 7],
            parts: made % 3 === 0 ? ['evening'] : ['am', 'pm'],
          },
        },
      },
    );
    await approve(db, subteams[category]!, v.id, ids.leader, now);
    made += 1;
  }
  // A 16-year-old student volunteer: registered with her mother's recorded consent.
  const teenBirth = `${Number(now.toISOString().slice(0, 4)) - 16}0115`;
  const teen = await registerVolunteer(
    { db, pii },
    {
      ...base,
      mode: 'seed',
      accountId: null,
      body: {
        idNumber: buildIdNumber('530702', teenBirth, '062'),
        fullName: '和小雨',
        homeRegionCode: XINYI,
        skills: ['科普讲解'],
        serviceRegionCodes: [XINYI],
        availability: { weekdays: [6], parts: ['am'] },
        guardianConsent: {
          guardianName: '和丽华',
          relation: '母亲',
          guardianPhone: '13988801001',
          method: 'signed_form',
        },
      },
    },
  );
  await approve(db, subteams.science!, teen.id, ids.leader, now);

  /* ---------- 丽江: resources and projects ---------- */
  await createResource(db, {
    ...base,
    body: {
      name: '直播设备套装（手机支架、补光灯、麦克风）',
      kind: 'goods',
      description: '蓝队自备的三套直播设备，培训和直播时借用。',
      categoryCode: 'skills',
      regionCode: XINYI,
      providerTeamId: subteams.skills!,
      providerName: '彩虹志愿服务队·蓝队',
      contact: '0888-5120002',
    },
  });
  await createResource(db, {
    ...base,
    body: {
      name: '新义社区党群服务中心多功能室',
      kind: 'venue',
      description: '可容纳 40 人，有投影和无线网络，工作日晚间和周末可预约。',
      categoryCode: 'culture',
      regionCode: XINYI,
      providerName: '新义社区居委会',
      contact: '0888-5120003',
    },
  });
  const ljProjects = [
    [
      '直播带货技能培训',
      '手把手教商户开直播、拍短视频、上架商品。',
      'skills',
      '每月第二个周六下午',
    ],
    ['古城河道清洁', '沿中河、西河捡拾垃圾，宣传垃圾分类。', 'eco', '每周日上午'],
    ['社区健康义诊', '量血压、测血糖、健康咨询。', 'health', '每月 5 日上午'],
    ['独居老人陪伴', '上门陪伴聊天、代购生活用品。', 'elderly', '每周三下午'],
  ] as const;
  for (const [name, description, category, schedule] of ljProjects) {
    await createProject(db, {
      ...base,
      body: {
        name,
        description,
        categoryCode: category,
        regionCode: XINYI,
        teamId: subteams[category]!,
        schedule,
        onMenu: true,
      },
    });
  }

  /* ---------- 魏善庄镇 ---------- */
  const leaderId = await accountId(db, 'leader');
  const volunteerAccount = await accountId(db, 'volunteer');
  const wsz = await createTeam(db, {
    ...base,
    id: DEMO_VS_IDS.wszTeam,
    body: {
      kind: 'team',
      name: '魏善庄镇邻里守望志愿服务队',
      regionCode: WEISHANZHUANG,
      categoryCode: 'elderly',
      colour: '#722ed1',
      leaderAccountId: leaderId,
      organisationName: '魏善庄镇新时代文明实践所',
      personInCharge: '王秀兰',
      contactPhone: '010-89210001',
      description: '为独居老人上门理发、陪伴、代购；流动书包进村。',
    },
  });
  const wszCulture = await createTeam(db, {
    ...base,
    id: DEMO_VS_IDS.wszCultureTeam,
    body: {
      kind: 'team',
      name: '伊庄村巾帼文艺志愿服务队',
      regionCode: YIZHUANG,
      categoryCode: 'culture',
      colour: '#fa8c16',
      organisationName: '伊庄村新时代文明实践站',
      personInCharge: '刘桂英',
      contactPhone: '010-89210002',
      description: '广场舞、快板和村晚演出。',
    },
  });
  const wszVolunteer = await registerVolunteer(
    { db, pii },
    {
      ...base,
      mode: 'seed',
      id: DEMO_VS_IDS.wszVolunteer,
      accountId: volunteerAccount,
      body: {
        idNumber: buildIdNumber('110115', '19900412', '027'),
        fullName: '赵雨欣',
        phone: '13700001234',
        homeRegionCode: YIZHUANG,
        skills: ['理发', '陪伴聊天'],
        serviceRegionCodes: [WEISHANZHUANG],
        availability: { weekdays: [6, 7], parts: ['am', 'pm'] },
      },
    },
  );
  await approve(db, wsz.id, wszVolunteer.id, leaderId, now);
  // A few more in 魏善庄镇: two members, one waiting for the leader's decision, one without a team.
  const more = [
    {
      name: '孙秀英',
      birth: '19620308',
      seq: '042',
      home: SANSHUNZHUANG,
      skills: ['陪伴聊天'],
      join: 'approved',
    },
    {
      name: '高建国',
      birth: '19580911',
      seq: '017',
      home: YIZHUANG,
      skills: ['理发', '修理家电'],
      join: 'approved',
    },
    {
      name: '周佳琪',
      birth: '20010520',
      seq: '066',
      home: SANSHUNZHUANG,
      skills: ['辅导作业', '读绘本'],
      join: 'pending',
    },
    {
      name: '刘海燕',
      birth: '19791126',
      seq: '028',
      home: YIZHUANG,
      skills: ['广场舞'],
      join: null,
    },
  ] as const;
  for (const m of more) {
    const v = await registerVolunteer(
      { db, pii },
      {
        ...base,
        mode: 'seed',
        accountId: null,
        body: {
          idNumber: buildIdNumber('110115', m.birth, m.seq),
          fullName: m.name,
          phone: `1370000${m.seq}1`,
          homeRegionCode: m.home,
          skills: [...m.skills],
          serviceRegionCodes: [WEISHANZHUANG],
          availability: { weekdays: [1, 3, 5], parts: ['am'] },
        },
      },
    );
    if (m.join === 'approved') await approve(db, wsz.id, v.id, leaderId, now);
    if (m.join === 'pending')
      await db
        .insertInto('vs_team_members')
        .values({
          id: crypto.randomUUID(),
          team_id: wsz.id,
          volunteer_id: v.id,
          status: 'pending',
          note: '想带孩子们读绘本',
          requested_at: now.toISOString(),
          decided_by: null,
          decided_at: null,
        })
        .execute();
  }
  await createResource(db, {
    ...base,
    id: DEMO_VS_IDS.bookbag,
    body: {
      name: '流动书包',
      kind: 'goods',
      description: '三十个装满绘本和老年读物的书包，轮流送到各村，两周一换。',
      categoryCode: 'culture',
      regionCode: WEISHANZHUANG,
      providerTeamId: wsz.id,
      providerName: '魏善庄镇邻里守望志愿服务队',
      contact: '010-89210001',
    },
  });
  await createResource(db, {
    ...base,
    body: {
      name: '三顺庄村便民超市二楼活动室（商户捐用）',
      kind: 'venue',
      description: '超市老板免费提供的活动室，可坐 30 人，周末白天可用。',
      categoryCode: 'elderly',
      regionCode: SANSHUNZHUANG,
      providerName: '三顺庄村便民超市',
      contact: '010-89210003',
    },
  });
  await createResource(db, {
    ...base,
    body: {
      name: '爱心理发工具箱',
      kind: 'goods',
      description: '电推子、围布、消毒用品，上门理发时使用。已随旧设备更换停用。',
      categoryCode: 'elderly',
      regionCode: WEISHANZHUANG,
      providerTeamId: wsz.id,
      providerName: '魏善庄镇邻里守望志愿服务队',
      contact: '',
    },
  }).then((r) =>
    db.updateTable('vs_resources').set({ active: 0 }).where('id', '=', r.id).execute(),
  );
  const wszProjects = [
    ['助老理发进村', '为 70 岁以上老人上门或集中理发。', 'elderly', '每月第一个周六上午', wsz.id],
    ['流动书包进村', '把流动书包送到村里，陪孩子和老人读书。', 'culture', '每两周一次', wsz.id],
    ['村晚排练', '组织村民排练节目。', 'culture', '每周五晚上', wszCulture.id],
    ['政策理论宣讲', '宣讲惠民政策和养老、医保办理方法。', 'theory', '每季度一次', null],
  ] as const;
  for (const [name, description, category, schedule, teamId] of wszProjects) {
    await createProject(db, {
      ...base,
      ...(name === '助老理发进村' ? { id: DEMO_VS_IDS.haircut } : {}),
      body: {
        name,
        description,
        categoryCode: category,
        regionCode: WEISHANZHUANG,
        teamId,
        schedule,
        onMenu: true,
      },
    });
  }
  return { categories: DEMO_CATEGORIES.length, volunteers: 28, accounts: 6 };
}
