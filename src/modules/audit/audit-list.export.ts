/** the audit log (GET /audit/events) as Excel, paged by sequence like the log page. */
import { z } from 'zod';
import type { ListExport } from '../../shared/list-export/list-export.route.ts';
import { keysetPages } from '../../shared/list-export/export-pages.ts';
import { chinaDateTime } from '../../shared/list-export/xlsx-stream.ts';
import type { Role } from '../../shared/roles.ts';
import { AUDIT_ACTIONS } from './audit-actions.ts';
import { listAuditEvents } from './audit.service.ts';

/** A day as China counts it (YYYY-MM-DD), for the log's date filter. */
const chinaDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === d;
  }, 'not a calendar day');

/** The log's filters (its paging, beforeSeq and limit, is added by the list route). */
export const AuditFilters = z.strictObject({
  entityType: z.string().max(50).optional(),
  entityId: z.string().max(100).optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
  actorId: z.uuid().optional(),
  from: chinaDay.optional(),
  to: chinaDay.optional(),
});
type Row = Awaited<ReturnType<typeof listAuditEvents>>[number];

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

export function auditListExport(roles: readonly Role[]): ListExport<typeof AuditFilters, Row> {
  return {
    list: '/audit/events',
    tag: 'audit',
    roles,
    filters: AuditFilters,
    sheet: { zh: '审计日志', en: 'Audit log' },
    file: 'audit-events',
    rows: ({ db, filters, actor }) =>
      keysetPages<Row, number>(
        (limit, beforeSeq) => listAuditEvents(db, { ...filters, actor, roles, limit, beforeSeq }),
        (r) => r.seq,
      ),
    columns: [
      { zh: '序号', en: 'Seq', width: 8, value: (r) => r.seq },
      { zh: '时间', en: 'At', width: 18, value: (r) => chinaDateTime(r.occurredAt) },
      { zh: '操作人', en: 'By', width: 14, value: (r) => r.actorName },
      { zh: '角色', en: 'Role', width: 14, value: (r) => r.actorRole },
      { zh: '服务站', en: 'Station', width: 20, value: (r) => r.stationName },
      { zh: '操作', en: 'Action', width: 24, value: (r) => r.action },
      { zh: '对象类型', en: 'Entity type', width: 16, value: (r) => r.entityType },
      { zh: '对象', en: 'Entity', width: 22, value: (r) => r.entityLabel ?? r.entityId },
      { zh: '区划代码', en: 'Region code', width: 14, value: (r) => r.regionCode },
      { zh: '变更前', en: 'Before', width: 30, value: (r) => json(r.before) },
      { zh: '变更后', en: 'After', width: 30, value: (r) => json(r.after) },
      { zh: '请求', en: 'Request', width: 14, value: (r) => r.requestId },
      { zh: '哈希', en: 'Hash', width: 20, value: (r) => r.hash },
    ],
  };
}
