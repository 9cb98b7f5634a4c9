/** the escalations list as Excel, through the list's own query and scope. */
import { z } from 'zod';
import type { ListExport } from '../../shared/list-export/list-export.route.ts';
import { offsetPages } from '../../shared/list-export/export-pages.ts';
import { chinaDateTime, wordsOf } from '../../shared/list-export/xlsx-stream.ts';
import { ESCALATION_READERS, listEscalations } from './escalation.service.ts';

/** The list's filters (its paging is added by the list route). */
export const EscalationFilters = z.strictObject({
  open: z.enum(['true', 'false']).default('true'),
});
type Row = Awaited<ReturnType<typeof listEscalations>>[number];

const MATTER = { case: ['办件', 'Case'], handoff: ['转交', 'Hand-off'] } as const;

export const ESCALATION_LIST_EXPORT: ListExport<typeof EscalationFilters, Row> = {
  list: '/escalations',
  tag: 'cases',
  roles: ESCALATION_READERS,
  filters: EscalationFilters,
  sheet: { zh: '超期督办', en: 'Escalations' },
  file: 'escalations',
  rows: ({ db, filters, actor }) =>
    offsetPages((limit, offset) =>
      listEscalations(db, { actor, open: filters.open === 'true', limit, offset }),
    ),
  columns: [
    { zh: '类型', en: 'Type', width: 8, value: (r, lang) => wordsOf(MATTER, r.entityType, lang) },
    { zh: '办件编号', en: 'Case number', width: 18, value: (r) => r.caseNumber },
    { zh: '服务站', en: 'Station', width: 22, value: (r) => r.stationName },
    { zh: '原因', en: 'Reason', width: 30, value: (r) => r.reason },
    { zh: '应办结日期', en: 'Due date', width: 12, value: (r) => r.dueDate },
    { zh: '督办时间', en: 'Escalated at', width: 18, value: (r) => chinaDateTime(r.escalatedAt) },
    {
      zh: '确认时间',
      en: 'Acknowledged at',
      width: 18,
      value: (r) => chinaDateTime(r.acknowledgedAt),
    },
  ],
};
