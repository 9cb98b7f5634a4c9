/**
 * the cases list (GET /cases) as Excel — the same filters, scope and masking as the list, in
 * its order: newest first, or (the overdue list, `order=due`) longest overdue first by keyset.
 */
import type { ListExport } from '../../shared/list-export/list-export.route.ts';
import { EXPORT_BATCH, offsetPages } from '../../shared/list-export/export-pages.ts';
import { chinaDateTime, wordsOf } from '../../shared/list-export/xlsx-stream.ts';
import { CaseListQuery, CasePageQuery } from './case.schema.ts';
import { listCases } from './case.view.ts';
import { pageCases } from './case-list-page.ts';
import type { Role } from '../../shared/roles.ts';

export const CASE_STATE_WORDS = {
  awaiting_supplement: ['待补正', 'Waiting for papers'],
  accepted: ['已受理', 'Accepted'],
  in_progress: ['审批中', 'Being decided'],
  suspended: ['已中止', 'Suspended'],
  decided: ['已办结', 'Decided'],
  delivered: ['已送达', 'Delivered'],
  closed: ['已归档', 'Closed'],
  refused: ['不予受理', 'Not accepted'],
  withdrawn: ['已撤回', 'Withdrawn'],
} as const;

const LIGHT_WORDS = {
  green: ['按期办理', 'On time'],
  yellow: ['即将到期', 'Due soon'],
  red: ['已超期', 'Overdue'],
  paused: ['暂停计时', 'Clock paused'],
  none: ['不计时', 'No deadline'],
} as const;

const CHANNEL_WORDS = {
  window: ['窗口受理', 'At the window'],
  appointment: ['预约办理', 'By appointment'],
  home_visit: ['上门服务', 'Home visit'],
  agent: ['代办员代办', 'Through a village agent'],
  online: ['网上办理（不打烊）', 'Online (24/7)'],
  phone: ['电话受理', 'By phone'],
} as const;

type CaseRow = Awaited<ReturnType<typeof listCases>>[number];

const ExportFilters = CaseListQuery.omit({ limit: true, offset: true }).extend({
  order: CasePageQuery.shape.order,
});

export function caseListExport(
  roles: readonly Role[],
  yellowWithinWorkingDays: number,
): ListExport<typeof ExportFilters, CaseRow> {
  return {
    list: '/cases',
    tag: 'cases',
    roles,
    filters: ExportFilters,
    sheet: { zh: '办件', en: 'Cases' },
    file: 'cases',
    rows: ({ db, filters, actor, now }) =>
      filters.order === 'due'
        ? (async function* () {
            let after: string | undefined;
            do {
              const page = await pageCases(db, {
                ...filters,
                actor,
                now,
                limit: EXPORT_BATCH,
                after,
                yellowWithinWorkingDays,
              });
              if (page.items.length > 0) yield page.items;
              after = page.nextCursor ?? undefined;
            } while (after);
          })()
        : offsetPages((limit, offset) =>
            listCases(db, { ...filters, actor, now, limit, offset, yellowWithinWorkingDays }),
          ),
    columns: [
      { zh: '办件编号', en: 'Case number', width: 18, value: (r) => r.number },
      {
        zh: '事项',
        en: 'Service item',
        width: 30,
        value: (r, lang) => (lang === 'en' ? r.item.name.en || r.item.name.zh : r.item.name.zh),
      },
      { zh: '申请人', en: 'Applicant', width: 12, value: (r) => r.applicant.fullName },
      { zh: '身份证号', en: 'ID number', width: 22, value: (r) => r.applicant.idMasked },
      { zh: '户籍地', en: 'Home region', width: 16, value: (r) => r.homeRegionName },
      {
        zh: '受理服务站',
        en: 'Accepting station',
        width: 24,
        value: (r) => r.acceptingStation.name,
      },
      {
        zh: '状态',
        en: 'State',
        width: 12,
        value: (r, lang) => wordsOf(CASE_STATE_WORDS, r.state, lang),
      },
      { zh: '通办', en: 'Tongban', width: 8, value: (r) => r.isTongban },
      {
        zh: '渠道',
        en: 'Channel',
        width: 10,
        value: (r, lang) => wordsOf(CHANNEL_WORDS, r.channel, lang),
      },
      {
        zh: '首问负责人',
        en: 'First responder',
        width: 14,
        value: (r) => r.firstResponder.displayName,
      },
      { zh: '受理时间', en: 'Accepted at', width: 18, value: (r) => chinaDateTime(r.acceptedAt) },
      { zh: '应办结日期', en: 'Due date', width: 12, value: (r) => r.dueDate },
      {
        zh: '期限',
        en: 'Deadline',
        width: 10,
        value: (r, lang) => wordsOf(LIGHT_WORDS, r.light, lang),
      },
      { zh: '提交时间', en: 'Filed at', width: 18, value: (r) => chinaDateTime(r.createdAt) },
    ],
  };
}
