/**
 * CP-5 figures as one Excel workbook: a summary sheet (the region's totals), a sheet per child
 * region and a sheet per program — the same numbers as GET /programs/figures, in one language.
 */
import type ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../shared/actor.ts';
import { newWorkbook } from '../../shared/excel.ts';
import { programFigures, type ProgramFigures } from './program-figures.service.ts';
import type { FigureBlock } from './program-figures.rules.ts';

export const XLSX_CONTENT_TYPE =
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type WorkbookLanguage = 'zh-CN' | 'en';

type FigureKey = keyof FigureBlock;

/** The figures' columns, in order; rates are formatted as percentages. */
export const FIGURE_COLUMNS: { key: FigureKey; zh: string; en: string; rate?: true }[] = [
  { key: 'programs', zh: '项目数', en: 'Programs' },
  { key: 'classes', zh: '班级数', en: 'Classes' },
  { key: 'classesRun', zh: '开班数', en: 'Classes run' },
  { key: 'capacity', zh: '名额', en: 'Places' },
  { key: 'enrolments', zh: '在读报名', en: 'Enrolments' },
  { key: 'childrenEnrolled', zh: '在读儿童', en: 'Children enrolled' },
  { key: 'fillRate', zh: '满额率', en: 'Fill rate', rate: true },
  { key: 'waitlisted', zh: '候补人数', en: 'Waitlist' },
  { key: 'offersMade', zh: '递补名额发出', en: 'Offers made' },
  { key: 'offersAccepted', zh: '递补接受', en: 'Offers accepted' },
  { key: 'offersDeclined', zh: '递补放弃', en: 'Offers declined' },
  { key: 'offersExpired', zh: '递补过期', en: 'Offers expired' },
  { key: 'offersOutstanding', zh: '递补待答复', en: 'Offers outstanding' },
  { key: 'offerAcceptance', zh: '递补接受率', en: 'Offer acceptance', rate: true },
  { key: 'childVisits', zh: '服务人次', en: 'Child-visits' },
  { key: 'volunteers', zh: '参与志愿者', en: 'Volunteers' },
  { key: 'volunteerHours', zh: '志愿服务时长（小时）', en: 'Volunteer hours' },
  { key: 'latePickups', zh: '延迟接送', en: 'Late pickups' },
  { key: 'ratioShortfallSessions', zh: '师生比不足场次', en: 'Sessions below staff ratio' },
  { key: 'ratioShortfallMinutes', zh: '师生比不足时长（分钟）', en: 'Minutes below staff ratio' },
];

const WORDS = {
  'zh-CN': {
    sheets: ['概况', '各地区', '各项目'],
    figure: '指标',
    value: '数值',
    region: '地区',
    code: '区划代码',
    period: '统计期间',
    ownLevel: '（本级）',
    program: '项目',
    organiser: '组织方',
    venue: '场所',
  },
  en: {
    sheets: ['Summary', 'Regions', 'Programs'],
    figure: 'Figure',
    value: 'Value',
    region: 'Region',
    code: 'Region code',
    period: 'Period',
    ownLevel: ' (this level)',
    program: 'Program',
    organiser: 'Organiser',
    venue: 'Venue',
  },
} as const;

function tableSheet(
  wb: ExcelJS.Workbook,
  name: string,
  lead: { header: string; width: number }[],
  rows: { lead: (string | number)[]; block: FigureBlock }[],
  lang: WorkbookLanguage,
) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    ...lead.map((l) => ({ header: l.header, width: l.width })),
    ...FIGURE_COLUMNS.map((c) => ({ header: lang === 'en' ? c.en : c.zh, width: 12 })),
  ];
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow([...r.lead, ...FIGURE_COLUMNS.map((c) => r.block[c.key])]);
  FIGURE_COLUMNS.forEach((c, i) => {
    if (c.rate) ws.getColumn(lead.length + i + 1).numFmt = '0.0%';
  });
}

/** Builds the workbook of figures already computed. */
export async function figuresWorkbook(
  f: ProgramFigures,
  lang: WorkbookLanguage,
  now: Date,
): Promise<Buffer> {
  const w = WORDS[lang];
  const wb = await newWorkbook();
  wb.creator = 'Doorstep';
  wb.created = now;
  const summary = wb.addWorksheet(w.sheets[0]);
  summary.columns = [
    { header: w.figure, width: 24 },
    { header: w.value, width: 28 },
  ];
  summary.getRow(1).font = { bold: true };
  summary.addRow([w.region, `${f.region.name} ${f.region.code}`]);
  summary.addRow([w.period, `${f.period.from} – ${f.period.to}`]);
  for (const c of FIGURE_COLUMNS) {
    const row = summary.addRow([lang === 'en' ? c.en : c.zh, f.totals[c.key]]);
    if (c.rate) row.getCell(2).numFmt = '0.0%';
  }
  tableSheet(
    wb,
    w.sheets[1],
    [
      { header: w.region, width: 22 },
      { header: w.code, width: 16 },
    ],
    f.children.map((c) => ({
      lead: [c.ownLevel ? `${c.name}${w.ownLevel}` : c.name, c.code],
      block: c,
    })),
    lang,
  );
  tableSheet(
    wb,
    w.sheets[2],
    [
      { header: w.program, width: 28 },
      { header: w.organiser, width: 18 },
      { header: w.venue, width: 22 },
      { header: w.code, width: 16 },
    ],
    f.programs.map((p) => ({
      lead: [p.title, p.organiserName, p.venueName, p.regionCode],
      block: p,
    })),
    lang,
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The figures of the caller's request as a workbook, with its file name. */
export async function programFiguresWorkbook(
  db: Kysely<Database>,
  input: {
    actor: Actor;
    regionCode?: string;
    from?: string;
    to?: string;
    lang?: WorkbookLanguage;
    now: Date;
  },
): Promise<{ filename: string; body: Buffer }> {
  const f = await programFigures(db, input);
  const body = await figuresWorkbook(f, input.lang ?? 'zh-CN', input.now);
  return {
    filename: `program-figures-${f.region.code}-${f.period.from}-${f.period.to}.xlsx`,
    body,
  };
}
