/**
 * 魏善庄镇 in the volunteer demo: a team led by the demo `leader` with the demo `volunteer` as an
 * approved member (one more waiting for the leader, one without a team), resources (a 流动书包
 * mobile library, a donated venue) and projects on the service menu.
 */
import crypto from 'node:crypto';
import { buildIdNumber } from '../residents/id-number.ts';
import { createProject } from './projects.service.ts';
import { createResource } from './resources.service.ts';
import { createTeam } from './teams.service.ts';
import { registerVolunteer } from './volunteer-registration.ts';
import { DEMO_VS_IDS } from './volunteers.demo-ids.ts';
import {
  accountId,
  approve,
  type DemoVolunteerDeps,
  type SeedBase,
} from './volunteers.demo-support.ts';

const WEISHANZHUANG = '110115110000'; // 魏善庄镇
const YIZHUANG = '110115110207'; // 伊庄村
const SANSHUNZHUANG = '110115110222'; // 三顺庄村

export async function seedWeishanzhuangVolunteers(deps: DemoVolunteerDeps, base: SeedBase) {
  const { db, pii, now } = deps;
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
}
