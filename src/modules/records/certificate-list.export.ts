/** the certificates list as Excel, through the list's own query and scope. */
import type { ListExport } from '../../shared/list-export/list-export.route.ts';
import { offsetPages } from '../../shared/list-export/export-pages.ts';
import { chinaDateTime } from '../../shared/list-export/xlsx-stream.ts';
import { listCertificates } from './certificate.read.ts';
import { RECORD_READER_ROLES } from './records.access.ts';
import { CertificateListQuery } from './records.schema.ts';

const Filters = CertificateListQuery.omit({ limit: true, offset: true });
type Row = Awaited<ReturnType<typeof listCertificates>>[number];

export const CERTIFICATE_LIST_EXPORT: ListExport<typeof Filters, Row> = {
  list: '/vs/certificates',
  tag: 'volunteer records',
  roles: RECORD_READER_ROLES,
  filters: Filters,
  sheet: { zh: '志愿服务证明', en: 'Certificates' },
  file: 'certificates',
  rows: ({ db, filters, actor }) =>
    offsetPages((limit, offset) => listCertificates(db, { ...filters, actor, limit, offset })),
  columns: [
    { zh: '证明编号', en: 'Certificate number', width: 20, value: (r) => r.certificateNumber },
    { zh: '志愿者', en: 'Volunteer', width: 12, value: (r) => r.volunteerName },
    { zh: '出具单位', en: 'Organisation', width: 22, value: (r) => r.organisation },
    { zh: '时长（小时）', en: 'Hours', width: 10, value: (r) => r.hours },
    { zh: '出具时间', en: 'Issued at', width: 18, value: (r) => chinaDateTime(r.issuedAt) },
    { zh: '出具人', en: 'Issued by', width: 12, value: (r) => r.issuedBy },
    { zh: '撤销时间', en: 'Revoked at', width: 18, value: (r) => chinaDateTime(r.revokedAt) },
    { zh: '撤销原因', en: 'Revoke reason', width: 24, value: (r) => r.revokeReason },
    { zh: '核验地址', en: 'Verify URL', width: 30, value: (r) => r.verifyUrl },
  ],
};
