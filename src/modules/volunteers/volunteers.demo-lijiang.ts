/**
 * The 丽江 story of the volunteer demo (VS-1, VS-2): 古城区 corps, the 彩虹 team at 新义社区 with
 * seven colour sub-teams, centre staff, a leader, volunteers and three shop owners, their
 * resources and projects.
 */
import { seededRandom } from '../../shared/seeded-random.ts';
import { buildIdNumber } from '../residents/id-number.ts';
import { createProject } from './projects.service.ts';
import { createResource } from './resources.service.ts';
import { createTeam } from './teams.service.ts';
import { registerVolunteer } from './volunteer-registration.ts';
import { DEMO_VS_IDS, GUCHENG, DAYAN, XINYI } from './volunteers.demo-ids.ts';
import { seedLijiangAccounts } from './volunteers.demo-lijiang-accounts.ts';
import { approve, type DemoVolunteerDeps, type SeedBase } from './volunteers.demo-support.ts';

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

export async function seedLijiangVolunteers(deps: DemoVolunteerDeps, base: SeedBase) {
  const { db, pii, now } = deps;
  const ids = await seedLijiangAccounts(deps, base);

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
}
