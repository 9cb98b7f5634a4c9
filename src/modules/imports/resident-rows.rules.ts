/**
 * Issue #15 point 3, residents by Excel: the pure rules of one row (ID number by GB 11643, name,
 * phone, home village within the importer's reach), duplicates within the file, and what a row
 * does to the registry (create / change / unchanged). No I/O: the use-case hands in what it read.
 */
import { parseIdNumber } from '../residents/id-number.ts';

export const ROW_REASONS = {
  ID_NUMBER_MISSING: { zh: '缺少身份证号', en: 'ID number missing' },
  ID_NUMBER_FORMAT: { zh: '身份证号应为 18 位', en: 'ID number must have 18 characters' },
  ID_NUMBER_CHECK_DIGIT: {
    zh: '身份证号校验位不对，请核对',
    en: 'ID number check digit is wrong; check the number',
  },
  ID_NUMBER_BIRTH_DATE: {
    zh: '身份证号中的出生日期无效',
    en: 'The birth date inside the ID number is not valid',
  },
  FULL_NAME_MISSING: { zh: '缺少姓名', en: 'Name missing' },
  FULL_NAME_TOO_LONG: { zh: '姓名过长（最多 50 字）', en: 'Name too long (50 characters at most)' },
  PHONE_INVALID: {
    zh: '电话应为 11 位手机号或带区号的固定电话',
    en: 'Phone must be an 11-digit mobile or a landline with area code',
  },
  VILLAGE_MISSING: { zh: '缺少所在村（社区）', en: 'Home village missing' },
  VILLAGE_UNKNOWN: { zh: '没有这个村（社区）', en: 'No such village or community' },
  VILLAGE_AMBIGUOUS: {
    zh: '有多个同名村（社区），请填写 12 位区划代码',
    en: 'Several villages have this name; give the 12-digit region code',
  },
  VILLAGE_NOT_VILLAGE: {
    zh: '所填区划不是村（社区）',
    en: 'The region given is not a village or community',
  },
  VILLAGE_OUT_OF_SCOPE: {
    zh: '该村（社区）不在您的管辖范围内',
    en: 'That village is outside your scope',
  },
  ADDRESS_TOO_LONG: {
    zh: '住址过长（最多 200 字）',
    en: 'Address too long (200 characters at most)',
  },
  DUPLICATE_IN_FILE: {
    zh: '与文件中另一行身份证号重复',
    en: 'Same ID number as another row of the file',
  },
  REGISTERED_ELSEWHERE: {
    zh: '此人已在您管辖范围外登记，如需迁入请联系区政务服务中心',
    en: 'This person is registered outside your scope; the district service centre handles moves',
  },
} as const satisfies Record<string, { zh: string; en: string }>;

export type RowReasonCode = keyof typeof ROW_REASONS;
export interface RowReason {
  code: RowReasonCode;
  /** e.g. the other row of a duplicate. */
  detail?: string;
}

export const PHONE_PATTERN = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;

/** A village or community as the importer may choose it. */
export interface VillageRef {
  code: string;
  name: string;
  level: string;
}

export interface VillageIndex {
  byCode: ReadonlyMap<string, VillageRef>;
  /** Short names (伊庄村 for 伊庄村村委会) → villages of that name. */
  byName: ReadonlyMap<string, readonly VillageRef[]>;
}

/** Statistical names carry the committee suffix (伊庄村村委会); people write 伊庄村. */
export function villageShortName(name: string): string {
  return name.replace(/(村民委员会|居民委员会|村委会|居委会)$/, '');
}

export function villageIndex(regions: readonly VillageRef[]): VillageIndex {
  const byCode = new Map<string, VillageRef>();
  const byName = new Map<string, VillageRef[]>();
  for (const r of regions) {
    byCode.set(r.code, r);
    if (r.level !== 'village' && r.level !== 'grid') continue;
    for (const n of new Set([r.name, villageShortName(r.name)])) {
      const list = byName.get(n);
      if (list) list.push(r);
      else byName.set(n, [r]);
    }
  }
  return { byCode, byName };
}

/**
 * The village a cell names: a 12-digit code or a name. `reach` are the importer's scope prefixes
 * ([''] for the operator's CLI): a name is looked up inside the reach only, so a same-named village
 * of another town does not make it ambiguous.
 */
export function resolveVillage(
  raw: string,
  villages: VillageIndex,
  reach: readonly string[],
): { ok: true; code: string } | { ok: false; reason: RowReasonCode } {
  const text = raw.trim();
  if (text === '') return { ok: false, reason: 'VILLAGE_MISSING' };
  const inReach = (code: string) => reach.some((p) => code.startsWith(p));
  if (/^\d{12}$/.test(text)) {
    const region = villages.byCode.get(text);
    if (!region) return { ok: false, reason: 'VILLAGE_UNKNOWN' };
    if (region.level !== 'village' && region.level !== 'grid')
      return { ok: false, reason: 'VILLAGE_NOT_VILLAGE' };
    if (!inReach(region.code)) return { ok: false, reason: 'VILLAGE_OUT_OF_SCOPE' };
    return { ok: true, code: region.code };
  }
  const named = villages.byName.get(text) ?? villages.byName.get(villageShortName(text)) ?? [];
  const reachable = named.filter((v) => inReach(v.code));
  if (reachable.length === 1) return { ok: true, code: reachable[0]!.code };
  if (reachable.length > 1) return { ok: false, reason: 'VILLAGE_AMBIGUOUS' };
  return { ok: false, reason: named.length > 0 ? 'VILLAGE_OUT_OF_SCOPE' : 'VILLAGE_UNKNOWN' };
}

