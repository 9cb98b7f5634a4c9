/**
 * Issue #15 go-live, stations by Excel: the pure rules of one row. A station sits on a region of
 * the importer's reach (a village or community: 村便民服务站; a town: 镇便民服务中心; a district:
 * 区政务服务中心 — the kind follows the region's level), has an address, a phone and opening hours
 * written as a person writes them ("周一至周五 09:00-17:00；周六 09:00-12:00"). Re-importing the
 * same file changes nothing. No I/O.
 */
import { PHONE_PATTERN, villageShortName } from './resident-rows.rules.ts';

export const STATION_REASONS = {
  STATION_REGION_MISSING: { zh: '缺少所在区划', en: 'Region missing' },
  STATION_REGION_UNKNOWN: { zh: '没有这个区划', en: 'No such region' },
  STATION_REGION_AMBIGUOUS: {
    zh: '有多个同名区划，请填写 12 位区划代码',
    en: 'Several regions have this name; give the 12-digit region code',
  },
  STATION_REGION_LEVEL: {
    zh: '站点只能设在区、镇（街道）或村（社区）',
    en: 'A station sits on a district, a town or a village',
  },
  STATION_REGION_OUT_OF_SCOPE: {
    zh: '该区划不在您的管辖范围内',
    en: 'That region is outside your scope',
  },
  STATION_CODE_INVALID: {
    zh: '站点编码只能用字母、数字、- 和 _（2–40 位）',
    en: 'Station code: letters, digits, - and _ (2–40 characters)',
  },
  STATION_CODE_ELSEWHERE: {
    zh: '此站点编码已用于另一区划的站点',
    en: 'This station code belongs to a station of another region',
  },
  STATION_NAME_TOO_LONG: {
    zh: '站点名称过长（最多 100 字）',
    en: 'Station name too long (100 characters at most)',
  },
  STATION_ADDRESS_MISSING: { zh: '缺少地址', en: 'Address missing' },
  STATION_ADDRESS_TOO_LONG: {
    zh: '地址过长（最多 200 字）',
    en: 'Address too long (200 characters at most)',
  },
  STATION_PHONE_MISSING: { zh: '缺少电话', en: 'Phone missing' },
  STATION_PHONE_INVALID: {
    zh: '电话应为 11 位手机号或带区号的固定电话',
    en: 'Phone must be an 11-digit mobile or a landline with area code',
  },
  STATION_HOURS_INVALID: {
    zh: '开放时间写法不对，例如“周一至周五 09:00-17:00；周六 09:00-12:00”',
    en: 'Opening hours not understood, e.g. "Mon-Fri 09:00-17:00; Sat 09:00-12:00"',
  },
  STATION_DUPLICATE_IN_FILE: {
    zh: '与文件中另一行的站点编码或区划重复',
    en: 'Same station code or region as another row of the file',
  },
} as const satisfies Record<string, { zh: string; en: string }>;

export type StationReasonCode = keyof typeof STATION_REASONS;
export type StationKind = 'district_centre' | 'town_centre' | 'village_station';

/** Weekdays 1 (Monday) … 7 (Sunday), as the stations' opening hours store them. */
export interface OpeningSpan {
  days: number[];
  open: string;
  close: string;
}

/** When a file leaves the hours empty: weekdays, office hours. */
export const DEFAULT_OPENING_HOURS: readonly OpeningSpan[] = [
  { days: [1, 2, 3, 4, 5], open: '09:00', close: '17:00' },
];

const DAY_OF: Record<string, number> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  日: 7,
  天: 7,
  mon: 1,
  tue: 2,
  wed: 3,
  thu: 4,
  fri: 5,
  sat: 6,
  sun: 7,
};

function dayNumber(word: string): number | null {
  const w = word.trim().toLowerCase();
  const zh = /^(?:周|星期|礼拜)([一二三四五六日天])$/.exec(w);
  if (zh) return DAY_OF[zh[1]!] ?? null;
  return DAY_OF[w.slice(0, 3)] ?? null;
}

