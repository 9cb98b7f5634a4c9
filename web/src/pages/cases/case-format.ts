import type {
  Bilingual,
  CaseDrillRow,
  CatalogItem,
  DeadlineLight,
  OneTimeNotice,
} from '../../api/case-types';

/** The name in the UI language. */
export function localName(name: Bilingual, language: string): string {
  return language === 'en' ? name.en || name.zh : name.zh || name.en;
}

/**
 * The one-time notice the server will issue for these materials (GS-5), worked out in the browser
 * so the clerk sees it before filing. Mirrors src/modules/cases/case.notice.ts buildNotice.
 */
export function previewNotice(item: CatalogItem, presented: readonly string[]): OneTimeNotice {
  const have = new Set(presented);
  const missing = item.materials
    .filter((m) => !have.has(m.key))
    .map((m) => ({ ...m, blocking: m.required }));
  return {
    itemCode: item.code,
    itemVersion: item.version,
    complete: missing.every((m) => !m.blocking),
    missing,
    basis: item.basis,
    procedure: item.procedure,
    promisedLimitDays: item.promisedLimitDays,
    fee: { amountFen: item.fee.amountFen, waivers: [...item.fee.waivers] },
  };
}

/** 身份证、照片 / ID card, photo. */
export function joinList(items: readonly string[], language: string): string {
  return items.join(language === 'en' ? ', ' : '、');
}

/** 1250 fen → "12.50". */
export function yuan(amountFen: number): string {
  return (amountFen / 100).toFixed(2);
}

/**
 * What the case-number box keeps: digits with the dashes put back — a town's number
 * "330106001-20261205-0000042" (#16), or an older one "20261129-00001" (13 digits or fewer).
 */
export function normaliseCaseNumber(raw: string): string {
  const digits = raw.replace(/\D/g, '').slice(0, 24);
  if (digits.length > 13)
    return `${digits.slice(0, 9)}-${digits.slice(9, 17)}${digits.length > 17 ? `-${digits.slice(17)}` : ''}`;
  return digits.length > 8 ? `${digits.slice(0, 8)}-${digits.slice(8)}` : digits;
}

export const isCaseNumber = (value: string) => /^(?:\d{9}-\d{8}-\d{7}|\d{8}-\d{5})$/.test(value);
export const isPhoneLast4 = (value: string) => /^\d{4}$/.test(value);

/** The 查询码 (X-2): 8 digits, shown as `1234 5678`; what is typed keeps only the digits. */
export const normaliseTrackingCode = (value: string) => value.replace(/\D/g, '').slice(0, 8);
export const isTrackingCode = (value: string) => /^\d{8}$/.test(value);
export const formatTrackingCode = (code: string) => `${code.slice(0, 4)} ${code.slice(4)}`;

/** A YYYY-MM-DD day as the reader says it: "2026年12月4日 周五" / "Fri, 4 Dec 2026". */
export function formatDay(day: string, language: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    weekday: 'short',
  }).format(date);
}

/** A due date in a list: "12月4日 周五" / "Fri 4 Dec", with the year only when it is not this one. */
export function formatShortDay(day: string, language: string, today: Date = new Date()): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: 'UTC',
    ...(Number(match[1]) === today.getFullYear() ? {} : { year: 'numeric' as const }),
    month: language === 'en' ? 'short' : 'long',
    day: 'numeric',
    weekday: 'short',
  }).format(date);
}

/** A moment in Beijing time, e.g. "2026/11/29 17:52". */
export function formatMoment(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
}

/** Every open case is in exactly one count: the overview's cards add up to its open cases. */
export type LightCounts = Record<DeadlineLight, number>;

/** The open cases of the rows (the server's, by region or station) by light; red = overdue. */
export function lightTotals(rows: readonly CaseDrillRow[]): LightCounts {
  const sum = (pick: (r: CaseDrillRow) => number) => rows.reduce((n, r) => n + pick(r), 0);
  return {
    red: sum((r) => r.overdue),
    yellow: sum((r) => r.yellow),
    green: sum((r) => r.green),
    paused: sum((r) => r.paused),
    none: sum((r) => r.none),
  };
}

/** 0.125 → "12.5%". */
export function percent(rate: number): string {
  return `${Math.round(rate * 1000) / 10}%`;
}
