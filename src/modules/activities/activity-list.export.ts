/** the activities list as Excel, through the list's own query and scope. */
import type { ListExport } from '../../shared/list-export/list-export.route.ts';
import { offsetPages } from '../../shared/list-export/export-pages.ts';
import { chinaDateTime, wordsOf } from '../../shared/list-export/xlsx-stream.ts';
import type { Role } from '../../shared/roles.ts';
import { ActivityQuery } from './activity.schema.ts';
import { listActivities } from './activity-list.ts';

const Filters = ActivityQuery.omit({ limit: true, offset: true });
type Row = Awaited<ReturnType<typeof listActivities>>[number];

const STATUS = {
  open: ['报名中', 'Open'],
  cancelled: ['已取消', 'Cancelled'],
  completed: ['已结束', 'Completed'],
} as const;

export function activityListExport(roles: readonly Role[]): ListExport<typeof Filters, Row> {
  return {
    list: '/vs/activities',
    tag: 'vs-activities',
    roles,
    filters: Filters,
    sheet: { zh: '志愿活动', en: 'Activities' },
    file: 'activities',
    rows: ({ db, filters, actor, now }) =>
      offsetPages((limit, offset) => listActivities(db, { ...filters, actor, now, limit, offset })),
    columns: [
      { zh: '活动', en: 'Activity', width: 24, value: (r) => r.title },
      { zh: '队伍', en: 'Team', width: 18, value: (r) => r.teamName },
      { zh: '地点', en: 'Place', width: 20, value: (r) => r.place },
      { zh: '开始', en: 'Starts', width: 18, value: (r) => chinaDateTime(r.startsAt) },
      { zh: '结束', en: 'Ends', width: 18, value: (r) => chinaDateTime(r.endsAt) },
      { zh: '名额', en: 'Capacity', width: 8, value: (r) => r.capacity },
      { zh: '已报名', en: 'Confirmed', width: 8, value: (r) => r.confirmedCount },
      { zh: '候补', en: 'Waitlist', width: 8, value: (r) => r.waitlistCount },
      { zh: '负责人', en: 'Lead', width: 12, value: (r) => r.leadName },
      { zh: '状态', en: 'Status', width: 8, value: (r, lang) => wordsOf(STATUS, r.status, lang) },
      { zh: '取消原因', en: 'Cancel reason', width: 24, value: (r) => r.cancelReason },
    ],
  };
}
