import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { listWebhookDeliveries, type WebhookDelivery } from '../../api/webhooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatChinaDateTime } from '../../lib/china-time';
import { useAsync } from '../../lib/use-async';
import { eventLabel, statusColor, statusLabel } from '../messages/message-labels';

/** One receiver's delivery log, newest first (`version` reloads it, e.g. after the test button). */
export function WebhookDeliveries({
  subscriber,
  version,
}: {
  subscriber: { id: string; name: string };
  version: number;
}) {
  const { t, i18n } = useTranslation();
  const log = useAsync(
    (signal) => listWebhookDeliveries(subscriber.id, signal),
    `${subscriber.id}|${version}`,
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
        dataSource={log.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
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
    </Card>
  );
}
