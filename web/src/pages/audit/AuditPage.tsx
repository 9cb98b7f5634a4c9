import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchAuditEvents, verifyAuditChain } from '../../api/audit';
import type { AuditEvent, AuditVerification } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeading } from '../../components/PageHeading';
import { capabilitiesOf } from '../../lib/roles';
import { useAsync } from '../../lib/use-async';
import { useMe } from '../../session/session-context';
import { actionLabel, roleName } from './audit-labels';

const PAGE_SIZE = 50;

/** The audit log, newest first, and (for administrators) a check of the whole hash chain. */
export default function AuditPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const caps = useMemo(() => capabilitiesOf(me), [me]);
  const [older, setOlder] = useState<AuditEvent[]>([]);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);
  const [exhausted, setExhausted] = useState(false);
  const first = useAsync(() => fetchAuditEvents({ limit: PAGE_SIZE }), 'first');
  const events = [...(first.data ?? []), ...older];

  const loadMore = () => {
    const last = events[events.length - 1];
    if (!last) return;
    setLoadingMore(true);
    setMoreError(null);
    fetchAuditEvents({ limit: PAGE_SIZE, beforeSeq: last.seq })
      .then((page) => {
        setOlder((o) => [...o, ...page]);
        if (page.length < PAGE_SIZE) setExhausted(true);
      })
      .catch(setMoreError)
      .finally(() => setLoadingMore(false));
  };

  return (
    <div className="page audit-page">
      <PageHeading title={t('audit.title')} subtitle={t('audit.subtitle')} />
      {caps.verifyAudit && <VerifyChain />}
      {first.status === 'error' && <ErrorAlert error={first.error} onRetry={first.reload} />}
      <Table<AuditEvent>
        className="audit-table"
        data-testid="audit-table"
        rowKey="seq"
        size="middle"
        loading={first.status === 'loading'}
        dataSource={events}
        pagination={false}
        scroll={{ x: 720 }}
        columns={[
          { title: t('audit.seq'), dataIndex: 'seq', width: 80 },
          {
            title: t('audit.time'),
            dataIndex: 'occurredAt',
            width: 200,
            render: (v: string) => new Date(v).toLocaleString(i18n.language),
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
              <span className="mono">
                {e.entityType} {e.entityId.slice(0, 8)}
              </span>
            ),
          },
        ]}
      />
      {first.status === 'success' && (first.data?.length ?? 0) >= PAGE_SIZE && !exhausted && (
        <div className="load-more">
          {moreError !== null && <ErrorAlert error={moreError} />}
          <Button onClick={loadMore} loading={loadingMore}>
            {t('audit.loadMore')}
          </Button>
        </div>
      )}
    </div>
  );
}

function VerifyChain() {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<AuditVerification | null>(null);
  const [error, setError] = useState<unknown>(null);

  const verify = () => {
    setBusy(true);
    setError(null);
    verifyAuditChain()
      .then(setResult)
      .catch(setError)
      .finally(() => setBusy(false));
  };

  return (
    <div className="verify-chain">
      <Button
        icon={<SafetyCertificateOutlined aria-hidden />}
        onClick={verify}
        loading={busy}
        data-testid="audit-verify"
      >
        {t('audit.verify')}
      </Button>
      {error !== null && <ErrorAlert error={error} />}
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
