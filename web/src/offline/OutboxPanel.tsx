import { CloudUploadOutlined, DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Card, Form, Input, List, Modal, Popconfirm, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutboxItem, OutboxKind } from './outbox';
import { shellOffline } from './service-worker';
import { useOnline, useOutbox } from './use-outbox';
import './offline.css';

/** The body fields a clerk may correct after a refusal; a case is filed again instead. */
type EditableField = 'callerDescription' | 'question' | 'answer';
const EDITABLE: Record<OutboxKind, readonly EditableField[]> = {
  case: [],
  inquiry: ['callerDescription', 'question', 'answer'],
  rating: [],
  checkin: [],
};

const chinaTime = (iso: string, language: string) =>
  new Intl.DateTimeFormat(language, {
    timeZone: 'Asia/Shanghai',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso));

function stringFields(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof body === 'object' && body !== null) {
    for (const [k, v] of Object.entries(body)) if (typeof v === 'string') out[k] = v;
  }
  return out;
}

function EditDialog({
  item,
  onSave,
  onClose,
}: {
  item: OutboxItem;
  onSave: (body: unknown, label: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const fields = EDITABLE[item.kind];
  const [values, setValues] = useState(() => stringFields(item.body));
  return (
    <Modal
      open
      title={t('offline.editTitle')}
      okText={t('offline.editSave')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => {
        const body = { ...(item.body as Record<string, unknown>) };
        for (const f of fields) {
          const v = (values[f] ?? '').trim();
          if (v) body[f] = v;
          else delete body[f];
        }
        onSave(body, values.question?.trim() || item.label);
      }}
    >
      <Form layout="vertical">
        {fields.map((f) => (
          <Form.Item key={f} label={t(`offline.field.${f}`)} htmlFor={`outbox-edit-${f}`}>
            <Input.TextArea
              id={`outbox-edit-${f}`}
              data-testid={`outbox-edit-${f}`}
              autoSize={{ minRows: 1, maxRows: 6 }}
              value={values[f] ?? ''}
              onChange={(e) => setValues({ ...values, [f]: e.target.value })}
            />
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}

function ItemRow({ item, onEdit }: { item: OutboxItem; onEdit: () => void }) {
  const { t, i18n } = useTranslation();
  const { outbox } = useOutbox();
  const refused = item.state === 'refused';
  return (
    <List.Item
      data-testid="outbox-item"
      data-state={item.state}
      actions={
        refused
          ? [
              ...(EDITABLE[item.kind].length > 0
                ? [
                    <Button
                      key="edit"
                      size="small"
                      icon={<EditOutlined aria-hidden />}
                      onClick={onEdit}
                      data-testid="outbox-edit"
                    >
                      {t('offline.edit')}
                    </Button>,
                  ]
                : []),
              <Popconfirm
                key="discard"
                title={t('offline.discardConfirm')}
                okText={t('offline.discard')}
                cancelText={t('common.cancel')}
                onConfirm={() => void outbox.discard(item.idempotencyKey)}
              >
                <Button
                  size="small"
                  danger
                  icon={<DeleteOutlined aria-hidden />}
                  data-testid="outbox-discard"
                >
                  {t('offline.discard')}
                </Button>
              </Popconfirm>,
            ]
          : []
      }
    >
      <List.Item.Meta
        title={
          <span className="outbox-item-title">
            <Tag>{t(`offline.kind.${item.kind}`)}</Tag>
            <span>{item.label}</span>
          </span>
        }
        description={
          <>
            <span>{t('offline.queuedAt', { time: chinaTime(item.queuedAt, i18n.language) })}</span>{' '}
            <Tag color={refused ? 'error' : 'processing'} data-testid="outbox-item-state">
              {t(`offline.state.${item.state}`)}
            </Tag>
            {refused && item.refusal && (
              <span className="outbox-refusal" role="alert">
                {item.refusal.title || item.refusal.code}
                {item.refusal.detail ? ` — ${item.refusal.detail}` : ''}
              </span>
            )}
          </>
        }
      />
    </List.Item>
  );
}

/**
 * 待发送: what the clerk filed during a network cut, each with its time and state, and what the
 * page can do offline. Shown while anything waits or the network is down. `help`: what the
 * window can do offline, or what a volunteer's or resident's phone can (ratings, check-ins).
 */
export function OutboxPanel({ help = 'window' }: { help?: 'window' | 'phone' } = {}) {
  const { t } = useTranslation();
  const { outbox, items, persistent } = useOutbox();
  const online = useOnline();
  const [editing, setEditing] = useState<OutboxItem | null>(null);
  if (items.length === 0 && online) return null;
  const waiting = items.filter((i) => i.state !== 'refused').length;
  const shell = shellOffline();
  return (
    <Card
      className="outbox-panel"
      data-testid="outbox-panel"
      title={
        <h2 className="outbox-title">
          <Badge count={items.length} showZero color={waiting > 0 ? '#ad4e00' : '#595959'}>
            <CloudUploadOutlined aria-hidden className="outbox-icon" />
          </Badge>
          <span>{t('offline.title')}</span>
        </h2>
      }
      extra={
        items.length > 0 && (
          <Button data-testid="outbox-send-now" onClick={() => void outbox.flush()}>
            {t('offline.sendNow')}
          </Button>
        )
      }
    >
      {!online && (
        <Alert
          type="warning"
          showIcon
          data-testid="outbox-offline"
          title={t('offline.offlineTitle')}
          description={t(help === 'phone' ? 'offline.offlineHelpPhone' : 'offline.offlineHelp')}
        />
      )}
      {!persistent && <p className="muted">{t('offline.notPersistent')}</p>}
      {shell === 'unavailable' && (
        <p className="muted" data-testid="outbox-no-sw">
          {t('offline.noServiceWorker')}
        </p>
      )}
      {items.length > 0 && (
        <List
          size="small"
          dataSource={items}
          rowKey={(i) => i.idempotencyKey}
          renderItem={(item) => <ItemRow item={item} onEdit={() => setEditing(item)} />}
        />
      )}
      {editing && (
        <EditDialog
          item={editing}
          onClose={() => setEditing(null)}
          onSave={(body, label) => {
            void outbox.edit(editing.idempotencyKey, body, label);
            setEditing(null);
          }}
        />
      )}
    </Card>
  );
}
