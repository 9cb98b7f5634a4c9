/**
 * Issue #15 point 9, demo: 魏善庄镇's own items, its "+N" on top of the shared list. Filed at any
 * station serving 魏善庄镇 (its village stations, its town centre, the district's centres), nowhere
 * else.
 *
 * DEMO CONTENT: plausible for a town known for its roses (世界月季主题园) and rural toilet renovation,
 * but the codes, materials, limits and bases are illustrative and have NOT been checked against the
 * town's official 实施清单. Every item is marked `isDemo: true`.
 */
import type { CatalogItem } from './catalog.schema.ts';
import { demoItem, M, mat } from './demo-catalog-build.ts';

/** 魏善庄镇, the demo's pilot town (the same code as demo/seed-demo.ts PILOT_TOWN). */
export const DEMO_TOWN = '110115110000';

export const DEMO_TOWN_ITEMS: CatalogItem[] = [
  demoItem({
    code: 'WSZ-NY-001',
    zh: '月季种植户技术服务预约',
    en: 'Booking technical help for rose growers',
    aliases: ['月季技术服务', '花卉种植指导'],
    category: 'employment',
    tier: 'extra',
    legal: 10,
    promised: 5,
    decides: 'town_centre',
    materials: [
      M.idCard(),
      mat('planting_info', '种植地块及品种说明', 'Plot and varieties grown', 'original', 1),
    ],
    conditions: ['本镇辖区内从事月季等花卉种植的农户或合作社'],
    basis: '魏善庄镇花卉产业扶持办法（演示）',
  }),
  demoItem({
    code: 'WSZ-NY-002',
    zh: '农村户厕改造补助申请',
    en: 'Applying for the rural household toilet renovation subsidy',
    aliases: ['改厕补助', '厕所改造'],
    category: 'housing',
    tier: 'extra',
    legal: 20,
    promised: 15,
    decides: 'town_centre',
    materials: [
      M.idCard(),
      M.hukou(),
      mat('site_photo', '改造前厕所照片', 'Photo of the toilet before renovation', 'original', 1),
    ],
    conditions: ['本镇农村户籍且在本村有自有住房', '未享受过同类改厕补助'],
    basis: '北京市农村户厕改造工作方案；魏善庄镇实施细则（演示）',
  }),
  demoItem({
    code: 'WSZ-LL-001',
    zh: '镇老年餐桌就餐登记',
    en: 'Registering for the town’s meal table for the elderly',
    aliases: ['老年餐桌', '助餐登记'],
    category: 'elderly',
    tier: 'extra',
    legal: 0,
    promised: 0,
    decides: 'station',
    materials: [M.idCard('本人或代办人持老人身份证')],
    conditions: ['本镇户籍或常住的60周岁以上老年人'],
    basis: '北京市养老助餐服务管理办法；魏善庄镇老年餐桌管理规定（演示）',
    channels: ['window', 'agent', 'home_visit'],
  }),
];
