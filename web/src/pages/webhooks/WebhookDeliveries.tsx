import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { pageWebhookDeliveries, type WebhookDelivery } from '../../api/webhooks';
import { CursorPager } from '../../components/CursorPager';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatChinaDateTime } from '../../lib/china-time';
import { useAsync } from '../../lib/use-async';
import { useCursorPages } from '../../lib/use-cursor-pages';
import { eventLabel, statusColor, statusLabel } from '../messages/message-labels';

const PAGE = 20;

/**
 * One receiver's delivery log, newest first, a page at a time by cursor (issue #16 p5) with the
 * total; a new `version` (e.g. after the test button) starts again at page one.
 */
export function WebhookDeliveries({
  subscriber,
  version,
}: {
  subscriber: { id: string; name: string };
  version: number;
}) {
  return <DeliveryLog key={`${subscriber.id}|${version}`} subscriber={subscriber} />;
}

function DeliveryLog({ subscriber }: { subscriber: { id: string; name: string } }) {
  const { t, i18n } = useTranslation();
  const pages = useCursorPages();
  const log = useAsync(
    (signal) => pageWebhookDeliveries(subscriber.id, { limit: PAGE, after: pages.after }, signal),
    `${subscriber.id}|${pages.after ?? ''}`,
  );
  const at = (iso: string | null) => (iso ? formatChinaDateTime(iso, i18n.language) : '—');
  return (
    <Card
      title={
        <h2 className="webhook-log-title">
          {t('messages.webhooks.logOf', { name: subscriber.name })}
        </h2>
      }
      data-testid="webhook-log"
    >
      <Button
        icon={<ReloadOutlined aria-hidden />}
        onClick={log.reload}
        data-testid="webhook-log-refresh"
        className="webhook-log-refresh"
      >
        {t('messages.webhooks.refresh')}
      </Button>
      {log.status === 'error' && <ErrorAlert error={log.error} onRetry={log.reload} />}
      <Table<WebhookDelivery>
        rowKey="id"
        size="middle"
        loading={log.status === 'loading'}
        dataSource={log.data?.items ?? []}
        pagination={false}
        scroll={{ x: 640 }}
        locale={{ emptyText: <Empty description={t('messages.webhooks.emptyLog')} /> }}
        onRow={(d) => ({ 'data-testid': `delivery-${d.event}`, 'data-status': d.status }) as object}
        columns={[
          {
            title: t('messages.webhooks.event'),
            dataIndex: 'event',
            render: (v: string) => eventLabel(t, v),
          },
          {
            title: t('messages.list.status'),
            dataIndex: 'status',
            render: (v: string) => <Tag color={statusColor(v)}>{statusLabel(t, v)}</Tag>,
          },
          { title: t('messages.webhooks.attempts'), dataIndex: 'attempts' },
          { title: t('messages.list.createdAt'), dataIndex: 'createdAt', render: at },
          { title: t('messages.webhooks.sentAt'), dataIndex: 'sentAt', render: at },
          {
            title: t('messages.webhooks.error'),
            dataIndex: 'lastError',
            render: (v: string | null) => v ?? '—',
          },
        ]}
      />
      {log.data && (
        <CursorPager
          page={pages.page}
          nextCursor={log.data.nextCursor}
          total={log.data.total}
          totalExact={log.data.totalExact}
          onNext={pages.next}
          onPrevious={pages.previous}
          testId="webhook-log-pager"
        />
      )}
    </Card>
  );
}
