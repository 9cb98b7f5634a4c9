/**
 * The supervisor's lists as one Excel workbook (GS-4, GS-5, GS-8): overdue cases, pending
 * hand-offs (overdue ones marked) and the per-station figures — the open cases by deadline light
 * (overdue, due soon, on time, paused, no deadline: they add up to open) — with the second-request
 * rate.
 * Scoped like GET /cases/figures: rows whose region lies in the caller's reach.
 */
import type ExcelJS from 'exceljs';
import { newWorkbook } from '../../shared/excel.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../shared/problem.ts';
import { reachPrefixes, type Actor } from '../../shared/actor.ts';
import { chinaDate } from '../../shared/china-time.ts';
import { isHandoffOverdue } from './handoff.rules.ts';
import { FIGURE_READERS, stationCaseFigures } from '../cases/case-figures.ts';
import { parsePinnedItem } from '../cases/case.stored.ts';
import { underAnyPrefix } from '../../shared/region-range.ts';

export const XLSX_CONTENT_TYPE =
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** At most this many rows per list (a district's worth); the sheet says when it was cut. */
const MAX_ROWS = 5000;

type Scalar = string | number | null;
interface Column {
  zh: string;
  en: string;
  key: string;
  width: number;
}

/** The workbook is in one language: the reader's (`?lang=`), Chinese by default. */
export type WorkbookLanguage = 'zh-CN' | 'en';

const WORDS = {
  'zh-CN': {
    sheets: ['超期办件', '待接收转交', '各站数据'],
    case: '办件',
    inquiry: '咨询',
    yes: '是',
    no: '否',
    state: { accepted: '已受理', in_progress: '办理中' } as Record<string, string>,
  },
  en: {
    sheets: ['Overdue cases', 'Pending hand-offs', 'Stations'],
    case: 'Case',
    inquiry: 'Inquiry',
    yes: 'Yes',
    no: 'No',
    state: { accepted: 'Accepted', in_progress: 'In progress' } as Record<string, string>,
  },
} as const;

export const OVERDUE_COLUMNS: Column[] = [
  { zh: '办件编号', en: 'Case number', key: 'number', width: 18 },
  { zh: '事项', en: 'Service item', key: 'item', width: 30 },
  { zh: '申请人', en: 'Applicant', key: 'applicant', width: 12 },
  { zh: '户籍村', en: 'Home village', key: 'home_village', width: 16 },
  { zh: '受理服务站', en: 'Accepting station', key: 'station', width: 24 },
  { zh: '状态', en: 'State', key: 'state', width: 14 },
  { zh: '受理时间', en: 'Accepted at', key: 'accepted_at', width: 22 },
  { zh: '应办结日期', en: 'Due date', key: 'due_date', width: 14 },
];

export const HANDOFF_COLUMNS: Column[] = [
  { zh: '类型', en: 'Type', key: 'matter', width: 10 },
  { zh: '办件编号', en: 'Case number', key: 'case_number', width: 18 },
  { zh: '首问负责人', en: 'First responder', key: 'first_responder', width: 14 },
  { zh: '转出人', en: 'Handed off by', key: 'from', width: 14 },
  { zh: '接收人', en: 'Handed to', key: 'to', width: 14 },
  { zh: '转交原因', en: 'Reason', key: 'reason', width: 40 },
  { zh: '转交时间', en: 'Handed off at', key: 'created_at', width: 22 },
  { zh: '接收期限', en: 'Accept by', key: 'due_date', width: 14 },
  { zh: '已超期', en: 'Overdue', key: 'overdue', width: 10 },
];

export const STATION_COLUMNS: Column[] = [
  { zh: '服务站', en: 'Station', key: 'station', width: 26 },
  { zh: '区划代码', en: 'Region code', key: 'region_code', width: 16 },
  { zh: '提交', en: 'Filed', key: 'filed', width: 8 },
  { zh: '受理', en: 'Accepted', key: 'accepted', width: 8 },
  { zh: '在办', en: 'Open', key: 'open', width: 8 },
  { zh: '超期', en: 'Overdue', key: 'overdue', width: 8 },
  { zh: '即将到期', en: 'Due soon', key: 'yellow', width: 10 },
  { zh: '按期办理', en: 'On time', key: 'green', width: 10 },
  { zh: '暂停', en: 'Paused', key: 'paused', width: 8 },
  { zh: '不计时', en: 'No deadline', key: 'none', width: 10 },
  { zh: '通办', en: 'Tongban (any station)', key: 'tongban', width: 8 },
  { zh: '二次补正件数', en: 'Second requests', key: 'second_requests', width: 14 },
  { zh: '二次补正率', en: 'Second-request rate', key: 'second_request_rate', width: 12 },
];

async function overdueCases(
  db: Kysely<Database>,
  prefixes: string[],
  today: string,
  lang: WorkbookLanguage,
) {
  const rows = await db
    .selectFrom('cases as c')
    .innerJoin('residents as p', 'p.id', 'c.applicant_id')
    .innerJoin('stations as s', 's.id', 'c.accepting_station_id')
    .leftJoin('regions as hr', 'hr.code', 'c.home_region_code')
    .leftJoin('catalog_item_versions as v', (j) =>
      j.onRef('v.code', '=', 'c.item_code').onRef('v.version', '=', 'c.item_version'),
    )
    .select([
      'c.number',
      'c.item_code',
      'v.definition',
      'p.full_name',
      'hr.name as home_name',
      'c.home_region_code',
      's.name as station_name',
      'c.state',
      'c.accepted_at',
      'c.due_date',
    ])
    .where(underAnyPrefix('c.accepting_region_code', prefixes))
    .where('c.state', 'in', ['accepted', 'in_progress'])
    .where('c.due_date', 'is not', null)
    .where('c.due_date', '<', today)
    .orderBy('c.due_date')
    .orderBy('c.number')
    .limit(MAX_ROWS)
    .execute();
  return rows.map((r): Scalar[] => {
    const names = parsePinnedItem(r.definition)?.name ?? null;
    const name = (lang === 'en' ? names?.en || names?.zh : names?.zh) ?? r.item_code;
    return [
      r.number,
      name,
      r.full_name,
      r.home_name ?? r.home_region_code,
      r.station_name,
      WORDS[lang].state[r.state] ?? r.state,
      r.accepted_at,
      r.due_date,
    ];
  });
}

async function pendingHandoffs(
  db: Kysely<Database>,
  prefixes: string[],
  now: Date,
  lang: WorkbookLanguage,
) {
  const words = WORDS[lang];
  const rows = await db
    .selectFrom('handoffs as h')
    .innerJoin('accounts as fr', 'fr.id', 'h.first_responder_id')
    .innerJoin('accounts as fa', 'fa.id', 'h.from_account_id')
    .innerJoin('accounts as ta', 'ta.id', 'h.to_account_id')
    .leftJoin('cases as c', (j) =>
      j.onRef('c.id', '=', 'h.entity_id').on('h.entity_type', '=', 'case'),
    )
    .select([
      'h.entity_type',
      'c.number as case_number',
      'fr.display_name as first_responder',
      'fa.display_name as from_name',
      'ta.display_name as to_name',
      'h.reason',
      'h.created_at',
      'h.due_date',
      'h.status',
    ])
    .where(underAnyPrefix('h.region_code', prefixes))
    .where('h.status', '=', 'pending')
    .orderBy('h.due_date')
    .orderBy('h.created_at')
    .limit(MAX_ROWS)
    .execute();
  return rows.map((r): Scalar[] => [
    r.entity_type === 'case' ? words.case : words.inquiry,
    r.case_number,
    r.first_responder,
    r.from_name,
    r.to_name,
    r.reason,
    r.created_at,
    r.due_date,
    isHandoffOverdue({ status: r.status, dueDate: r.due_date }, now) ? words.yes : words.no,
  ]);
}

function addSheet(
  wb: ExcelJS.Workbook,
  name: string,
  columns: Column[],
  rows: Scalar[][],
  lang: WorkbookLanguage,
) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({
    header: lang === 'en' ? c.en : c.zh,
    key: c.key,
    width: c.width,
  }));
  ws.getRow(1).font = { bold: true };
  for (const row of rows) ws.addRow(row);
  return ws;
}

