/** X-8: the centre's needs and orders lists as Excel, through the lists' own queries and scope. */
import type { ListExport } from '../../shared/list-export/list-export.route.ts';
import { offsetPages } from '../../shared/list-export/export-pages.ts';
import { chinaDateTime, wordsOf } from '../../shared/list-export/xlsx-stream.ts';
import { listNeeds } from './list-needs.ts';
import { listOrders } from './list-orders.ts';
import { CENTRE_ROLES } from './orders.common.ts';
import { NeedQuery, OrderQuery } from './orders.schema.ts';

const OrderFilters = OrderQuery.omit({ limit: true, offset: true });
const NeedFilters = NeedQuery.omit({ limit: true, offset: true });
type OrderRow = Awaited<ReturnType<typeof listOrders>>[number];
type NeedRow = Awaited<ReturnType<typeof listNeeds>>[number];

const ORDER_STATE = {
  awaiting_dispatch: ['待派单', 'Awaiting dispatch'],
  directed: ['已指派', 'Directed'],
  open: ['抢单中', 'Open for grabbing'],
  accepted: ['已接单', 'Accepted'],
  in_service: ['服务中', 'In service'],
  completed: ['已完成', 'Completed'],
  cancelled: ['已取消', 'Cancelled'],
} as const;
const NEED_STATUS = {
  submitted: ['待审核', 'Submitted'],
  accepted: ['已受理', 'Accepted'],
  rejected: ['未受理', 'Rejected'],
} as const;
const NEED_CHANNEL = {
  self: ['自助点单', 'Self'],
  phone: ['电话', 'Phone'],
  wechat: ['微信', 'WeChat'],
  walk_in: ['来访', 'Walk-in'],
} as const;

export const ORDER_LIST_EXPORT: ListExport<typeof OrderFilters, OrderRow> = {
  list: '/vs/orders',
  tag: 'volunteer-orders',
  roles: CENTRE_ROLES,
  filters: OrderFilters,
  sheet: { zh: '服务单', en: 'Orders' },
  file: 'orders',
  rows: ({ db, filters, actor }) =>
    offsetPages((limit, offset) => listOrders(db, { ...filters, actor, limit, offset })),
  columns: [
    { zh: '服务单号', en: 'Order number', width: 16, value: (r) => r.orderNumber },
    { zh: '标题', en: 'Title', width: 24, value: (r) => r.title },
    { zh: '类别', en: 'Category', width: 12, value: (r) => r.categoryName ?? r.categoryCode },
    { zh: '地区', en: 'Region', width: 16, value: (r) => r.regionName ?? r.regionCode },
    { zh: '地点', en: 'Place', width: 20, value: (r) => r.place },
    { zh: '状态', en: 'State', width: 10, value: (r, lang) => wordsOf(ORDER_STATE, r.state, lang) },
    { zh: '接单队伍', en: 'Team', width: 18, value: (r) => r.team?.name ?? r.directedTeam?.name },
    { zh: '需求数', en: 'Needs', width: 8, value: (r) => r.needCount },
    { zh: '待回电', en: 'To call back', width: 8, value: (r) => r.toCallBack },
    { zh: '创建时间', en: 'Created at', width: 18, value: (r) => chinaDateTime(r.createdAt) },
    { zh: '接单时间', en: 'Accepted at', width: 18, value: (r) => chinaDateTime(r.acceptedAt) },
    { zh: '完成时间', en: 'Completed at', width: 18, value: (r) => chinaDateTime(r.completedAt) },
    { zh: '取消原因', en: 'Cancel reason', width: 24, value: (r) => r.cancelReason },
  ],
};

export const NEED_LIST_EXPORT: ListExport<typeof NeedFilters, NeedRow> = {
  list: '/vs/needs',
  tag: 'volunteer-orders',
  roles: CENTRE_ROLES,
  filters: NeedFilters,
  sheet: { zh: '服务需求', en: 'Needs' },
  file: 'needs',
  rows: ({ db, filters, actor }) =>
    offsetPages((limit, offset) => listNeeds(db, { ...filters, actor, limit, offset })),
  columns: [
    { zh: '需求编号', en: 'Need number', width: 16, value: (r) => r.needNumber },
    { zh: '类别', en: 'Category', width: 12, value: (r) => r.categoryName ?? r.categoryCode },
    { zh: '地区', en: 'Region', width: 16, value: (r) => r.regionName ?? r.regionCode },
    { zh: '需求描述', en: 'Description', width: 36, value: (r) => r.description },
    { zh: '地点', en: 'Place', width: 20, value: (r) => r.place },
    { zh: '联系人', en: 'Contact', width: 10, value: (r) => r.contactName },
    { zh: '联系电话', en: 'Contact phone', width: 14, value: (r) => r.contactPhoneMasked },
    {
      zh: '渠道',
      en: 'Channel',
      width: 8,
      value: (r, lang) => wordsOf(NEED_CHANNEL, r.channel, lang),
    },
    {
      zh: '状态',
      en: 'Status',
      width: 8,
      value: (r, lang) => wordsOf(NEED_STATUS, r.status, lang),
    },
    { zh: '未受理原因', en: 'Reject reason', width: 24, value: (r) => r.rejectReason },
    { zh: '提交时间', en: 'Submitted at', width: 18, value: (r) => chinaDateTime(r.createdAt) },
  ],
};