export interface ResidentRowValue {
  idNumber: string;
  sex: 'male' | 'female';
  birthDate: string;
  fullName: string;
  phone: string | null;
  homeRegionCode: string;
  /** The village's name when the file leaves it empty. */
  address: string | null;
}

export type CheckedRow =
  { ok: true; value: ResidentRowValue } | { ok: false; reasons: RowReason[] };

/** Every reason a row is refused, or its clean value. `today` is China's date (YYYY-MM-DD). */
export function checkResidentRow(
  values: Readonly<Record<string, string | undefined>>,
  ctx: { today: string; villages: VillageIndex; reach: readonly string[] },
): CheckedRow {
  const reasons: RowReason[] = [];
  const idRaw = (values.idNumber ?? '').trim();
  let id: ReturnType<typeof parseIdNumber> | null = null;
  if (idRaw === '') reasons.push({ code: 'ID_NUMBER_MISSING' });
  else {
    id = parseIdNumber(idRaw, ctx.today);
    if (!id.ok) reasons.push({ code: id.problem });
  }
  const fullName = (values.fullName ?? '').replace(/\s+/g, ' ').trim();
  if (fullName === '') reasons.push({ code: 'FULL_NAME_MISSING' });
  else if ([...fullName].length > 50) reasons.push({ code: 'FULL_NAME_TOO_LONG' });
  const phone = (values.phone ?? '').replace(/[\s()（）]/g, '');
  if (phone !== '' && !PHONE_PATTERN.test(phone)) reasons.push({ code: 'PHONE_INVALID' });
  const village = resolveVillage(values.village ?? '', ctx.villages, ctx.reach);
  if (!village.ok) reasons.push({ code: village.reason });
  const address = (values.address ?? '').trim();
  if ([...address].length > 200) reasons.push({ code: 'ADDRESS_TOO_LONG' });
  if (reasons.length > 0 || !id?.ok || !village.ok) return { ok: false, reasons };
  return {
    ok: true,
    value: {
      idNumber: id.value,
      sex: id.sex,
      birthDate: id.birthDate,
      fullName,
      phone: phone === '' ? null : phone,
      homeRegionCode: village.code,
      address: address === '' ? null : address,
    },
  };
}

/** Rows whose key already appeared earlier in the file → the first row's number. */
export function duplicatesInFile(
  rows: readonly { row: number; key: string }[],
): Map<number, number> {
  const first = new Map<string, number>();
  const dup = new Map<number, number>();
  for (const r of rows) {
    const seen = first.get(r.key);
    if (seen === undefined) first.set(r.key, r.row);
    else dup.set(r.row, seen);
  }
  return dup;
}

/** A registered resident as the plan compares it (the phone decrypted). */
export interface RegisteredResident {
  id: string;
  fullName: string;
  phone: string | null;
  homeRegionCode: string;
  address: string;
}

export const RESIDENT_FIELDS = ['fullName', 'phone', 'homeRegionCode', 'address'] as const;
export type ResidentField = (typeof RESIDENT_FIELDS)[number];

export type ResidentRowAction =
  | { action: 'create'; address: string }
  | { action: 'change'; changes: ResidentField[]; address: string }
  | { action: 'unchanged' }
  | { action: 'refused'; reasons: RowReason[] };

/**
 * What a clean row does: create when nobody has the number; change the fields that differ when
 * the person is registered inside the importer's reach (an empty phone or address in the file
 * keeps what is registered); refuse when they are registered outside it.
 */
export function residentRowAction(
  row: ResidentRowValue,
  registered: RegisteredResident | null,
  ctx: { reach: readonly string[]; villageName: string },
): ResidentRowAction {
  if (!registered) return { action: 'create', address: row.address ?? ctx.villageName };
  if (!ctx.reach.some((p) => registered.homeRegionCode.startsWith(p)))
    return { action: 'refused', reasons: [{ code: 'REGISTERED_ELSEWHERE' }] };
  const next = {
    fullName: row.fullName,
    phone: row.phone ?? registered.phone,
    homeRegionCode: row.homeRegionCode,
    address: row.address ?? registered.address,
  };
  const changes = RESIDENT_FIELDS.filter((f) => next[f] !== registered[f]);
  return changes.length === 0
    ? { action: 'unchanged' }
    : { action: 'change', changes, address: next.address };
}
