import { App, Button, Descriptions, Drawer, Input, Modal, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  cancelOrder,
  completeOrder,
  directOrder,
  getOrder,
  openOrder,
  reassignOrder,
  suggestions,
  type OrderDetail,
  type Suggestion,
} from '../../api/orders';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageSpinner } from '../../components/FullPageSpinner';
import { errorText } from '../../lib/errors';
import { useKeyedAction } from '../../lib/use-action';
import { useAsync } from '../../lib/use-async';
import { StateTag, Timeline, when, windowText } from './order-format';

/** One order on the centre board: needs (call-back flags), timeline, ranked teams and actions. */
export function OrderDrawer({
  id,
  onClose,
  onChanged,
}: {
  id: string;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const detail = useAsync((signal) => getOrder(id, signal), id);
  const d = detail.data;
  const sug = useAsync(
    (signal) =>
      d?.availableActions.includes('direct') || d?.availableActions.includes('reassign')
        ? suggestions(id, signal)
        : Promise.resolve(null),
    `${id}:${d?.state ?? ''}`,
  );
  const [ask, setAsk] = useState<null | 'cancel' | 'reassign'>(null);
  const [text, setText] = useState('');
  const [reassignTo, setReassignTo] = useState<string | undefined>(undefined);

  const action = useKeyedAction(async (work: () => Promise<OrderDetail>) => {
    try {
      await work();
      void message.success(t('orders.board.done'));
      detail.reload();
      onChanged();
    } catch (e) {
      void message.error(errorText(t, e));
    }
  });
  const run = (key: string, work: () => Promise<OrderDetail>) => void action.run(key, work);

  const columns = [
    { title: t('orders.board.team'), dataIndex: 'teamName', key: 'team' },
    { title: t('orders.board.total'), dataIndex: 'total', key: 'total', className: 'orders-score' },
    {
      title: t('orders.board.category'),
      dataIndex: 'category',
      key: 'category',
      className: 'orders-score',
    },
    {
      title: t('orders.board.distance'),
      key: 'distance',
      className: 'orders-score',
      render: (_: unknown, s: Suggestion) =>
        `${s.distance}（${t('orders.board.steps', { n: s.steps })}）`,
    },
    {
      title: t('orders.board.load'),
      key: 'load',
      className: 'orders-score',
      render: (_: unknown, s: Suggestion) =>
        `${s.load}（${t('orders.board.held', { n: s.currentLoad })}）`,
    },
    {
      title: '',
      key: 'go',
      render: (_: unknown, s: Suggestion) =>
        d?.availableActions.includes('direct') ? (
          <Button
            type="primary"
            data-testid="direct-team"
            loading={action.isBusy(`direct:${s.teamId}`)}
            onClick={() => run(`direct:${s.teamId}`, () => directOrder(id, s.teamId))}
          >
            {t('orders.board.direct')}
          </Button>
        ) : d?.availableActions.includes('reassign') ? (
          <Button
            onClick={() => {
              setReassignTo(s.teamId);
              setText('');
              setAsk('reassign');
            }}
          >
            {t('orders.board.reassignTo')}
          </Button>
        ) : null,
    },
  ];

  return (
    <Drawer
      open
      width={Math.min(760, window.innerWidth)}
      onClose={onClose}
      title={d ? `${d.title}（${d.orderNumber}）` : ''}
    >
      {detail.status === 'error' && <ErrorAlert error={detail.error} onRetry={detail.reload} />}
      {!d && detail.status === 'loading' && <PageSpinner />}
      {d && (
        <>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('orders.fields.state')}>
              <StateTag t={t} state={d.state} />
              {d.escalationLevel > 0 && (
                <Tag color="red">{t('orders.board.escalated', { n: d.escalationLevel })}</Tag>
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('orders.fields.category')}>
              {d.categoryName ?? d.categoryCode}
            </Descriptions.Item>
            <Descriptions.Item label={t('orders.fields.place')}>
              {d.regionName} · {d.place}
            </Descriptions.Item>
            {windowText(d.wantedFrom, d.wantedTo) && (
              <Descriptions.Item label={t('orders.fields.wanted')}>
                {windowText(d.wantedFrom, d.wantedTo)}
              </Descriptions.Item>
            )}
            {(d.team ?? d.directedTeam) && (
              <Descriptions.Item label={t('orders.fields.team')}>
                {(d.team ?? d.directedTeam)!.name}
              </Descriptions.Item>
            )}
            {d.windowEndsAt && (
              <Descriptions.Item label={t('orders.fields.window')}>
                {when(d.windowEndsAt)}
              </Descriptions.Item>
            )}
            {d.grabRegionCode && (
              <Descriptions.Item label={t('orders.fields.grabRegion')}>
                {d.grabRegionCode}
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('orders.fields.description')}>
              <span style={{ whiteSpace: 'pre-wrap' }}>{d.description}</span>
            </Descriptions.Item>
          </Descriptions>
          <div className="orders-actions" style={{ margin: '12px 0' }}>
            {d.availableActions.includes('open') && (
              <Button
                size="large"
                loading={action.isBusy('open')}
                onClick={() => run('open', () => openOrder(id))}
              >
                {t('orders.board.open')}
              </Button>
            )}
            {d.availableActions.includes('reassign') && (
              <Button
                size="large"
                onClick={() => {
                  setReassignTo(undefined);
                  setText('');
                  setAsk('reassign');
                }}
              >
                {t('orders.board.reassign')}
              </Button>
            )}
            {d.availableActions.includes('complete') && (
              <Button
                size="large"
                loading={action.isBusy('complete')}
                onClick={() => run('complete', () => completeOrder(id))}
              >
                {t('orders.board.complete')}
              </Button>
            )}
            {d.availableActions.includes('cancel') && (
              <Button size="large" danger onClick={() => (setText(''), setAsk('cancel'))}>
                {t('orders.board.cancel')}
              </Button>
            )}
          </div>
          {sug.data && (
            <>
              <h3>{t('orders.board.suggestions')}</h3>
              <p className="page-subtitle">{t('orders.board.formula')}</p>
              <Table
                size="small"
                rowKey="teamId"
                pagination={false}
                dataSource={sug.data.teams}
                columns={columns}
                scroll={{ x: true }}
                locale={{ emptyText: t('orders.board.noTeams') }}
              />
            </>
          )}
          <h3>{t('orders.board.needs', { n: d.needs.length })}</h3>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={d.needs}
            scroll={{ x: true }}
            columns={[
              { title: t('orders.fields.number'), dataIndex: 'needNumber', key: 'n' },
              {
                title: t('orders.fields.contact'),
                key: 'c',
                render: (_: unknown, n) => `${n.contactName} ${n.contactPhoneMasked}`,
              },
              {
                title: t('orders.fields.channel'),
                key: 'ch',
                render: (_: unknown, n) => t(`orders.channel.${n.channel}`),
              },
              {
                title: '',
                key: 'cb',
                render: (_: unknown, n) =>
                  n.toCallBack ? <Tag color="orange">{t('orders.board.toCallBack')}</Tag> : null,
              },
            ]}
          />
          <h3>{t('orders.board.timeline')}</h3>
          <Timeline t={t} steps={d.timeline} />
        </>
      )}
      <Modal
        open={ask !== null}
        title={ask === 'cancel' ? t('orders.board.cancel') : t('orders.board.reassign')}
        okText={t('orders.confirm')}
        cancelText={t('orders.close')}
        okButtonProps={{ disabled: !text.trim(), loading: action.busy }}
        onCancel={() => setAsk(null)}
        onOk={() => {
          const what = ask;
          setAsk(null);
          if (what === 'cancel') run('cancel', () => cancelOrder(id, text.trim()));
          else run('reassign', () => reassignOrder(id, text.trim(), reassignTo));
        }}
      >
        <p>
          {ask === 'cancel'
            ? t('orders.board.cancelReason')
            : reassignTo
              ? t('orders.board.reassignNoteTeam', {
                  team: sug.data?.teams.find((x) => x.teamId === reassignTo)?.teamName ?? '',
                })
              : t('orders.board.reassignNote')}
        </p>
        <Input.TextArea
          rows={3}
          value={text}
          maxLength={500}
          onChange={(e) => setText(e.target.value)}
        />
      </Modal>
    </Drawer>
  );
}
