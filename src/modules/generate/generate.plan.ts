/**
 * Issue #16 point 4, the pure half of `doorstep generate`: how much a scale makes, and every
 * generated value (people, ID numbers, cases' stations, states and dates) from a seeded PRNG, so
 * the same `--seed` gives the same data set on every machine. No I/O; generate.service.ts writes.
 */
import { seededRandom } from '../../shared/seeded-random.ts';
import { buildIdNumber } from '../residents/id-number.ts';
import { CASE_STATES, type CaseState } from '../cases/case.workflow.ts';

export const SCALES = ['tiny', 'town', 'district', 'city'] as const;
export type Scale = (typeof SCALES)[number];

export interface ScalePlan {
  scale: Scale;
  /** Region scope prefix in the NBS tree: one town (魏善庄镇), one district (大兴区), 北京市. */
  scope: string;
  residents: number;
  cases: number;
  /** One resident in this many volunteers. */
  volunteerEvery: number;
  /** Hour records per volunteer over the period, on average (volunteering.plan.ts). */
  recordsPerVolunteer: number;
  /** Share of finished cases that get a rating. */
  ratedShare: number;
}

type Sizes = Omit<ScalePlan, 'scale' | 'ratedShare'>;

/** The city milestone (#16): 2 M residents, 5 M cases, 1 M volunteers, 20 M hour records. */
const PLANS: Record<Scale, Sizes> = {
  tiny: {
    scope: '110115110',
    residents: 200,
    cases: 500,
    volunteerEvery: 4,
    recordsPerVolunteer: 8,
  },
  town: {
    scope: '110115110',
    residents: 20_000,
    cases: 50_000,
    volunteerEvery: 2,
    recordsPerVolunteer: 20,
  },
  district: {
    scope: '110115',
    residents: 300_000,
    cases: 750_000,
    volunteerEvery: 2,
    recordsPerVolunteer: 20,
  },
  city: {
    scope: '11',
    residents: 2_000_000,
    cases: 5_000_000,
    volunteerEvery: 2,
    recordsPerVolunteer: 20,
  },
};

export function planScale(scale: Scale): ScalePlan {
  return { scale, ratedShare: 0.3, ...PLANS[scale] };
}

export function isScale(value: string): value is Scale {
  return (SCALES as readonly string[]).includes(value);
}

/** Days of birth the ID numbers spread over (1940-01-01 onwards); coprime with STRIDE. */
const BIRTH_DAYS = 24_821;
const STRIDE = 7_919;
const BIRTH_ORIGIN = Date.UTC(1940, 0, 1);
const DAY_MS = 86_400_000;

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍建国建华红梅海燕德福志强淑珍春梅桂芝秀珍文凤玉珍志明小红';

export interface PlannedPerson {
  idNumber: string;
  sex: 'male' | 'female';
  birthDate: string;
  fullName: string;
  phone: string;
  homeRegionCode: string;
  address: string;
}

/**
 * The i-th resident of a run: a valid GB 11643 number unique for i < 24,821,000 (birth day and
 * sequence follow from i; the seed shifts the birth days), a name, a mobile, a village.
 */
export function personAt(seed: number, i: number, villages: readonly string[]): PlannedPerson {
  const rnd = seededRandom(seed * 1_000_003 + i);
  const day = (i * STRIDE + seed * 31) % BIRTH_DAYS;
  const sequence = Math.floor(i / BIRTH_DAYS) % 1000;
  const birth = new Date(BIRTH_ORIGIN + day * DAY_MS).toISOString().slice(0, 10);
  const village = villages[Math.floor(rnd() * villages.length)]!;
  const idNumber = buildIdNumber(
    village.slice(0, 6),
    birth.replaceAll('-', ''),
    String(sequence).padStart(3, '0'),
  );
  const pick = (chars: string) => chars[Math.floor(rnd() * chars.length)]!;
  const given = rnd() < 0.5 ? pick(GIVEN) : `${pick(GIVEN)}${pick(GIVEN)}`;
  return {
    idNumber,
    sex: sequence % 2 === 1 ? 'male' : 'female',
    birthDate: birth,
    fullName: `${pick(SURNAMES)}${given}`,
    phone: `13${String(Math.floor(rnd() * 1e9)).padStart(9, '0')}`,
    homeRegionCode: village,
    address: `${1 + Math.floor(rnd() * 120)}号`,
  };
}

/** Every state appears; the older a case, the likelier it is finished. */
const OPEN: readonly CaseState[] = [
  'awaiting_supplement',
  'accepted',
  'in_progress',
  'suspended',
  'decided',
];
const FINISHED: readonly CaseState[] = [
  'delivered',
  'closed',
  'closed',
  'closed',
  'refused',
  'withdrawn',
];

export interface PlannedCase {
  /** Index of the applicant among the run's residents. */
  applicant: number;
  /** Index of the catalog item among those given. */
  item: number;
  /** Filed at the applicant's village station (else the town centre). */
  atVillage: boolean;
  state: CaseState;
  /** Days before `now` it was filed (0 ≤ age < years·365). */
  ageDays: number;
  /** Minutes into that day (China time 08:30 + up to 8 h). */
  minute: number;
  approved: boolean;
  rated: boolean;
}

export function caseAt(
  seed: number,
  k: number,
  opts: { residents: number; items: number; years: number; ratedShare: number },
): PlannedCase {
  const rnd = seededRandom(seed * 7_000_003 + k + 1);
  const ageDays = Math.floor(rnd() * opts.years * 365);
  // The first cases take each state once, so a tiny run has all of them.
  const finishedChance = Math.min(0.97, ageDays / 60);
  const state =
    k < CASE_STATES.length
      ? CASE_STATES[k]!
      : rnd() < finishedChance
        ? FINISHED[Math.floor(rnd() * FINISHED.length)]!
        : OPEN[Math.floor(rnd() * OPEN.length)]!;
  return {
    applicant: Math.floor(rnd() * opts.residents),
    item: Math.floor(rnd() * opts.items),
    atVillage: rnd() < 0.7,
    state,
    ageDays,
    minute: Math.floor(rnd() * 480),
    approved: rnd() < 0.9,
    rated: (state === 'delivered' || state === 'closed') && rnd() < opts.ratedShare,
  };
}

/**
 * Generated case numbers: `YYYYMMDD-9NNNN` — the filing day and 90001 onwards per day, so they
 * keep the shape every filter and tracking form knows, and never meet the live counter (which
 * starts at 00001 and would need 90,000 filings in one day).
 */
export function generatedCaseNumber(day: string, nth: number): string {
  if (nth < 1 || nth > 9999) throw new RangeError(`more than 9999 generated cases on ${day}`);
  return `${day.replaceAll('-', '')}-${90000 + nth}`;
}
