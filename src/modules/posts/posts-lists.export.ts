/** X-8: the posts (AB岗) and absences lists as Excel, by the lists' own queries and scope. */
import type { ListExport } from '../../shared/list-export/list-export.route.ts';
import { wholeList } from '../../shared/list-export/export-pages.ts';
import { chinaDateTime, wordsOf } from '../../shared/list-export/xlsx-stream.ts';
import { listAbsences } from './absences.service.ts';
import { ABSENCE_RECORDERS, POST_READERS } from './posts.access.ts';
import { AbsenceQuery, PostQuery } from './posts.schema.ts';
import { listPosts } from './posts.service.ts';

type PostRow = Awaited<ReturnType<typeof listPosts>>[number];
type AbsenceRow = Awaited<ReturnType<typeof listAbsences>>[number];

const ABSENCE_KIND = {
  planned_leave: ['请假', 'Planned leave'],
  absent_today: ['今日不在岗', 'Absent today'],
  training: ['培训', 'Training'],
  other: ['其他', 'Other'],
} as const;

export const POST_LIST_EXPORT: ListExport<typeof PostQuery, PostRow> = {
  list: '/posts',
  tag: 'posts',
  roles: POST_READERS,
  filters: PostQuery,
  sheet: { zh: 'AB岗', en: 'Posts' },
  file: 'posts',
  // Not paged: the posts of the stations in reach.
  rows: ({ db, filters, actor, now }) => wholeList(() => listPosts(db, { ...filters, actor, now })),
  columns: [
    { zh: '服务站', en: 'Station', width: 22, value: (r) => r.stationName },
    { zh: '岗位', en: 'Post', width: 18, value: (r) => r.name },
    { zh: 'A岗', en: 'A holder', width: 12, value: (r) => r.a.displayName },
    { zh: 'B岗', en: 'B holder', width: 12, value: (r) => r.b.displayName },
    {
      zh: '当前在岗',
      en: 'Holds it now',
      width: 12,
      value: (r) =>
        r.holderNow.slot === 'a'
          ? r.a.displayName
          : r.holderNow.slot === 'b'
            ? r.b.displayName
            : null,
    },
  ],
};

export const ABSENCE_LIST_EXPORT: ListExport<typeof AbsenceQuery, AbsenceRow> = {
  list: '/posts/absences',
  tag: 'posts',
  roles: ABSENCE_RECORDERS,
  filters: AbsenceQuery,
  sheet: { zh: '请假与不在岗', en: 'Absences' },
  file: 'absences',
  rows: ({ db, filters, actor, now }) =>
    wholeList(() => listAbsences(db, { ...filters, actor, now })),
  columns: [
    { zh: '人员', en: 'Person', width: 12, value: (r) => r.account.displayName },
    { zh: '类型', en: 'Kind', width: 12, value: (r, lang) => wordsOf(ABSENCE_KIND, r.kind, lang) },
    { zh: '开始', en: 'From', width: 18, value: (r) => chinaDateTime(r.startsAt) },
    { zh: '结束', en: 'To', width: 18, value: (r) => chinaDateTime(r.endsAt) },
    { zh: '说明', en: 'Note', width: 24, value: (r) => r.note },
    { zh: '状态', en: 'Status', width: 10, value: (r) => r.status },
    { zh: '登记人', en: 'Recorded by', width: 12, value: (r) => r.recordedBy },
  ],
};
