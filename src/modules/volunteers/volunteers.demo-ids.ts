/** Fixed ids and region codes of the volunteer demo, so tests and the route matrix can name them. */
import crypto from 'node:crypto';

export const GUCHENG = '530702000000'; // 丽江市古城区
export const DAYAN = '530702002000'; // 大研街道
export const XINYI = '530702002002'; // 新义社区

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
