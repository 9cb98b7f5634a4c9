/** X-8: the inquiries and hand-offs lists as Excel, through the lists' own queries and scope. */
import type { ListExport } from '../../shared/list-export/list-export.route.ts';
import { offsetPages } from '../../shared/list-export/export-pages.ts';
import { chinaDateTime, wordsOf } from '../../shared/list-export/xlsx-stream.ts';
import { STAFF_ROLES } from '../../shared/roles.ts';
import { HandoffQuery } from './handoff.schema.ts';
import { listHandoffs } from './handoff.view.ts';
import { InquiryQuery } from './inquiry.schema.ts';
import { listInquiries } from './inquiry.view.ts';

const InquiryFilters = InquiryQuery.omit({ limit: true, offset: true });
const HandoffFilters = HandoffQuery.omit({ limit: true, offset: true });
type InquiryRow = Awaited<ReturnType<typeof listInquiries>>[number];
type HandoffRow = Awaited<ReturnType<typeof listHandoffs>>[number];

const INQUIRY_CHANNEL = { walk_in: ['来访', 'Walk-in'], phone: ['电话', 'Phone'] } as const;
const INQUIRY_STATUS = { open: ['处理中', 'Open'], closed: ['已办结', 'Closed'] } as const;
const MATTER = { case: ['办件', 'Case'], inquiry: ['咨询', 'Inquiry'] } as const;
const HANDOFF_STATUS = {
  pending: ['待接收', 'Pending'],
  accepted: ['已接收', 'Accepted'],
  declined: ['已退回', 'Declined'],
} as const;

export const INQUIRY_LIST_EXPORT: ListExport<typeof InquiryFilters, InquiryRow> = {
  list: '/inquiries',
  tag: 'first-response',
  roles: STAFF_ROLES,
  filters: InquiryFilters,
  sheet: { zh: '咨询登记', en: 'Inquiries' },
  file: 'inquiries',
  rows: ({ db, filters, actor }) =>
    offsetPages((limit, offset) =>
      listInquiries(db, { ...filters, mine: filters.mine === 'true', actor, limit, offset }),
    ),
  columns: [
    { zh: '登记时间', en: 'Recorded at', width: 18, value: (r) => chinaDateTime(r.createdAt) },
    {
      zh: '渠道',
      en: 'Channel',
      width: 8,
      value: (r, lang) => wordsOf(INQUIRY_CHANNEL, r.channel, lang),
    },
    { zh: '居民', en: 'Resident', width: 12, value: (r) => r.resident?.fullName },
    { zh: '身份证号', en: 'ID number', width: 22, value: (r) => r.resident?.idMasked },
    { zh: '来访人', en: 'Caller', width: 16, value: (r) => r.callerDescription },
    { zh: '咨询内容', en: 'Question', width: 40, value: (r) => r.question },
    { zh: '答复', en: 'Answer', width: 40, value: (r) => r.answer },
    { zh: '事项编码', en: 'Item code', width: 14, value: (r) => r.itemCode },
    { zh: '服务站', en: 'Station', width: 22, value: (r) => r.station.name },
    {
      zh: '首问责任人',
      en: 'First responder',
      width: 14,
      value: (r) => r.firstResponder.displayName,
    },
    {
      zh: '状态',
      en: 'Status',
      width: 8,
      value: (r, lang) => wordsOf(INQUIRY_STATUS, r.status, lang),
    },
    { zh: '办结说明', en: 'Closing note', width: 30, value: (r) => r.closingNote },
    { zh: '办结时间', en: 'Closed at', width: 18, value: (r) => chinaDateTime(r.closedAt) },
  ],
};

export const HANDOFF_LIST_EXPORT: ListExport<typeof HandoffFilters, HandoffRow> = {
  list: '/handoffs',
  tag: 'first-response',
  roles: STAFF_ROLES,
  filters: HandoffFilters,
  sheet: { zh: '转交', en: 'Hand-offs' },
  file: 'handoffs',
  rows: ({ db, filters, actor, now }) =>
    offsetPages((limit, offset) => listHandoffs(db, { ...filters, actor, now, limit, offset })),
  columns: [
    { zh: '类型', en: 'Type', width: 8, value: (r, lang) => wordsOf(MATTER, r.entityType, lang) },
    { zh: '转出人', en: 'Handed off by', width: 14, value: (r) => r.from.displayName },
    { zh: '接收人', en: 'Handed to', width: 14, value: (r) => r.to.displayName },
    { zh: '岗位', en: 'Post', width: 16, value: (r) => r.toPost?.name },
    { zh: '转交原因', en: 'Reason', width: 40, value: (r) => r.reason },
    { zh: '转交时间', en: 'Handed off at', width: 18, value: (r) => chinaDateTime(r.createdAt) },
    { zh: '接收期限', en: 'Accept by', width: 12, value: (r) => r.dueDate },
    {
      zh: '状态',
      en: 'Status',
      width: 8,
      value: (r, lang) => wordsOf(HANDOFF_STATUS, r.status, lang),
    },
    { zh: '已超期', en: 'Overdue', width: 8, value: (r) => r.overdue },
    { zh: '退回原因', en: 'Decline reason', width: 30, value: (r) => r.declineReason },
    { zh: '处理时间', en: 'Decided at', width: 18, value: (r) => chinaDateTime(r.decidedAt) },
  ],
};
