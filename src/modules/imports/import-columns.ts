/**
 * The columns of each import's template: the Chinese header a clerk sees, the English header the
 * importer also accepts, and other spellings met in the wild (aliases). Pure data.
 */
export const IMPORT_KINDS = ['residents'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface ImportColumn {
  key: string;
  zh: string;
  en: string;
  aliases: readonly string[];
  required: boolean;
  /** Stored as text in the template, so Excel does not turn an ID number into 1.10115E+17. */
  text?: boolean;
  width: number;
  example: string;
}

export const RESIDENT_COLUMNS: readonly ImportColumn[] = [
  {
    key: 'idNumber',
    zh: '身份证号',
    en: 'ID number',
    aliases: ['公民身份号码', '身份证号码', '身份证', 'idNumber', 'id_number', 'ID'],
    required: true,
    text: true,
    width: 24,
    example: '110115198001010019',
  },
  {
    key: 'fullName',
    zh: '姓名',
    en: 'Name',
    aliases: ['fullName', 'full name', 'full_name'],
    required: true,
    width: 12,
    example: '张三',
  },
  {
    key: 'phone',
    zh: '手机号',
    en: 'Phone',
    aliases: ['联系电话', '电话', '手机', '手机号码', 'mobile', 'phone number'],
    required: false,
    text: true,
    width: 16,
    example: '13800138000',
  },
  {
    key: 'village',
    zh: '所在村（社区）',
    en: 'Home village',
    aliases: [
      '村（社区）',
      '所在村',
      '村',
      '社区',
      '村社区',
      'village',
      'homeRegionCode',
      'home region',
    ],
    required: true,
    width: 20,
    example: '伊庄村',
  },
  {
    key: 'address',
    zh: '住址',
    en: 'Address',
    aliases: ['地址', '家庭住址', 'home address'],
    required: false,
    width: 30,
    example: '伊庄村东街 8 号',
  },
];

export const COLUMNS_OF: Record<ImportKind, readonly ImportColumn[]> = {
  residents: RESIDENT_COLUMNS,
};

export const SHEET_NAME_OF: Record<ImportKind, string> = {
  residents: '居民',
};

/** "身份证号 *", " ID Number ", "所在村(社区)" → one comparable spelling. */
export function normaliseHeader(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/[*＊]/g, '')
    .replace(/[\s_-]+/g, '')
    .toLowerCase();
}

/** Which column a header names, or null. */
export function columnOfHeader(columns: readonly ImportColumn[], raw: string): ImportColumn | null {
  const h = normaliseHeader(raw);
  if (h === '') return null;
  return (
    columns.find((c) => [c.zh, c.en, c.key, ...c.aliases].some((n) => normaliseHeader(n) === h)) ??
    null
  );
}
