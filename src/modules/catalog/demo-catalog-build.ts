/**
 * Helpers for the demo catalog: common materials with stable keys, and an item builder with the
 * defaults of a village station (free, window + appointment + agent, one visit, town-wide 通办).
 */
import type {
  CatalogCategory,
  CatalogItem,
  Channel,
  Material,
  CatalogTier,
} from './catalog.schema.ts';

type Form = Material['form'];

export function mat(
  key: string,
  zh: string,
  en: string,
  form: Form,
  copies: number,
  opts: { optional?: boolean; notes?: string } = {},
): Material {
  return {
    key,
    name: { zh, en },
    required: !opts.optional,
    form,
    copies,
    ...(opts.notes ? { notes: opts.notes } : {}),
  };
}

/** Materials most items ask for; the keys are the same in every item that uses them. */
export const M = {
  idCard: (notes?: string) =>
    mat('id_card', '申请人居民身份证', "Applicant's resident identity card", 'original', 0, {
      ...(notes ? { notes } : {}),
    }),
  hukou: (notes?: string) =>
    mat('hukou_book', '户口簿', 'Household register booklet (hukou)', 'original_and_copy', 1, {
      ...(notes ? { notes } : {}),
    }),
  photo: (copies = 2) =>
    mat(
      'photo_1inch',
      '近期一寸免冠彩色照片',
      'Recent one-inch colour photo, bare-headed',
      'original',
      copies,
      {
        notes: '也可在服务站现场拍照采集',
      },
    ),
  bankCard: (notes?: string) =>
    mat(
      'bank_card',
      '本人银行卡或存折',
      "Bank card or passbook in the applicant's name",
      'original_and_copy',
      1,
      { ...(notes ? { notes } : {}) },
    ),
  socialCard: () =>
    mat('social_card', '社会保障卡', 'Social security card', 'original', 0, {
      notes: '也可出示电子社保卡',
    }),
  disabilityCert: () =>
    mat('disability_cert', '残疾人证', 'Disability certificate', 'original_and_copy', 1),
  marriage: (optional = false) =>
    mat('marriage_cert', '结婚证', 'Marriage certificate', 'original_and_copy', 1, { optional }),
  deathCert: () =>
    mat(
      'death_cert',
      '居民死亡医学证明（推断）书',
      'Medical certificate of death',
      'original_and_copy',
      1,
    ),
  familyIncome: () =>
    mat(
      'family_income',
      '家庭经济状况申报表',
      'Declaration of household income and assets',
      'original',
      1,
    ),
  form: (key: string, zh: string, en: string) => mat(key, zh, en, 'original', 1),
  agentId: () =>
    mat('agent_id_card', '代办人居民身份证', "The agent's resident identity card", 'original', 0, {
      optional: true,
      notes: '他人代办时提供',
    }),
  authorisation: () =>
    mat('authorisation', '授权委托书', 'Signed letter of authorisation', 'original', 1, {
      optional: true,
      notes: '他人代办时提供',
    }),
};

export interface DemoSpec {
  code: string;
  zh: string;
  en: string;
  aliases?: string[];
  category: CatalogCategory;
  tier?: CatalogTier;
  legal: number;
  promised: number;
  /** Who decides: the station on the spot, the town centre, or the named district department. */
  decides: 'station' | 'town_centre' | { department: string };
  materials: Material[];
  conditions: string[];
  basis: string;
  procedure?: string;
  channels?: Channel[];
  visits?: number;
  scope?: CatalogItem['scope'];
  fee?: CatalogItem['fee'];
}

function defaultProcedure(spec: DemoSpec): string {
  const accept = '1. 在本镇任一村级政务服务站提交材料，专管员核验并通过“首都之窗”平台受理';
  if (spec.decides === 'station') return `${accept}；2. 当场办结，出具办理凭证。`;
  if (spec.decides === 'town_centre')
    return `${accept}并上传材料；2. 镇政务服务中心审核办理；3. 结果在任一村级政务服务站领取或邮寄送达。`;
  return `${accept}并上传材料；2. 镇政务服务中心初审；3. ${spec.decides.department}审批；4. 结果由村级政务服务站告知并送达。`;
}

export function demoItem(spec: DemoSpec): CatalogItem {
  const route: CatalogItem['route'] =
    typeof spec.decides === 'string'
      ? { accepts: 'station', decides: spec.decides }
      : { accepts: 'station', decides: 'district_department', department: spec.decides.department };
  return {
    code: spec.code,
    name: { zh: spec.zh, en: spec.en },
    aliases: spec.aliases ?? [],
    category: spec.category,
    tier: spec.tier ?? 'base',
    legalLimitDays: spec.legal,
    promisedLimitDays: spec.promised,
    materials: spec.materials,
    conditions: spec.conditions,
    fee: spec.fee ?? { amountFen: 0, waivers: [] },
    channels: spec.channels ?? ['window', 'appointment', 'agent'],
    inPersonVisits: spec.visits ?? 1,
    scope: spec.scope ?? 'town',
    route,
    basis: spec.basis,
    procedure: spec.procedure ?? defaultProcedure(spec),
    isDemo: true,
  };
}
