/**
 * Demo catalog, the "+N" extras: high-frequency payments added to the 47 (水电气缴费、交通处罚 …).
 * The station collects the bill or fine on behalf of its owner and charges nothing for the service
 * (fee 0); the amount itself is set by the utility or the traffic police.
 */
import { demoItem, mat, type DemoSpec } from './demo-catalog-build.ts';

const pay = (
  spec: Omit<DemoSpec, 'tier' | 'legal' | 'promised' | 'decides' | 'channels' | 'visits'>,
) =>
  demoItem({
    ...spec,
    tier: 'extra',
    legal: 0,
    promised: 0,
    decides: 'station',
    channels: ['window', 'agent', 'online'],
    visits: 0,
    procedure:
      spec.procedure ??
      '1. 报户号或出示缴费卡，服务站查询应缴金额；2. 现金或扫码缴费；3. 出具缴费凭证，当场办结。',
  });

const COLLECTED = '应缴金额由收费单位核定，服务站代收不另收费';

export const EXTRA_ITEMS = [
  pay({
    code: 'DX-SD-001',
    zh: '水费缴纳',
    en: 'Paying the water bill',
    aliases: ['交水费', '水电气缴费'],
    category: 'utilities',
    materials: [
      mat('account_no', '用水户号或缴费卡', 'Water account number or payment card', 'original', 0),
    ],
    conditions: [COLLECTED],
    basis: '《城市供水条例》；供水单位委托代收协议',
  }),
  pay({
    code: 'DX-SD-002',
    zh: '电费缴纳',
    en: 'Paying the electricity bill',
    aliases: ['交电费', '水电气缴费'],
    category: 'utilities',
    materials: [mat('account_no', '用电户号', 'Electricity account number', 'original', 0)],
    conditions: [COLLECTED],
    basis: '《电力供应与使用条例》；供电单位委托代收协议',
  }),
  pay({
    code: 'DX-SD-003',
    zh: '燃气费缴纳',
    en: 'Paying for gas (gas card top-up)',
    aliases: ['燃气卡充值', '交燃气费', '水电气缴费'],
    category: 'utilities',
    materials: [
      mat('gas_card', '燃气卡或燃气户号', 'Gas card or gas account number', 'original', 0),
    ],
    conditions: [COLLECTED, 'IC卡表用户充值后须将燃气卡插回表具'],
    basis: '《城镇燃气管理条例》；燃气企业委托代收协议',
  }),
  pay({
    code: 'DX-SD-004',
    zh: '供暖费缴纳',
    en: 'Paying the heating fee',
    aliases: ['交暖气费', '采暖费'],
    category: 'utilities',
    materials: [
      mat('account_no', '供暖户号或缴费通知单', 'Heating account number or bill', 'original', 0),
    ],
    conditions: [COLLECTED, '采暖季开始前缴纳'],
    basis: '《北京市供热采暖管理办法》；供热单位委托代收协议',
  }),
  pay({
    code: 'DX-SD-005',
    zh: '有线电视缴费',
    en: 'Paying the cable TV fee',
    aliases: ['歌华有线缴费', '交电视费'],
    category: 'utilities',
    materials: [
      mat(
        'account_no',
        '有线电视用户号或智能卡号',
        'Cable TV account or smart-card number',
        'original',
        0,
      ),
    ],
    conditions: [COLLECTED],
    basis: '有线电视运营单位委托代收协议',
  }),
  pay({
    code: 'DX-JT-001',
    zh: '交通违法罚款缴纳',
    en: 'Paying traffic fines',
    aliases: ['交通罚款', '交通处罚', '交罚款'],
    category: 'traffic',
    materials: [
      mat(
        'penalty_decision',
        '公安交通管理行政处罚决定书',
        'Traffic penalty decision',
        'original',
        0,
      ),
      mat('driving_licence', '机动车驾驶证', 'Driving licence', 'original', 0, { optional: true }),
    ],
    conditions: [
      '已接受处理并取得处罚决定书；非现场违法须先在“交管12123”处理',
      '逾期不缴纳的，每日按罚款数额的百分之三加处罚款',
    ],
    basis: '《中华人民共和国道路交通安全法》；《中华人民共和国行政处罚法》',
  }),
  pay({
    code: 'DX-JT-002',
    zh: '公交卡及老年卡充值',
    en: 'Topping up a transit card or senior card',
    aliases: ['一卡通充值', '老年卡充值', '公交卡充值'],
    category: 'traffic',
    materials: [
      mat(
        'transit_card',
        '市政交通一卡通或养老助残卡',
        'Transit card or senior citizen card',
        'original',
        0,
      ),
    ],
    conditions: ['卡片状态正常；充值金额以卡内余额上限为准'],
    basis: '市政交通一卡通服务委托协议',
  }),
];
