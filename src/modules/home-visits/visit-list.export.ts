/** the home-visits list as Excel (contact masked as the list shows it; no health records). */
import type { ListExport } from '../../shared/list-export/list-export.route.ts';
import { wholeList } from '../../shared/list-export/export-pages.ts';
import { chinaDateTime, wordsOf } from '../../shared/list-export/xlsx-stream.ts';
import type { PiiCipher } from '../../shared/pii-crypto.ts';
import { STAFF_ROLES } from '../../shared/roles.ts';
import { VisitQuery } from './home-visits.schema.ts';
import { listVisits } from './visit-view.ts';

type Row = Awaited<ReturnType<typeof listVisits>>[number];

const STATUS = {
  requested: ['待安排', 'Requested'],
  scheduled: ['已排期', 'Scheduled'],
  on_route: ['上门中', 'On the way'],
  done: ['已完成', 'Done'],
  not_home: ['未遇', 'Not at home'],
  cancelled: ['已取消', 'Cancelled'],
} as const;

export function visitListExport(pii: PiiCipher): ListExport<typeof VisitQuery, Row> {
  return {
    list: '/home-visits',
    tag: 'home-visits',
    roles: STAFF_ROLES,
    filters: VisitQuery,
    sheet: { zh: '上门服务', en: 'Home visits' },
    file: 'home-visits',
    // Not paged: the visits of the caller's stations (open ones and a day's).
    rows: ({ db, filters, actor }) =>
      wholeList(() => listVisits({ db, pii }, { ...filters, actor })),
    columns: [
      { zh: '居民', en: 'Resident', width: 12, value: (r) => r.residentName },
      { zh: '村（社区）', en: 'Village', width: 16, value: (r) => r.villageName },
      { zh: '服务站', en: 'Station', width: 20, value: (r) => r.stationName },
      { zh: '事由', en: 'Reason', width: 30, value: (r) => r.reason },
      { zh: '事项编码', en: 'Item code', width: 14, value: (r) => r.itemCode },
      { zh: '联系电话', en: 'Contact phone', width: 14, value: (r) => r.contactPhoneMasked },
      { zh: '状态', en: 'Status', width: 10, value: (r, lang) => wordsOf(STATUS, r.status, lang) },
      { zh: '上门日期', en: 'Day', width: 12, value: (r) => r.day },
      { zh: '上门时间', en: 'Visited at', width: 18, value: (r) => chinaDateTime(r.visitedAt) },
      { zh: '结果', en: 'Outcome', width: 24, value: (r) => r.outcomeNote },
      { zh: '登记时间', en: 'Requested at', width: 18, value: (r) => chinaDateTime(r.createdAt) },
    ],
  };
}
