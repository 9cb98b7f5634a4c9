/**
 * Issue #15 point 3, historic confirmed volunteer hours by Excel: the pure rules of one row — who
 * (ID number or mobile), the day (not in the future), the hours (whole half-hours, at most the
 * VS-6 daily cap), the content, the recording team (by name, within the importer's reach) — and
 * the daily cap over the file and what is already recorded.
 */
import { DEFAULT_DAILY_HOURS_CAP } from '../activities/hours.rules.ts';
import { parseIdNumber } from '../residents/id-number.ts';
import { PHONE_PATTERN } from './resident-rows.rules.ts';

export const HOURS_REASONS = {
  VOLUNTEER_MISSING: {
    zh: '缺少志愿者身份证号或手机号',
    en: 'Volunteer ID number or phone missing',
  },
  VOLUNTEER_KEY_INVALID: {
    zh: '志愿者应填 18 位身份证号或 11 位手机号',
    en: 'Give the volunteer’s 18-character ID number or 11-digit mobile',
  },
  VOLUNTEER_UNKNOWN: {
    zh: '没有登记该志愿者',
    en: 'No registered volunteer with this ID or phone',
  },
  VOLUNTEER_AMBIGUOUS: {
    zh: '多名志愿者使用该手机号，请填写身份证号',
    en: 'Several volunteers have this phone; give the ID number',
  },
  DATE_INVALID: {
    zh: '服务日期无效（如 2024-03-05）',
    en: 'Service date not valid (e.g. 2024-03-05)',
  },
  DATE_IN_FUTURE: { zh: '服务日期不能晚于今天', en: 'The service date cannot be after today' },
  HOURS_INVALID: {
    zh: '时长应为大于 0 的整半小时（如 2 或 2.5）',
    en: 'Hours must be whole half-hours above 0 (e.g. 2 or 2.5)',
  },
  HOURS_OVER_DAILY_CAP: {
    zh: `同一志愿者一天的服务时长不能超过 ${DEFAULT_DAILY_HOURS_CAP} 小时（含已记录的）`,
    en: `A volunteer’s hours in one day cannot exceed ${DEFAULT_DAILY_HOURS_CAP} (recorded ones included)`,
  },
  CONTENT_MISSING: { zh: '缺少服务内容', en: 'Service content missing' },
  CONTENT_TOO_LONG: {
    zh: '服务内容过长（最多 200 字）',
    en: 'Content too long (200 characters at most)',
  },
  TEAM_MISSING: { zh: '缺少记录团队', en: 'Recording team missing' },
  TEAM_UNKNOWN: {
    zh: '您的管辖范围内没有该名称的志愿团队',
    en: 'No volunteer team of that name in your scope',
  },
  TEAM_AMBIGUOUS: { zh: '有多个同名团队，请写全称', en: 'Several teams have this name' },
  TEAM_WITHOUT_LEADER: {
    zh: '该团队没有队长，无法由命令行确认时长；请在网页上由管理员导入',
    en: 'The team has no leader to confirm the hours from the command line; import on the web',
  },
  SERVICE_DUPLICATE_IN_FILE: {
    zh: '与文件中另一行重复（同一志愿者、团队、日期、内容）',
    en: 'Same volunteer, team, day and content as another row of the file',
  },
  ALREADY_IMPORTED_DIFFERENT: {
    zh: '这项服务已导入过且时长不同；已确认的时长不能由导入修改',
    en: 'This service was imported before with other hours; confirmed hours are not changed by an import',
  },
} as const satisfies Record<string, { zh: string; en: string }>;

export type HoursReasonCode = keyof typeof HOURS_REASONS;

export type VolunteerKey = { kind: 'id'; value: string } | { kind: 'phone'; value: string };

export interface HoursRowValue {
  volunteer: VolunteerKey;
  date: string;
  halfHours: number;
  content: string;
  place: string;
  team: string;
}

/** 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日, 20240305 → 2024-03-05; null if not a real day. */
export function parseServiceDate(raw: string): string | null {
  const m =
    /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(raw.trim()) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(raw.trim());
  if (!m) return null;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null;
}

export function checkHoursRow(
  values: Readonly<Record<string, string | undefined>>,
  ctx: { today: string },
): { ok: true; value: HoursRowValue } | { ok: false; reasons: HoursReasonCode[] } {
  const reasons: HoursReasonCode[] = [];
  const who = (values.volunteer ?? '').replace(/\s/g, '');
  let volunteer: VolunteerKey | null = null;
  if (who === '') reasons.push('VOLUNTEER_MISSING');
  else if (PHONE_PATTERN.test(who) && /^1\d{10}$/.test(who))
    volunteer = { kind: 'phone', value: who };
  else {
    const id = parseIdNumber(who, ctx.today);
    if (id.ok) volunteer = { kind: 'id', value: id.value };
    else reasons.push('VOLUNTEER_KEY_INVALID');
  }
  const date = parseServiceDate(values.date ?? '');
  if (date === null) reasons.push('DATE_INVALID');
  else if (date > ctx.today) reasons.push('DATE_IN_FUTURE');
  const hours = Number((values.hours ?? '').trim());
  const halfHours = hours * 2;
  if (!(values.hours ?? '').trim() || !Number.isInteger(halfHours) || halfHours <= 0)
    reasons.push('HOURS_INVALID');
  else if (halfHours > DEFAULT_DAILY_HOURS_CAP * 2) reasons.push('HOURS_OVER_DAILY_CAP');
  const content = (values.content ?? '').trim();
  if (content === '') reasons.push('CONTENT_MISSING');
  else if ([...content].length > 200) reasons.push('CONTENT_TOO_LONG');
  const team = (values.team ?? '').trim();
  if (team === '') reasons.push('TEAM_MISSING');
  if (reasons.length > 0 || !volunteer || !date) return { ok: false, reasons };
  return {
    ok: true,
    value: {
      volunteer,
      date,
      halfHours,
      content,
      place: (values.place ?? '').trim().slice(0, 200),
      team,
    },
  };
}

/** Rows that push a volunteer's day past the cap, given what is already recorded that day. */
export function overDailyCap(
  rows: readonly { row: number; key: string; halfHours: number }[],
  recorded: ReadonlyMap<string, number>,
  capHalfHours = DEFAULT_DAILY_HOURS_CAP * 2,
): Set<number> {
  const totals = new Map<string, number>();
  for (const r of rows)
    totals.set(r.key, (totals.get(r.key) ?? recorded.get(r.key) ?? 0) + r.halfHours);
  return new Set(rows.filter((r) => totals.get(r.key)! > capHalfHours).map((r) => r.row));
}
