import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Select, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { pageAuditEvents, verifyAuditChain, type AuditFilter } from '../../api/audit';
import type { AuditEvent, AuditVerification } from '../../api/types';
import { CursorPager } from '../../components/CursorPager';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeading } from '../../components/PageHeading';
import { ExportButton } from '../../components/ExportButton';
import { formatChinaDateTime } from '../../lib/china-time';
import { capabilitiesOf } from '../../lib/page-capabilities';
import { useAction } from '../../lib/use-action';
import { useAsync } from '../../lib/use-async';
import { useCursorPages } from '../../lib/use-cursor-pages';
import { useMe } from '../../session/session-context';
import { actionLabel, AUDIT_ACTION_CODES, entityTypeLabel, roleName } from './audit-labels';

const PAGE_SIZE = 50;

/**
 * The audit log, newest first, paged by cursor (issue #16 p5), and (for administrators) a check of
 * the whole hash chain. The list is keyed by its filter, so a new filter starts at page one.
 */
export default function AuditPage() {
  const { t } = useTranslation();
  const me = useMe();
  const caps = useMemo(() => capabilitiesOf(me), [me]);
  const [filter, setFilter] = useState<AuditFilter>({});

  return (
    <div className="page audit-page">
      <PageHeading
        title={t('audit.title')}
        subtitle={t('audit.subtitle')}
        extra={<ExportButton listPath="/audit/events" filters={{ ...filter }} />}
      />
      {caps.verifyAudit && <VerifyChain />}
      <AuditFilters onApply={setFilter} />
      <AuditTable key={JSON.stringify(filter)} filter={filter} />
    </div>
  );
}

/** One filter's events, a page at a time. */
function AuditTable({ filter }: { filter: AuditFilter }) {
  const { t, i18n } = useTranslation();
  const pages = useCursorPages();
  const list = useAsync(
    (signal) => pageAuditEvents({ limit: PAGE_SIZE, after: pages.after, ...filter }, signal),
    pages.after ?? '',
  );
  return (
    <>
      {list.status === 'error' && <ErrorAlert error={list.error} onRetry={list.reload} />}
      <Table<AuditEvent>
        className="audit-table"
        data-testid="audit-table"
        rowKey="seq"
        size="middle"
        loading={list.status === 'loading'}
        dataSource={list.data?.items ?? []}
        pagination={false}
        scroll={{ x: 720 }}
        columns={[
          { title: t('audit.seq'), dataIndex: 'seq', width: 80 },
          {
            title: t('audit.time'),
            dataIndex: 'occurredAt',
            width: 200,
            render: (v: string) => formatChinaDateTime(v, i18n.language),
          },
          {
            title: t('audit.action'),
            dataIndex: 'action',
            render: (v: string) => <span title={v}>{actionLabel(t, v)}</span>,
          },
          {
            title: t('audit.actor'),
            key: 'actor',
            render: (_: unknown, e: AuditEvent) => (
              <span>
                {e.actorName ?? t('audit.system')}
                {e.actorRole && <Tag className="audit-role">{roleName(t, e.actorRole)}</Tag>}
                {e.stationName && <div className="audit-station">{e.stationName}</div>}
              </span>
            ),
          },
          {
            title: t('audit.entity'),
            key: 'entity',
            render: (_: unknown, e: AuditEvent) => (
              <span title={`${e.entityType} ${e.entityId}`}>
                {entityTypeLabel(t, e.entityType)}{' '}
                {e.entityLabel ?? <span className="mono">{e.entityId.slice(0, 8)}</span>}
              </span>
            ),
          },
        ]}
      />
      {list.data && (
        <CursorPager
          page={pages.page}
          nextCursor={list.data.nextCursor}
          total={list.data.total}
          totalExact={list.data.totalExact}
          onNext={pages.next}
          onPrevious={pages.previous}
          testId="audit-pager"
        />
      )}
    </>
  );
}

interface FilterValues {
  action?: AuditFilter['action'];
  from?: string;
  to?: string;
}

/** Filter by action and by China days; the server counts the days in China time too. */
function AuditFilters({ onApply }: { onApply: (filter: AuditFilter) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FilterValues>();
  const options = useMemo(
    () =>
      AUDIT_ACTION_CODES.map((code) => ({ value: code, label: actionLabel(t, code) })).sort(
        (a, b) => a.label.localeCompare(b.label, 'zh-CN'),
      ),
    [t],
  );
  const submit = (v: FilterValues) =>
    onApply({ action: v.action || undefined, from: v.from || undefined, to: v.to || undefined });
  return (
    <Form<FilterValues>
      form={form}
      layout="inline"
      className="audit-filters"
      aria-label={t('audit.filters')}
      onFinish={submit}
      data-testid="audit-filters"
    >
      <Form.Item name="action" label={t('audit.action')}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('audit.allActions')}
          options={options}
          style={{ minWidth: 200 }}
          data-testid="audit-filter-action"
        />
      </Form.Item>
      <Form.Item name="from" label={t('audit.from')} extra={t('audit.dateHelp')}>
        <Input type="date" data-testid="audit-filter-from" />
      </Form.Item>
      <Form.Item name="to" label={t('audit.to')}>
        <Input type="date" data-testid="audit-filter-to" />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" data-testid="audit-filter-apply">
          {t('audit.apply')}
        </Button>{' '}
        <Button
          onClick={() => {
            form.resetFields();
            onApply({});
          }}
        >
          {t('audit.clear')}
        </Button>
      </Form.Item>
    </Form>
  );
}

function VerifyChain() {
  const { t } = useTranslation();
  const [result, setResult] = useState<AuditVerification | null>(null);
  const check = useAction(async () => setResult(await verifyAuditChain()));
  const verify = () => void check.run();

  return (
    <div className="verify-chain">
      <Button
        icon={<SafetyCertificateOutlined aria-hidden />}
        onClick={verify}
        loading={check.busy}
        data-testid="audit-verify"
      >
        {t('audit.verify')}
      </Button>
      {check.error !== null && <ErrorAlert error={check.error} />}
      {result && (
        <Alert
          role="status"
          type={result.ok ? 'success' : 'error'}
          showIcon
          title={
            result.ok
              ? t('audit.verifyOk', { n: result.checked })
              : t('audit.verifyBroken', { seq: result.firstBrokenSeq ?? '?' })
          }
          description={result.ok ? undefined : result.reason}
        />
      )}
    </div>
  );
}
