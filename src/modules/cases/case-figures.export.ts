/** the case dashboard's per-station figures as Excel, for the region drilled into. */
import type { ListExport } from '../../shared/list-export/list-export.route.ts';
import { wholeList } from '../../shared/list-export/export-pages.ts';
import { CaseFigureQuery, FIGURE_READERS, stationCaseFigures } from './case-figures.ts';

type Row = Awaited<ReturnType<typeof stationCaseFigures>>[number];

/** The export, with the configured yellow window (GS-8, config deadlineYellowWorkingDays). */
export const caseFiguresExport = (
  yellowWithinWorkingDays?: number,
): ListExport<typeof CaseFigureQuery, Row> => ({
  list: '/cases/figures',
  tag: 'cases',
  roles: FIGURE_READERS,
  filters: CaseFigureQuery,
  sheet: { zh: '各站办件数据', en: 'Case figures by station' },
  file: 'case-figures',
  // One row per station in reach (grouped in SQL): never more than the stations.
  rows: ({ db, filters, actor, now }) =>
    wholeList(() => stationCaseFigures(db, { ...filters, actor, now, yellowWithinWorkingDays })),
  columns: [
    { zh: '区县', en: 'District', width: 14, value: (r) => r.districtName },
    { zh: '乡镇（街道）', en: 'Town', width: 16, value: (r) => r.townName },
    { zh: '服务站', en: 'Station', width: 26, value: (r) => r.stationName },
    { zh: '区划代码', en: 'Region code', width: 16, value: (r) => r.regionCode },
    { zh: '提交', en: 'Filed', width: 8, value: (r) => r.filed },
    { zh: '受理', en: 'Accepted', width: 8, value: (r) => r.accepted },
    { zh: '在办', en: 'Open', width: 8, value: (r) => r.open },
    { zh: '超期', en: 'Overdue', width: 8, value: (r) => r.overdue },
    { zh: '临期', en: 'Nearly due', width: 8, value: (r) => r.yellow },
    { zh: '正常', en: 'On time', width: 8, value: (r) => r.green },
    { zh: '暂停', en: 'Paused', width: 8, value: (r) => r.paused },
    { zh: '未计时', en: 'No clock', width: 8, value: (r) => r.none },
    { zh: '通办', en: 'Tongban (any station)', width: 8, value: (r) => r.tongban },
    { zh: '二次补正件数', en: 'Second requests', width: 12, value: (r) => r.secondRequests },
    { zh: '二次补正率', en: 'Second-request rate', width: 12, value: (r) => r.secondRequestRate },
  ],
});