/** The workbook and its file name; `today` (China date) names the file and decides "overdue". */
export async function supervisionWorkbook(
  db: Kysely<Database>,
  input: { actor: Actor; now: Date; lang?: WorkbookLanguage },
): Promise<{ filename: string; body: Buffer }> {
  const lang = input.lang ?? 'zh-CN';
  const [overdueSheet, handoffSheet, stationSheet] = WORDS[lang].sheets;
  const prefixes = reachPrefixes(input.actor, FIGURE_READERS);
  if (prefixes.length === 0) throw new AppError('FORBIDDEN');
  const today = chinaDate(input.now);
  const cases = await overdueCases(db, prefixes, today, lang);
  const handoffs = await pendingHandoffs(db, prefixes, input.now, lang);
  const figures = await stationCaseFigures(db, input);
  const wb = await newWorkbook();
  wb.creator = 'Doorstep';
  wb.created = input.now;
  addSheet(wb, overdueSheet, OVERDUE_COLUMNS, cases, lang);
  addSheet(wb, handoffSheet, HANDOFF_COLUMNS, handoffs, lang);
  const stations = addSheet(
    wb,
    stationSheet,
    STATION_COLUMNS,
    figures.map((f) => [
      f.stationName,
      f.regionCode,
      f.filed,
      f.accepted,
      f.open,
      f.overdue,
      f.yellow,
      f.green,
      f.paused,
      f.none,
      f.tongban,
      f.secondRequests,
      f.secondRequestRate,
    ]),
    lang,
  );
  stations.getColumn(STATION_COLUMNS.length).numFmt = '0.0%';
  return {
    filename: `supervision-${today}.xlsx`,
    body: Buffer.from(await wb.xlsx.writeBuffer()),
  };
}
