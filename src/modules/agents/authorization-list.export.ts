/** the authorizations list as Excel, by the list's own query and scope. */
import type { ListExport } from '../../shared/list-export/list-export.route.ts';
import { offsetPages } from '../../shared/list-export/export-pages.ts';
import { chinaDateTime, wordsOf } from '../../shared/list-export/xlsx-stream.ts';
import { STAFF_ROLES } from '../../shared/roles.ts';
import { AuthorizationQuery } from './authorization.schema.ts';
import { listAuthorizations } from './authorization.service.ts';

const Filters = AuthorizationQuery.omit({ limit: true, offset: true });
type Row = Awaited<ReturnType<typeof listAuthorizations>>[number];

const CONSENT = {
  signed_form: ['书面授权', 'Signed form'],
  in_person: ['当面确认', 'In person'],
  phone: ['电话确认', 'By phone'],
} as const;

export const AUTHORIZATION_LIST_EXPORT: ListExport<typeof Filters, Row> = {
  list: '/authorizations',
  tag: 'agents',
  roles: STAFF_ROLES,
  filters: Filters,
  sheet: { zh: '代办授权', en: 'Authorizations' },
  file: 'authorizations',
  rows: ({ db, filters, actor, now }) =>
    offsetPages((limit, offset) =>
      listAuthorizations(db, { ...filters, actor, now, limit, offset }),
    ),
  columns: [
    { zh: '居民', en: 'Resident', width: 12, value: (r) => r.resident.fullName },
    { zh: '身份证号', en: 'ID number', width: 22, value: (r) => r.resident.idMasked },
    { zh: '代办员', en: 'Agent', width: 12, value: (r) => r.agent.displayName },
    {
      zh: '授权事项',
      en: 'Items',
      width: 24,
      value: (r, lang) =>
        Array.isArray(r.items) ? r.items.join('、') : lang === 'en' ? 'All items' : '全部事项',
    },
    { zh: '有效期至', en: 'Expires on', width: 12, value: (r) => r.expiresOn },
    {
      zh: '确认方式',
      en: 'Consent',
      width: 10,
      value: (r, lang) => wordsOf(CONSENT, r.consent.method, lang),
    },
    { zh: '状态', en: 'Status', width: 10, value: (r) => r.status },
    { zh: '登记人', en: 'Recorded by', width: 12, value: (r) => r.recordedBy.displayName },
    { zh: '登记时间', en: 'Recorded at', width: 18, value: (r) => chinaDateTime(r.createdAt) },
    { zh: '撤销时间', en: 'Revoked at', width: 18, value: (r) => chinaDateTime(r.revokedAt) },
    { zh: '撤销原因', en: 'Revoke reason', width: 24, value: (r) => r.revokeReason },
  ],
};
