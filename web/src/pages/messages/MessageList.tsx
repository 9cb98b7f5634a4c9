import { RedoOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, List, Popconfirm, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  listMessages,
  resendMessage,
  type MessageOwner,
  type MessageView,
} from '../../api/messages';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatChinaDateTime } from '../../lib/china-time';
import { randomUuid } from '../../lib/idempotency';
import { useKeyedAction } from '../../lib/use-action';
import { useAsync } from '../../lib/use-async';
import { channelLabel, statusColor, statusLabel, templateLabel } from './message-labels';

/**
 * X-5 (issue #15 point 5): the messages of a case or a person, newest first, with their states;
 * "resend" only where the server says the message may be resent (`resendable`).
 */
export function MessageList({ owner, id }: { owner: MessageOwner; id: string }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const messages = useAsync((signal) => listMessages(owner, id, signal), `${owner}|${id}`);
  const resend = useKeyedAction(async (m: MessageView) => {
    await resendMessage(owner, id, m.id, randomUuid());
    void message.success(t('messages.list.resent'));
    messages.reload();
  });
  const at = (iso: string) => formatChinaDateTime(iso, i18n.language);

  return (
    <Card title={<h2>{t('messages.list.title')}</h2>} data-testid={`${owner}-messages`}>
      {messages.status === 'error' && (
        <ErrorAlert error={messages.error} onRetry={messages.reload} />
      )}
      {resend.error !== null && <ErrorAlert error={resend.error} />}
      <List<MessageView>
        loading={messages.status === 'loading'}
        dataSource={messages.data ?? []}
        locale={{ emptyText: <Empty description={t('messages.list.empty')} /> }}
        renderItem={(m) => (
          <List.Item
            data-testid={`message-${m.id}`}
            data-status={m.status}
            actions={
              m.resendable
                ? [
                    <Popconfirm
                      key="resend"
                      title={t('messages.list.resendConfirm')}
                      okText={t('messages.list.resend')}
                      cancelText={t('messages.list.cancel')}
                      okButtonProps={{ 'data-testid': 'message-resend-confirm' }}
                      onConfirm={() => void resend.run(m.id, m)}
                    >
                      <Button
                        icon={<RedoOutlined aria-hidden />}
                        loading={resend.isBusy(m.id)}
                        data-testid={`message-resend-${m.id}`}
                      >
                        {t('messages.list.resend')}
                      </Button>
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={
                <Space wrap size={4}>
                  <Tag>{channelLabel(t, m.channel)}</Tag>
                  <span>{templateLabel(t, m.template)}</span>
                  <Tag color={statusColor(m.status)} data-testid="message-status">
                    {statusLabel(t, m.status)}
                  </Tag>
                  {m.fallbackOf && <Tag>{t('messages.list.fallback')}</Tag>}
                  {m.resentOf && <Tag>{t('messages.list.isResend')}</Tag>}
                  {m.demo && <Tag>{t('messages.list.demo')}</Tag>}
                </Space>
              }
              description={
                <Space direction="vertical" size={0}>
                  <span>
                    {t('messages.list.recipient')}: <span className="mono">{m.recipient}</span>
                  </span>
                  <span>
                    {t('messages.list.createdAt')}: {at(m.createdAt)}
                    {m.sentAt && ` · ${t('messages.list.sentAt')}: ${at(m.sentAt)}`}
                    {` · ${t('messages.list.attempts')}: ${m.attempts}`}
                  </span>
                  {m.status === 'queued' && m.attempts > 0 && (
                    <span>{t('messages.list.nextAttempt', { at: at(m.nextAttemptAt) })}</span>
                  )}
                  {m.lastError && (
                    <Typography.Text type="danger">
                      {t('messages.list.error')}: {m.lastError}
                    </Typography.Text>
                  )}
                </Space>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
