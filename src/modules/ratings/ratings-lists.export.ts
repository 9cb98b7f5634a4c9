/** X-8: the ratings, rectification tickets and appeals lists as Excel, by the lists' own queries. */
import type { ListExport } from '../../shared/list-export/list-export.route.ts';
import { offsetPages } from '../../shared/list-export/export-pages.ts';
import { chinaDateTime, wordsOf, type ExportColumn } from '../../shared/list-export/xlsx-stream.ts';
import type { Role } from '../../shared/roles.ts';
import { listAppeals } from './rating-appeals.ts';
import { listTickets } from './rating-tickets.ts';
import { RATING_HANDLERS, RATING_READERS } from './ratings.access.ts';
import { AppealListQuery, RatingListQuery, TicketListQuery } from './ratings.schema.ts';
import { listRatings } from './ratings.view.ts';

const RatingFilters = RatingListQuery.omit({ limit: true, offset: true });
const TicketFilters = TicketListQuery.omit({ limit: true, offset: true });
const AppealFilters = AppealListQuery.omit({ limit: true, offset: true });
type RatingRow = Awaited<ReturnType<typeof listRatings>>[number];
type TicketRow = Awaited<ReturnType<typeof listTickets>>[number];
type AppealRow = Awaited<ReturnType<typeof listAppeals>>[number];

const LEVEL = {
  1: ['非常不满意', 'Very dissatisfied'],
  2: ['不满意', 'Dissatisfied'],
  3: ['基本满意', 'Fair'],
  4: ['满意', 'Satisfied'],
  5: ['非常满意', 'Very satisfied'],
} as const;
const KIND = { first: ['首评', 'First'], follow_up: ['追评', 'Follow-up'] } as const;

/** The rating's own columns, shared by the three lists (tickets and appeals name their rating). */
function ratingColumns<R>(of: (row: R) => RatingRow): ExportColumn<R>[] {
  return [
    { zh: '办件/服务编号', en: 'Number', width: 18, value: (r) => of(r).number },
    { zh: '事项编码', en: 'Item code', width: 14, value: (r) => of(r).itemCode },
    { zh: '评价', en: 'Kind', width: 8, value: (r, lang) => wordsOf(KIND, of(r).kind, lang) },
    {
      zh: '评价等级',
      en: 'Level',
      width: 12,
      value: (r, lang) => wordsOf(LEVEL, String(of(r).level), lang),
    },
    { zh: '原因', en: 'Reasons', width: 24, value: (r) => of(r).reasons.join('、') },
    { zh: '评价内容', en: 'Comment', width: 30, value: (r) => of(r).comment },
    { zh: '评价渠道', en: 'Channel', width: 10, value: (r) => of(r).channel },
    { zh: '服务站', en: 'Station', width: 20, value: (r) => of(r).stationName },
    { zh: '工作人员', en: 'Staff', width: 12, value: (r) => of(r).staffName },
    {
      zh: '办结时间',
      en: 'Completed at',
      width: 18,
      value: (r) => chinaDateTime(of(r).completedAt),
    },
    { zh: '评价时间', en: 'Rated at', width: 18, value: (r) => chinaDateTime(of(r).ratedAt) },
    { zh: '不计入', en: 'Excluded', width: 8, value: (r) => of(r).excluded },
  ];
}

export const RATING_LIST_EXPORT: ListExport<typeof RatingFilters, RatingRow> = {
  list: '/ratings',
  // /ratings/export.xlsx is the month's report in the national record fields (ratings-export.ts).
  at: '/ratings/list.xlsx',
  tag: 'ratings',
  roles: RATING_READERS,
  filters: RatingFilters,
  sheet: { zh: '好差评', en: 'Ratings' },
  file: 'ratings',
  rows: ({ db, filters, actor }) =>
    offsetPages((limit, offset) =>
      listRatings(db, { actor, bad: filters.bad === 'true', limit, offset }),
    ),
  columns: ratingColumns((r) => r),
};

export const TICKET_LIST_EXPORT: ListExport<typeof TicketFilters, TicketRow> = {
  list: '/ratings/tickets',
  tag: 'ratings',
  roles: RATING_HANDLERS,
  filters: TicketFilters,
  sheet: { zh: '差评整改', en: 'Rectification tickets' },
  file: 'rating-tickets',
  rows: ({ db, filters, actor, now }) =>
    offsetPages((limit, offset) =>
      listTickets(db, { actor, open: filters.open === 'true', limit, offset, now }),
    ),
  columns: [
    { zh: '状态', en: 'State', width: 12, value: (r) => r.state },
    { zh: '回访期限', en: 'Call back by', width: 18, value: (r) => chinaDateTime(r.callbackDue) },
    { zh: '整改期限', en: 'Due date', width: 12, value: (r) => r.dueDate },
    { zh: '已超期', en: 'Overdue', width: 8, value: (r) => r.overdue },
    { zh: '整改结果', en: 'Outcome', width: 30, value: (r) => r.outcome },
    { zh: '办结时间', en: 'Closed at', width: 18, value: (r) => chinaDateTime(r.closedAt) },
    ...ratingColumns<TicketRow>((r) => r.rating),
  ],
};

export function appealListExport(
  roles: readonly Role[],
): ListExport<typeof AppealFilters, AppealRow> {
  return {
    list: '/ratings/appeals',
    tag: 'ratings',
    roles,
    filters: AppealFilters,
    sheet: { zh: '差评申诉', en: 'Appeals' },
    file: 'rating-appeals',
    rows: ({ db, filters, actor }) =>
      offsetPages((limit, offset) =>
        listAppeals(db, { actor, pending: filters.pending === 'true', limit, offset }),
      ),
    columns: [
      { zh: '状态', en: 'State', width: 10, value: (r) => r.state },
      { zh: '申诉人', en: 'Appellant', width: 12, value: (r) => r.appellantName },
      { zh: '申诉理由', en: 'Reason', width: 30, value: (r) => r.reason },
      { zh: '申诉时间', en: 'Filed at', width: 18, value: (r) => chinaDateTime(r.createdAt) },
      { zh: '决定说明', en: 'Decision note', width: 30, value: (r) => r.decisionNote },
      { zh: '决定时间', en: 'Decided at', width: 18, value: (r) => chinaDateTime(r.decidedAt) },
      ...ratingColumns<AppealRow>((r) => r.rating),
    ],
  };
}
