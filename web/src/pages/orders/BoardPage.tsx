import { App, Button, Input, Modal, Segmented, Table, Tabs, Tag, type TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import {
  acceptNeed,
  mergeNeeds,
  pageNeeds,
  pageOrders,
  ORDER_STATES,
  rejectNeed,
  type Need,
  type Order,
  type OrderState,
} from '../../api/orders';
import { CursorPager } from '../../components/CursorPager';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ExportButton } from '../../components/ExportButton';
import { PageHeading } from '../../components/PageHeading';
import { errorText } from '../../lib/errors';
import { useKeyedAction } from '../../lib/use-action';
import { useAsync } from '../../lib/use-async';
import { useCursorPages } from '../../lib/use-cursor-pages';
import { OrderDrawer } from './OrderDrawer';
import { StateTag, when, windowText } from './order-format';
import './orders.css';

const PAGE_SIZE = 20;

/** One state's orders by cursor (issue #16 p5); keyed by the state, so a new one starts at page one. */
function OrderList({
  state,
  columns,
  generation,
}: {
  state: OrderState | undefined;
  columns: TableProps<Order>['columns'];
  generation: number;
}) {
  const { t } = useTranslation();
  const pages = useCursorPages();
  const orders = useAsync(
    (signal) => pageOrders({ state, limit: PAGE_SIZE, after: pages.after }, signal),
    `orders:${state ?? ''}:${pages.after ?? ''}:${generation}`,
  );
  return (
    <>
      {orders.status === 'error' && <ErrorAlert error={orders.error} onRetry={orders.reload} />}
      <Table
        rowKey="id"
        size="middle"
        loading={orders.status === 'loading'}
        dataSource={orders.data?.items ?? []}
        columns={columns}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: t('orders.board.noOrders') }}
      />
      {orders.data && (
        <CursorPager
          page={pages.page}
          nextCursor={orders.data.nextCursor}
          total={orders.data.total}
          totalExact={orders.data.totalExact}
          onNext={pages.next}
          onPrevious={pages.previous}
          testId="orders-pager"
        />
      )}
    </>
  );
}

