/** GS-12 figures as one Excel workbook: stations (staff, trained, items covered) and the gaps. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../shared/actor.ts';
import { newWorkbook } from '../../shared/excel.ts';
import { trainingFigures } from './training-figures.ts';

export const XLSX_CONTENT_TYPE =
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const WORDS = {
  'zh-CN': {
    sheets: ['各服务站', '无持证人员的必备事项'],
    station: '服务站',
    staff: '工作人员',
    trained: '参训人数',
    items: '有持证人员的事项数',
    code: '事项编码',
    item: '事项',
    period: '统计期间',
    sessions: '培训场次',
  },
  en: {
    sheets: ['Stations', 'Required items without a holder'],
    station: 'Station',
    staff: 'Staff',
    trained: 'Staff trained',
    items: 'Items covered',
    code: 'Item code',
    item: 'Item',
    period: 'Period',
    sessions: 'Sessions',
  },
} as const;

export async function trainingFiguresWorkbook(
  db: Kysely<Database>,
  input: {
    townCode?: string | undefined;
    from: string;
    to: string;
    lang: 'zh-CN' | 'en';
    actor: Actor;
    now: Date;
  },
): Promise<{ filename: string; body: Buffer }> {
  const f = await trainingFigures(db, input);
  const w = WORDS[input.lang];
  const wb = await newWorkbook();
  const ws = wb.addWorksheet(w.sheets[0], { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: w.station, width: 24 },
    { header: w.staff, width: 12 },
    { header: w.trained, width: 12 },
    { header: w.items, width: 18 },
  ];
  for (const s of f.stations) ws.addRow([s.stationName, s.staff, s.staffTrained, s.itemsCovered]);
  ws.addRow([]);
  ws.addRow([w.period, `${f.from} – ${f.to}`]);
  ws.addRow([w.sessions, f.sessions]);
  const gaps = wb.addWorksheet(w.sheets[1], { views: [{ state: 'frozen', ySplit: 1 }] });
  gaps.columns = [
    { header: w.station, width: 24 },
    { header: w.code, width: 14 },
    { header: w.item, width: 30 },
  ];
  for (const g of f.gaps)
    gaps.addRow([
      g.stationName,
      g.item.code,
      input.lang === 'en' ? g.item.name.en : g.item.name.zh,
    ]);
  return {
    filename: `training-figures-${f.townCode}-${f.from}-${f.to}.xlsx`,
    body: Buffer.from(await wb.xlsx.writeBuffer()),
  };
}
