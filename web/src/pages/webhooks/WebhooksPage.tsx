import { SendOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  listWebhookSubscribers,
  revokeWebhookSubscriber,
  testWebhookSubscriber,
  type WebhookSubscriber,
} from '../../api/webhooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeading } from '../../components/PageHeading';
import { formatChinaDateTime } from '../../lib/china-time';
import { randomUuid } from '../../lib/idempotency';
import { useKeyedAction } from '../../lib/use-action';
import { useAsync } from '../../lib/use-async';
import { eventLabel } from '../messages/message-labels';
import { WebhookDeliveries } from './WebhookDeliveries';
import { WebhookForm } from './WebhookForm';
import './webhooks.css';
import '../accounts/accounts.css';

/**
 * Issue #15: webhook receivers for administrators — register one (the signing secret is
 * shown once), the test button, the delivery log, revoke (final).
 */
export default function WebhooksPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const subscribers = useAsync((signal) => listWebhookSubscribers(signal), 'subscribers');
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const [shown, setShown] = useState<{ id: string; name: string } | null>(null);
  const [logVersion, setLogVersion] = useState(0);
  const test = useKeyedAction(async (s: WebhookSubscriber) => {
    await testWebhookSubscriber(s.id, randomUuid());
    void message.success(t('messages.webhooks.tested'));
    setShown({ id: s.id, name: s.name });
    setLogVersion((v) => v + 1);
  });
  const revoke = useKeyedAction(async (s: WebhookSubscriber) => {
    await revokeWebhookSubscriber(s.id, randomUuid());
    void message.success(t('messages.webhooks.revoked', { name: s.name }));
    subscribers.reload();
  });

  return (
    <div className="page webhooks-page" data-testid="webhooks-page">
      <PageHeading
        title={t('messages.webhooks.title')}
        subtitle={t('messages.webhooks.subtitle')}
      />
      <WebhookForm
        onCreated={(name, secret) => {
          setCreated({ name, secret });
          subscribers.reload();
        }}
      />
      {subscribers.status === 'error' && (
        <ErrorAlert error={subscribers.error} onRetry={subscribers.reload} />
      )}
      {test.error !== null && <ErrorAlert error={test.error} />}
      {revoke.error !== null && <ErrorAlert error={revoke.error} />}
      <Table<WebhookSubscriber>
        rowKey="id"
        size="middle"
        data-testid="webhooks-table"
        loading={subscribers.status === 'loading'}
        dataSource={subscribers.data ?? []}
        pagination={false}
        scroll={{ x: 820 }}
        locale={{ emptyText: t('messages.webhooks.empty') }}
        columns={[
          {
            title: t('messages.webhooks.name'),
            key: 'name',
            render: (_: unknown, s) => (
              <div data-testid={`webhook-${s.name}`}>
                <div>{s.name}</div>
                <Typography.Text type="secondary" className="mono">
                  {s.url}
                </Typography.Text>
              </div>
            ),
          },
          {
            title: t('messages.webhooks.events'),
            key: 'events',
            render: (_: unknown, s) => (
              <Space wrap size={4}>
                {s.events.map((e) => (
                  <Tag key={e}>{eventLabel(t, e)}</Tag>
                ))}
              </Space>
            ),
          },
          {
            title: t('messages.webhooks.secretHint'),
            dataIndex: 'secretHint',
            render: (v: string) => <code className="mono">{v}…</code>,
          },
          {
            title: t('messages.webhooks.status'),
            key: 'status',
            render: (_: unknown, s) =>
              s.revokedAt ? (
                <Tag data-testid={`webhook-status-${s.name}`} data-status="revoked">
                  {t('messages.webhooks.revokedAt', {
                    at: formatChinaDateTime(s.revokedAt, i18n.language),
                  })}
                </Tag>
              ) : (
                <Tag color="success" data-testid={`webhook-status-${s.name}`} data-status="active">
                  {t('messages.webhooks.active')}
                </Tag>
              ),
          },
          {
            title: '',
            key: 'actions',
            render: (_: unknown, s) => (
              <Space wrap>
                {!s.revokedAt && (
                  <Button
                    icon={<SendOutlined aria-hidden />}
                    loading={test.isBusy(s.id)}
                    onClick={() => void test.run(s.id, s)}
                    data-testid={`webhook-test-${s.name}`}
                  >
                    {t('messages.webhooks.test')}
                  </Button>
                )}
                <Button
                  icon={<UnorderedListOutlined aria-hidden />}
                  onClick={() => setShown({ id: s.id, name: s.name })}
                  data-testid={`webhook-log-${s.name}`}
                >
                  {t('messages.webhooks.log')}
                </Button>
                {!s.revokedAt && (
                  <Popconfirm
                    title={t('messages.webhooks.revokeConfirm', { name: s.name })}
                    okText={t('messages.webhooks.revoke')}
                    cancelText={t('messages.webhooks.cancel')}
                    okButtonProps={{ danger: true, 'data-testid': 'webhook-revoke-confirm' }}
                    onConfirm={() => void revoke.run(s.id, s)}
                  >
                    <Button
                      danger
                      loading={revoke.isBusy(s.id)}
                      data-testid={`webhook-revoke-${s.name}`}
                    >
                      {t('messages.webhooks.revoke')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      {shown && <WebhookDeliveries subscriber={shown} version={logVersion} />}
      <Modal
        open={created !== null}
        title={t('messages.webhooks.secretTitle', { name: created?.name ?? '' })}
        onOk={() => setCreated(null)}
        onCancel={() => setCreated(null)}
        okText={t('messages.webhooks.done')}
        cancelButtonProps={{ style: { display: 'none' } }}
      >
        <Alert type="warning" showIcon title={t('messages.webhooks.secretOnce')} />
        <Typography.Paragraph className="one-time-password" copyable data-testid="webhook-secret">
          {created?.secret}
        </Typography.Paragraph>
      </Modal>
    </div>
  );
}
