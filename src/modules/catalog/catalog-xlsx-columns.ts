/** The columns of the catalog workbook (see catalog-xlsx.ts) and the guide sheet that explains them. */
import {
  CATALOG_CATEGORIES,
  CATALOG_CATEGORY_LABELS,
  ChannelSchema,
  DeciderSchema,
  MaterialFormSchema,
  ScopeSchema,
} from './catalog.schema.ts';

export interface Column {
  key: string;
  zh: string;
  meaning: string;
  width: number;
  /** Must be present in the header row. */
  required?: boolean;
  wrap?: boolean;
}

export const ITEM_COLUMNS: Column[] = [
  {
    key: 'code',
    zh: '事项编码',
    meaning: '稳定编码，如 DX-SB-001；已有编码导入即生成新版本',
    width: 14,
    required: true,
  },
  {
    key: 'tier',
    zh: '层级',
    meaning: 'base 基本事项（47项）/ extra 拓展事项（+N）',
    width: 8,
    required: true,
  },
  { key: 'category', zh: '类别', meaning: '事项类别', width: 18, required: true },
  { key: 'name_zh', zh: '事项名称', meaning: '中文名称', width: 28, required: true },
  { key: 'name_en', zh: '英文名称', meaning: 'English name', width: 36, required: true },
  {
    key: 'aliases',
    zh: '简称',
    meaning: '常用简称，每行一个（如 社保卡），可按拼音首字母搜索',
    width: 18,
    wrap: true,
  },
  {
    key: 'legalLimitDays',
    zh: '法定时限（工作日）',
    meaning: '0 = 即办件',
    width: 10,
    required: true,
  },
  {
    key: 'promisedLimitDays',
    zh: '承诺时限（工作日）',
    meaning: '不得超过法定时限；0 = 即办件',
    width: 10,
    required: true,
  },
  {
    key: 'scope',
    zh: '通办范围',
    meaning: '以群众户籍地为中心可办理的范围，空白 = town',
    width: 10,
  },
  { key: 'route_accepts', zh: '受理单位', meaning: '固定为 station（村级政务服务站）', width: 10 },
  { key: 'route_decides', zh: '办结单位', meaning: '谁作出决定', width: 20, required: true },
  {
    key: 'route_department',
    zh: '审批部门',
    meaning: '区级部门名称，办结单位为 district_department 时必填',
    width: 22,
  },
  { key: 'channels', zh: '办理渠道', meaning: '多个用逗号分隔', width: 30, required: true },
  {
    key: 'inPersonVisits',
    zh: '到现场次数',
    meaning: '群众须到办事现场的次数',
    width: 8,
    required: true,
  },
  { key: 'fee_yuan', zh: '收费（元）', meaning: '服务本身的收费，免费填 0', width: 10 },
  { key: 'fee_waivers', zh: '减免情形', meaning: '每行一个', width: 24, wrap: true },
  { key: 'conditions', zh: '受理条件', meaning: '每行一个', width: 50, wrap: true },
  {
    key: 'basis',
    zh: '设定依据',
    meaning: '法律法规及政策依据',
    width: 40,
    required: true,
    wrap: true,
  },
  { key: 'procedure', zh: '办理流程', meaning: '办理步骤', width: 60, required: true, wrap: true },
  { key: 'isDemo', zh: '演示数据', meaning: '是 / 否', width: 8 },
];

export const MATERIAL_COLUMNS: Column[] = [
  {
    key: 'item_code',
    zh: '事项编码',
    meaning: '所属事项（items 表中的编码）；一行一份材料，按顺序',
    width: 14,
    required: true,
  },
  {
    key: 'key',
    zh: '材料标识',
    meaning: '事项内唯一、稳定，小写字母数字下划线，如 id_card',
    width: 20,
    required: true,
  },
  { key: 'name_zh', zh: '材料名称', meaning: '中文名称', width: 32, required: true },
  { key: 'name_en', zh: '英文名称', meaning: 'English name', width: 36, required: true },
  { key: 'required', zh: '是否必需', meaning: '是 / 否', width: 8, required: true },
  {
    key: 'form',
    zh: '材料形式',
    meaning: 'original 原件 / copy 复印件 / original_and_copy 原件及复印件 / e_licence 电子证照',
    width: 18,
    required: true,
  },
  {
    key: 'copies',
    zh: '份数',
    meaning: '须交的份数；仅核验原件填 0，复印件至少 1，电子证照 0',
    width: 8,
    required: true,
  },
  { key: 'notes', zh: '备注', meaning: '补充说明', width: 30, wrap: true },
];

const YES_NO = ['是', '否'];

/** Drop-down lists in the workbook, by column key. */
export const VALUE_LISTS: Record<string, readonly string[]> = {
  tier: ['base', 'extra'],
  category: CATALOG_CATEGORIES,
  scope: ScopeSchema.options,
  route_accepts: ['station'],
  route_decides: DeciderSchema.options,
  isDemo: YES_NO,
  required: YES_NO,
  form: MaterialFormSchema.options,
};

const LABELS: Record<string, string> = {
  village: '本村',
  town: '本镇（默认）',
  district: '本区',
  city: '全市',
  station: '村级政务服务站当场办结',
  town_centre: '镇政务服务中心',
  district_department: '区级部门',
  window: '窗口',
  appointment: '预约',
  home_visit: '上门服务',
  agent: '帮办代办',
  online: '网上/自助办理',
};

const allowed: Record<string, string> = {
  category: CATALOG_CATEGORIES.map((c) => `${c} = ${CATALOG_CATEGORY_LABELS[c].zh}`).join('；'),
  scope: ScopeSchema.options.map((s) => `${s} = ${LABELS[s]}`).join('；'),
  route_decides: DeciderSchema.options.map((s) => `${s} = ${LABELS[s]}`).join('；'),
  channels: ChannelSchema.options.map((s) => `${s} = ${LABELS[s]}`).join('；'),
};

export function guideRows(): string[][] {
  const rows = (sheet: string, columns: Column[]) =>
    columns.map((c) => [
      `${sheet}: ${c.zh} (${c.key})${c.required ? ' *' : ''}`,
      c.meaning,
      allowed[c.key] ?? VALUE_LISTS[c.key]?.join(' / ') ?? '',
    ]);
  return [
    [
      '说明',
      '带 * 的列必填。整份文件先全部校验：任何一行有误则全部不导入，并列出每一行的问题。',
      '',
    ],
    ...rows('items', ITEM_COLUMNS),
    ...rows('materials', MATERIAL_COLUMNS),
  ];
}