/** The centre board (VS-4/VS-5): review and merge needs; dispatch, open, reassign and cancel orders. */
export default function BoardPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [tab, setTab] = useState<'needs' | 'orders'>('needs');
  const [state, setState] = useState<OrderState | 'all'>('all');
  const needPages = useCursorPages();
  const [generation, setGeneration] = useState(0);
  const needs = useAsync(
    (signal) =>
      pageNeeds({ status: 'submitted', limit: PAGE_SIZE, after: needPages.after }, signal),
    `needs:${needPages.after ?? ''}:${generation}`,
  );
  const [selected, setSelected] = useState<string[]>([]);
  const [rejecting, setRejecting] = useState<Need | null>(null);
  const [merging, setMerging] = useState(false);
  const [text, setText] = useState('');
  const [open, setOpen] = useState<string | null>(null);

  const refresh = () => setGeneration((g) => g + 1);
  const action = useKeyedAction(async (work: () => Promise<unknown>, then?: () => void) => {
    try {
      await work();
      void message.success(t('orders.board.done'));
      setSelected([]);
      refresh();
      then?.();
    } catch (e) {
      void message.error(errorText(t, e));
    }
  });
  const run = (key: string, work: () => Promise<unknown>, then?: () => void) =>
    void action.run(key, work, then);

  const needColumns = [
    { title: t('orders.fields.number'), dataIndex: 'needNumber', key: 'n', width: 150 },
    {
      title: t('orders.fields.category'),
      key: 'cat',
      width: 110,
      render: (_: unknown, n: Need) => n.projectName ?? n.categoryName ?? n.categoryCode,
    },
    { title: t('orders.fields.description'), dataIndex: 'description', key: 'd', width: 260 },
    {
      title: t('orders.fields.place'),
      key: 'p',
      render: (_: unknown, n: Need) => `${n.regionName ?? ''} ${n.place}`,
    },
    {
      title: t('orders.fields.wanted'),
      key: 'w',
      render: (_: unknown, n: Need) => windowText(n.wantedFrom, n.wantedTo),
    },
    {
      title: t('orders.fields.contact'),
      key: 'c',
      render: (_: unknown, n: Need) => (
        <>
          {n.contactName} {n.contactPhoneMasked} <Tag>{t(`orders.channel.${n.channel}`)}</Tag>
          {n.toCallBack && <Tag color="orange">{t('orders.board.toCallBack')}</Tag>}
        </>
      ),
    },
    {
      title: '',
      key: 'act',
      render: (_: unknown, n: Need) => (
        <div className="orders-actions">
          {n.availableActions.includes('accept') && (
            <Button
              type="primary"
              data-testid="need-accept"
              loading={action.isBusy(`accept:${n.id}`)}
              onClick={() => run(`accept:${n.id}`, () => acceptNeed(n.id))}
            >
              {t('orders.board.accept')}
            </Button>
          )}
          {n.availableActions.includes('reject') && (
            <Button danger onClick={() => (setText(''), setRejecting(n))}>
              {t('orders.board.reject')}
            </Button>
          )}
        </div>
      ),
    },
  ];
  const orderColumns = [
    { title: t('orders.fields.number'), dataIndex: 'orderNumber', key: 'n', width: 150 },
    { title: t('orders.fields.title'), dataIndex: 'title', key: 't' },
    {
      title: t('orders.fields.state'),
      key: 's',
      render: (_: unknown, o: Order) => <StateTag t={t} state={o.state} />,
    },
    {
      title: t('orders.fields.category'),
      key: 'c',
      render: (_: unknown, o: Order) => o.categoryName ?? o.categoryCode,
    },
    {
      title: t('orders.fields.team'),
      key: 'team',
      render: (_: unknown, o: Order) => (o.team ?? o.directedTeam)?.name ?? '',
    },
    {
      title: t('orders.fields.needs'),
      key: 'needs',
      render: (_: unknown, o: Order) => (
        <>
          {o.needCount}
          {o.toCallBack > 0 && (
            <Tag color="orange" style={{ marginLeft: 6 }}>
              {t('orders.board.callBackCount', { n: o.toCallBack })}
            </Tag>
          )}
        </>
      ),
    },
    {
      title: t('orders.fields.window'),
      key: 'w',
      render: (_: unknown, o: Order) => when(o.windowEndsAt),
    },
    {
      title: '',
      key: 'open',
      render: (_: unknown, o: Order) => (
        <Button onClick={() => setOpen(o.id)} data-testid="open-order">
          {t('orders.board.details')}
        </Button>
      ),
    },
  ];

  return (
    <div className="page">
      <PageHeading
        title={t('orders.board.title')}
        subtitle={t('orders.board.subtitle')}
        extra={
          <Link to="/vs/order">
            <Button size="large">{t('orders.order.onBehalf')}</Button>
          </Link>
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as 'needs' | 'orders')}
        items={[
          {
            key: 'needs',
            label: `${t('orders.board.tabNeeds')}${needs.data ? `（${needs.data.total}）` : ''}`,
            children: (
              <>
                {needs.status === 'error' && (
                  <ErrorAlert error={needs.error} onRetry={needs.reload} />
                )}
                <div className="orders-actions" style={{ marginBottom: 12 }}>
                  <Button
                    size="large"
                    type="primary"
                    disabled={selected.length < 2}
                    onClick={() => (setText(''), setMerging(true))}
                    data-testid="merge"
                  >
                    {t('orders.board.merge', { n: selected.length })}
                  </Button>
                  <span className="page-subtitle">{t('orders.board.mergeRule')}</span>
                  <ExportButton
                    listPath="/vs/needs"
                    filters={{ status: 'submitted' }}
                    testId="export-needs"
                  />
                </div>
                <Table
                  rowKey="id"
                  size="middle"
                  loading={needs.status === 'loading'}
                  dataSource={needs.data?.items ?? []}
                  columns={needColumns}
                  rowSelection={{
                    selectedRowKeys: selected,
                    onChange: (keys) => setSelected(keys as string[]),
                    getCheckboxProps: (n: Need) => ({
                      disabled: !n.availableActions.includes('merge'),
                    }),
                  }}
                  pagination={false}
                  // No scroll.x: antd then draws a hidden measuring row holding a second
                  // select-all checkbox (focusable inside aria-hidden); .table-scroll scrolls.
                  className="table-scroll"
                  locale={{ emptyText: t('orders.board.noNeeds') }}
                />
                {needs.data && (
                  <CursorPager
                    page={needPages.page}
                    nextCursor={needs.data.nextCursor}
                    total={needs.data.total}
                    totalExact={needs.data.totalExact}
                    onNext={(c) => (setSelected([]), needPages.next(c))}
                    onPrevious={() => (setSelected([]), needPages.previous())}
                    testId="needs-pager"
                  />
                )}
              </>
            ),
          },
          {
            key: 'orders',
            label: t('orders.board.tabOrders'),
            children: (
              <>
                <Segmented
                  size="large"
                  value={state}
                  onChange={(v) => setState(v as OrderState | 'all')}
                  options={[
                    { value: 'all', label: t('orders.board.all') },
                    ...ORDER_STATES.map((s) => ({ value: s, label: t(`orders.state.${s}`) })),
                  ]}
                  style={{ marginBottom: 12, flexWrap: 'wrap' }}
                />
                <div className="orders-actions" style={{ marginBottom: 12 }}>
                  <ExportButton
                    listPath="/vs/orders"
                    filters={{ state: state === 'all' ? undefined : state }}
                    testId="export-orders"
                  />
                </div>
                <OrderList
                  key={state}
                  state={state === 'all' ? undefined : state}
                  columns={orderColumns}
                  generation={generation}
                />
              </>
            ),
          },
        ]}
      />
      {open && <OrderDrawer id={open} onClose={() => setOpen(null)} onChanged={refresh} />}
      <Modal
        open={rejecting !== null}
        title={t('orders.board.reject')}
        okText={t('orders.confirm')}
        cancelText={t('orders.close')}
        okButtonProps={{ danger: true, disabled: !text.trim() }}
        onCancel={() => setRejecting(null)}
        onOk={() => {
          const n = rejecting!;
          setRejecting(null);
          run(`reject:${n.id}`, () => rejectNeed(n.id, text.trim()));
        }}
      >
        <p>{t('orders.board.rejectReason')}</p>
        <Input.TextArea
          rows={3}
          maxLength={500}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </Modal>
      <Modal
        open={merging}
        title={t('orders.board.mergeTitle', { n: selected.length })}
        okText={t('orders.confirm')}
        cancelText={t('orders.close')}
        okButtonProps={{ disabled: !text.trim() }}
        onCancel={() => setMerging(false)}
        onOk={() => {
          setMerging(false);
          run(
            'merge',
            () => mergeNeeds(selected, text.trim()),
            () => setTab('orders'),
          );
        }}
      >
        <p>{t('orders.board.mergeName')}</p>
        <Input
          size="large"
          maxLength={200}
          value={text}
          onChange={(e) => setText(e.target.value)}
          data-testid="merge-title"
        />
      </Modal>
    </div>
  );
}