/** "周一至周五" / "周一、周三" / "每天" / "工作日" / "Mon-Fri" → weekday numbers, or null. */
export function parseDays(text: string): number[] | null {
  const t = text.trim().toLowerCase();
  if (t === '每天' || t === '每日' || t === '全天' || t === 'daily' || t === 'every day')
    return [1, 2, 3, 4, 5, 6, 7];
  if (t === '工作日' || t === 'weekdays') return [1, 2, 3, 4, 5];
  if (t === '周末' || t === 'weekends') return [6, 7];
  const days = new Set<number>();
  for (const part of t.split(/[、,，/]/)) {
    const range = part.split(/至|到|~|～|–|—|-/);
    if (range.length === 2) {
      const from = dayNumber(range[0]!);
      const to = dayNumber(range[1]!);
      if (from === null || to === null || to < from) return null;
      for (let d = from; d <= to; d++) days.add(d);
    } else if (range.length === 1) {
      const d = dayNumber(range[0]!);
      if (d === null) return null;
      days.add(d);
    } else return null;
  }
  return days.size > 0 ? [...days].sort((a, b) => a - b) : null;
}

const TIME_RANGE =
  /^([01]?\d|2[0-3])[:：]([0-5]\d)\s*(?:-|–|—|~|～|至|到)\s*([01]?\d|2[0-3])[:：]([0-5]\d)$/;

/**
 * Opening hours as written: segments separated by "；" or a new line, each days then one or more
 * time ranges ("周一至周五 08:30-12:00,14:00-17:30"). Empty → the default. Null when not understood.
 */
export function parseOpeningHours(text: string): OpeningSpan[] | null {
  const t = text.normalize('NFKC').trim();
  if (t === '') return DEFAULT_OPENING_HOURS.map((s) => ({ ...s, days: [...s.days] }));
  const spans: OpeningSpan[] = [];
  for (const segment of t.split(/[;；\n]/)) {
    const s = segment.trim();
    if (s === '') continue;
    const m = /^(\S+?)\s*((?:\d.*))$/.exec(s);
    if (!m) return null;
    const days = parseDays(m[1]!);
    if (!days) return null;
    for (const range of m[2]!.split(/[,，、\s]+/).filter(Boolean)) {
      const r = TIME_RANGE.exec(range);
      if (!r) return null;
      const open = `${r[1]!.padStart(2, '0')}:${r[2]}`;
      const close = `${r[3]!.padStart(2, '0')}:${r[4]}`;
      if (close <= open) return null;
      spans.push({ days, open, close });
    }
  }
  return spans.length > 0 && spans.length <= 14 ? spans : null;
}

/** A region a station may sit on, as the importer may name it. */
export interface StationRegionRef {
  code: string;
  name: string;
  level: string;
}

export interface StationRegionIndex {
  byCode: ReadonlyMap<string, StationRegionRef>;
  byName: ReadonlyMap<string, readonly StationRegionRef[]>;
}

const KIND_OF_LEVEL: Record<string, StationKind> = {
  district: 'district_centre',
  town: 'town_centre',
  village: 'village_station',
  grid: 'village_station',
};

export function stationRegionIndex(regions: readonly StationRegionRef[]): StationRegionIndex {
  const byCode = new Map<string, StationRegionRef>();
  const byName = new Map<string, StationRegionRef[]>();
  for (const r of regions) {
    byCode.set(r.code, r);
    if (!KIND_OF_LEVEL[r.level]) continue;
    for (const n of new Set([r.name, villageShortName(r.name)])) {
      const list = byName.get(n);
      if (list) list.push(r);
      else byName.set(n, [r]);
    }
  }
  return { byCode, byName };
}

/** What a station on this region is called when the file leaves the name empty. */
export function defaultStationName(region: StationRegionRef): string {
  const short = villageShortName(region.name).replace(/(办事处|人民政府)$/, '');
  const kind = KIND_OF_LEVEL[region.level];
  if (kind === 'district_centre') return `${short}政务服务中心`;
  if (kind === 'town_centre') return `${short}便民服务中心`;
  return `${short}便民服务站`;
}

/** The code of the station of a region when the file leaves it empty: S + the 12-digit code. */
export const defaultStationCode = (regionCode: string) => `S${regionCode}`;

export interface StationRowValue {
  code: string;
  name: string;
  kind: StationKind;
  regionCode: string;
  address: string;
  phone: string;
  openingHours: OpeningSpan[];
}

export type CheckedStationRow =
  { ok: true; value: StationRowValue } | { ok: false; reasons: { code: StationReasonCode }[] };

