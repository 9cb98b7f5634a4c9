/** the programs list as Excel, by the list's own query and scope. */
import type { ListExport } from '../../shared/list-export/list-export.route.ts';
import { offsetPages } from '../../shared/list-export/export-pages.ts';
import { ALL_ROLES } from '../../shared/roles.ts';
import { listPrograms } from './browse-programs.ts';
import { ProgramsQuery } from './programs.schema.ts';

const Filters = ProgramsQuery.omit({ limit: true, offset: true });
type Row = Awaited<ReturnType<typeof listPrograms>>[number];

export const PROGRAM_LIST_EXPORT: ListExport<typeof Filters, Row> = {
  list: '/programs',
  tag: 'programs',
  roles: ALL_ROLES,
  filters: Filters,
  sheet: { zh: '托管项目', en: 'Programs' },
  file: 'programs',
  rows: ({ db, filters, actor }) =>
    offsetPages((limit, offset) => listPrograms(db, { ...filters, actor, limit, offset })),
  columns: [
    { zh: '项目', en: 'Program', width: 24, value: (r) => r.title },
    { zh: '类型', en: 'Kind', width: 10, value: (r) => r.kind },
    { zh: '主办方', en: 'Organiser', width: 18, value: (r) => r.organiserName },
    { zh: '场地', en: 'Venue', width: 18, value: (r) => r.venueName },
    { zh: '区划代码', en: 'Region code', width: 14, value: (r) => r.regionCode },
    { zh: '开始', en: 'Season starts', width: 12, value: (r) => r.seasonStartsOn },
    { zh: '结束', en: 'Season ends', width: 12, value: (r) => r.seasonEndsOn },
    { zh: '费用（元）', en: 'Fee (yuan)', width: 10, value: (r) => r.feeFen / 100 },
    { zh: '班级数', en: 'Classes', width: 8, value: (r) => r.classes.length },
    { zh: '状态', en: 'Status', width: 10, value: (r) => r.status },
  ],
};
