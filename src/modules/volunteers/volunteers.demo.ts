/**
 * Demo data of the volunteer pillar (VS-1, VS-2): the "8+N" categories, the 丽江 story
 * (volunteers.demo-lijiang.ts) and 魏善庄镇 (volunteers.demo-weishanzhuang.ts). Everything is
 * marked as demo.
 */
import { createCategory } from './lists.service.ts';
import { seedLijiangVolunteers } from './volunteers.demo-lijiang.ts';
import { seedBase, type DemoVolunteerDeps } from './volunteers.demo-support.ts';
import { seedWeishanzhuangVolunteers } from './volunteers.demo-weishanzhuang.ts';

export { DAYAN, DEMO_VS_IDS } from './volunteers.demo-ids.ts';

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

export async function seedDemoVolunteers(deps: DemoVolunteerDeps) {
  const base = seedBase(deps.now);
  for (const [i, c] of DEMO_CATEGORIES.entries()) {
    await createCategory(deps.db, { ...base, body: { ...c, sortOrder: (i + 1) * 10 } });
  }
  await seedLijiangVolunteers(deps, base);
  await seedWeishanzhuangVolunteers(deps, base);
  return { categories: DEMO_CATEGORIES.length, volunteers: 28, accounts: 6 };
}