function resolveRegion(
  raw: string,
  regions: StationRegionIndex,
  reach: readonly string[],
): { ok: true; region: StationRegionRef } | { ok: false; reason: StationReasonCode } {
  const text = raw.trim();
  if (text === '') return { ok: false, reason: 'STATION_REGION_MISSING' };
  const inReach = (code: string) => reach.some((p) => code.startsWith(p));
  if (/^\d{12}$/.test(text)) {
    const region = regions.byCode.get(text);
    if (!region) return { ok: false, reason: 'STATION_REGION_UNKNOWN' };
    if (!KIND_OF_LEVEL[region.level]) return { ok: false, reason: 'STATION_REGION_LEVEL' };
    if (!inReach(region.code)) return { ok: false, reason: 'STATION_REGION_OUT_OF_SCOPE' };
    return { ok: true, region };
  }
  const named = regions.byName.get(text) ?? regions.byName.get(villageShortName(text)) ?? [];
  const reachable = named.filter((r) => inReach(r.code));
  if (reachable.length === 1) return { ok: true, region: reachable[0]! };
  if (reachable.length > 1) return { ok: false, reason: 'STATION_REGION_AMBIGUOUS' };
  return {
    ok: false,
    reason: named.length > 0 ? 'STATION_REGION_OUT_OF_SCOPE' : 'STATION_REGION_UNKNOWN',
  };
}

/** Every reason a row is refused, or its clean value (empty code and name take the defaults). */
export function checkStationRow(
  values: Readonly<Record<string, string | undefined>>,
  ctx: { regions: StationRegionIndex; reach: readonly string[] },
): CheckedStationRow {
  const reasons: { code: StationReasonCode }[] = [];
  const region = resolveRegion(values.region ?? '', ctx.regions, ctx.reach);
  if (!region.ok) reasons.push({ code: region.reason });
  const codeRaw = (values.code ?? '').trim();
  if (codeRaw !== '' && !/^[A-Za-z0-9_-]{2,40}$/.test(codeRaw))
    reasons.push({ code: 'STATION_CODE_INVALID' });
  const nameRaw = (values.name ?? '').replace(/\s+/g, ' ').trim();
  if ([...nameRaw].length > 100) reasons.push({ code: 'STATION_NAME_TOO_LONG' });
  const address = (values.address ?? '').trim();
  if (address === '') reasons.push({ code: 'STATION_ADDRESS_MISSING' });
  else if ([...address].length > 200) reasons.push({ code: 'STATION_ADDRESS_TOO_LONG' });
  const phone = (values.phone ?? '').replace(/[\s()（）]/g, '');
  if (phone === '') reasons.push({ code: 'STATION_PHONE_MISSING' });
  else if (!PHONE_PATTERN.test(phone)) reasons.push({ code: 'STATION_PHONE_INVALID' });
  const hours = parseOpeningHours(values.openingHours ?? '');
  if (!hours) reasons.push({ code: 'STATION_HOURS_INVALID' });
  if (reasons.length > 0 || !region.ok || !hours) return { ok: false, reasons };
  return {
    ok: true,
    value: {
      code: codeRaw === '' ? defaultStationCode(region.region.code) : codeRaw,
      name: nameRaw === '' ? defaultStationName(region.region) : nameRaw,
      kind: KIND_OF_LEVEL[region.region.level]!,
      regionCode: region.region.code,
      address,
      phone,
      openingHours: hours,
    },
  };
}

/** A station as the plan compares it. */
export interface ExistingStation {
  id: string;
  code: string;
  name: string;
  regionCode: string;
  address: string;
  phone: string;
  openingHours: OpeningSpan[];
}

export const STATION_FIELDS = ['name', 'address', 'phone', 'openingHours'] as const;
export type StationField = (typeof STATION_FIELDS)[number];

export type StationRowAction =
  | { action: 'create' }
  | { action: 'change'; id: string; changes: StationField[] }
  | { action: 'unchanged' }
  | { action: 'refused'; reasons: { code: StationReasonCode }[] };

/**
 * What a clean row does: a station with the row's code is changed where it differs (its region
 * may not move: that is another station); none → created.
 */
export function stationRowAction(
  row: StationRowValue,
  existing: ExistingStation | null,
): StationRowAction {
  if (!existing) return { action: 'create' };
  if (existing.regionCode !== row.regionCode)
    return { action: 'refused', reasons: [{ code: 'STATION_CODE_ELSEWHERE' }] };
  const same = (f: StationField) =>
    f === 'openingHours'
      ? JSON.stringify(existing.openingHours) === JSON.stringify(row.openingHours)
      : existing[f] === row[f];
  const changes = STATION_FIELDS.filter((f) => !same(f));
  return changes.length === 0
    ? { action: 'unchanged' }
    : { action: 'change', id: existing.id, changes };
}
