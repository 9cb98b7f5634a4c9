import { seededRandom } from '../../shared/seeded-random.ts';
import { buildIdNumber } from '../residents/id-number.ts';

const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段漕钱汤尹黎易常武乔贺赖龚文';
const GIVEN =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰建国志红春梅海燕淑珍德福长林凤琴文斌亮云飞浩然子涵雨欣思远嘉怡宇航佳琪俊杰欣怡';

export interface DemoPerson {
  idNumber: string;
  fullName: string;
  phone: string;
  birthYmd: string;
}

/** Demo residents: valid ID numbers (address code 110115 大兴区), plausible ages, fake phones. */
export function demoPeople(count: number, seed = 20260101): DemoPerson[] {
  const rnd = seededRandom(seed);
  const pick = (s: string) => s[Math.floor(rnd() * s.length)]!;
  const out: DemoPerson[] = [];
  const used = new Set<string>();
  while (out.length < count) {
    const year = 1935 + Math.floor(rnd() * 75); // ages ~16 to ~90
    const month = 1 + Math.floor(rnd() * 12);
    const day = 1 + Math.floor(rnd() * 28);
    const birthYmd = `${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
    const sequence = String(Math.floor(rnd() * 1000)).padStart(3, '0');
    const idNumber = buildIdNumber('110115', birthYmd, sequence);
    if (used.has(idNumber)) continue;
    used.add(idNumber);
    const given = rnd() < 0.5 ? pick(GIVEN) : pick(GIVEN) + pick(GIVEN);
    const phone = `13${Math.floor(rnd() * 10)}${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}`;
    out.push({ idNumber, fullName: pick(SURNAMES) + given, phone, birthYmd });
  }
  return out;
}
