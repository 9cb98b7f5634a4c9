import { Alert, Button, Card, Empty, Input, List, Segmented, Select, Space, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  createDevice,
  decideAppeal,
  listDevices,
  pageAppeals,
  pageTickets,
  revokeDevice,
  type NewDevice,
} from '../../api/ratings';
import { fetchMyStations, fetchWindows } from '../../api/appointments';
import { CursorPager } from '../../components/CursorPager';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageSpinner } from '../../components/FullPageSpinner';
import { PageHeading } from '../../components/PageHeading';
import { ExportButton } from '../../components/ExportButton';
import { createIdempotencyKeeper, randomUuid } from '../../lib/idempotency';
import { useAsync } from '../../lib/use-async';
import { useCursorPages } from '../../lib/use-cursor-pages';
import { useAction, useKeyedAction } from '../../lib/use-action';
import { TicketCard } from './TicketCard';

type Tab = 'tickets' | 'appeals' | 'devices';
const PAGE_SIZE = 20;

/** GS-13: rectification tickets (the unit), appeals (supervisor decides) and the window devices. */
export default function RatingTicketsPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('tickets');
  const [open, setOpen] = useState(true);
  return (
    <div className="page">
      <PageHeading
        title={t('ratings.ticketsTitle')}
        subtitle={t('ratings.ticketsSubtitle')}
        extra={
          tab === 'tickets' ? (
            <ExportButton listPath="/ratings/tickets" filters={{ open: String(open) }} />
          ) : tab === 'appeals' ? (
            <ExportButton listPath="/ratings/appeals" />
          ) : null
        }
      />
      <Segmented<Tab>
        value={tab}
        onChange={setTab}
        data-testid="ratings-tabs"
        options={(['tickets', 'appeals', 'devices'] as const).map((v) => ({
          value: v,
          label: t(`ratings.tabs.${v}`),
        }))}
      />
      <div style={{ marginTop: 16 }}>
        {tab === 'tickets' && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Segmented<'open' | 'all'>
              value={open ? 'open' : 'all'}
              onChange={(v) => setOpen(v === 'open')}
              options={[
                { value: 'open', label: t('ratings.openTickets') },
                { value: 'all', label: t('ratings.allTickets') },
              ]}
            />
            <Tickets key={String(open)} open={open} />
          </Space>
        )}
        {tab === 'appeals' && <Appeals />}
        {tab === 'devices' && <Devices />}
      </div>
    </div>
  );
}

/** One selection of tickets (open / all) paged by cursor (issue #16 p5). */
function Tickets({ open }: { open: boolean }) {
  const { t } = useTranslation();
  const pages = useCursorPages();
  const state = useAsync(
    (signal) => pageTickets({ open, limit: PAGE_SIZE, after: pages.after }, signal),
    `${open}|${pages.after ?? ''}`,
  );
  const items = state.data?.items;
  return (
    <>
      {state.status === 'error' && <ErrorAlert error={state.error} onRetry={state.reload} />}
      {state.status === 'loading' && !state.data && <PageSpinner />}
      {items?.length === 0 && <Empty description={t('ratings.noTickets')} />}
      <div data-testid="tickets" data-count={items?.length ?? 0}>
        {items?.map((tk) => (
          <div key={`${tk.id}-${tk.version}`} style={{ marginBottom: 12 }}>
            <TicketCard ticket={tk} onChanged={state.reload} />
          </div>
        ))}
      </div>
      {state.data && (
        <CursorPager
          page={pages.page}
          nextCursor={state.data.nextCursor}
          total={state.data.total}
          totalExact={state.data.totalExact}
          onNext={pages.next}
          onPrevious={pages.previous}
          testId="tickets-pager"
        />
      )}
    </>
  );
}

function Appeals() {
  const { t } = useTranslation();
  const pages = useCursorPages();
  const state = useAsync(
    (signal) => pageAppeals({ limit: PAGE_SIZE, after: pages.after }, signal),
    `appeals|${pages.after ?? ''}`,
  );
  const [notes, setNotes] = useState<Record<string, string>>({});
  const decide = useKeyedAction(async (id: string, decision: 'uphold' | 'reject') => {
    await decideAppeal(id, decision, notes[id] ?? '', randomUuid());
    state.reload();
  });
  if (state.status === 'error') return <ErrorAlert error={state.error} onRetry={state.reload} />;
  if (!state.data) return <PageSpinner />;
  if (state.data.items.length === 0) return <Empty description={t('ratings.noAppeals')} />;
  const page = state.data;
  return (
    <>
      <List
        dataSource={page.items}
        renderItem={(a) => (
          <List.Item data-testid="appeal" data-appeal-state={a.state}>
            <Space direction="vertical" style={{ width: '100%' }}>
              <Space wrap>
                <strong>{a.rating.number}</strong>
                <Tag>{t(`ratings.appealStates.${a.state}` as 'ratings.appealStates.pending')}</Tag>
                <span>{a.appellantName}</span>
              </Space>
              <div>{a.reason}</div>
              {a.decisionNote && <div>{a.decisionNote}</div>}
              {a.availableActions.length > 0 && (
                <>
                  <Input
                    value={notes[a.id] ?? ''}
                    maxLength={500}
                    placeholder={t('ratings.decisionNote')}
                    onChange={(e) => setNotes((n) => ({ ...n, [a.id]: e.target.value }))}
                  />
                  <Space>
                    {a.availableActions.map((d) => (
                      <Button
                        key={d}
                        danger={d === 'reject'}
                        type={d === 'uphold' ? 'primary' : 'default'}
                        loading={decide.isBusy(a.id)}
                        data-testid={`appeal-${d}`}
                        onClick={() => void decide.run(a.id, a.id, d)}
                      >
                        {t(`ratings.decisions.${d}`)}
                      </Button>
                    ))}
                  </Space>
                </>
              )}
            </Space>
          </List.Item>
        )}
      />
      <CursorPager
        page={pages.page}
        nextCursor={page.nextCursor}
        total={page.total}
        totalExact={page.totalExact}
        onNext={pages.next}
        onPrevious={pages.previous}
        testId="appeals-pager"
      />
    </>
  );
}

function Devices() {
  const { t } = useTranslation();
  const state = useAsync((signal) => listDevices(signal), 'devices');
  const [name, setName] = useState('');
  const [windowId, setWindowId] = useState<string | null>(null);
  // Issue #14: the windows of my own station (a device stands at one of them).
  const windows = useAsync(async (signal) => {
    const own = (await fetchMyStations(signal)).find((s) => s.own);
    return own ? (await fetchWindows(own.id, signal)).filter((w) => !w.archived) : [];
  }, 'device-windows');
  const [created, setCreated] = useState<NewDevice | null>(null);
  const keeper = useMemo(() => createIdempotencyKeeper(), []);
  const create = useAction(async () => {
    const body = { name, windowId };
    setCreated(await createDevice(name, windowId, keeper.keyFor(body)));
    keeper.reset();
    state.reload();
  });
  const revoke = useKeyedAction(async (id: string) => {
    await revokeDevice(id, randomUuid());
    state.reload();
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card size="small" title={t('ratings.newDevice')}>
        <Space wrap>
          <Input
            value={name}
            maxLength={40}
            data-testid="device-name"
            placeholder={t('ratings.deviceName')}
            onChange={(e) => setName(e.target.value)}
          />
          {(windows.data ?? []).length > 0 && (
            <Select
              allowClear
              data-testid="device-window"
              aria-label={t('ratings.deviceWindow')}
              placeholder={t('ratings.deviceWindow')}
              style={{ minWidth: 160 }}
              value={windowId ?? undefined}
              onChange={(v: string | undefined) => setWindowId(v ?? null)}
              options={(windows.data ?? []).map((w) => ({ value: w.id, label: w.name }))}
            />
          )}
          <Button
            type="primary"
            data-testid="device-create"
            disabled={!name.trim()}
            loading={create.busy}
            onClick={() => void create.run()}
          >
            {t('ratings.createDevice')}
          </Button>
        </Space>
        {create.error !== null && <ErrorAlert error={create.error} />}
        {created && (
          <Alert
            style={{ marginTop: 12 }}
            type="success"
            message={
              <span>
                {t('ratings.pairWith')}{' '}
                <strong
                  data-testid="pair-code-shown"
                  style={{ fontSize: '1.5em', letterSpacing: 4 }}
                >
                  {created.pairCode}
                </strong>
              </span>
            }
            description={t('ratings.pairHelp')}
          />
        )}
      </Card>
      {state.status === 'error' && <ErrorAlert error={state.error} onRetry={state.reload} />}
      <List
        dataSource={state.data ?? []}
        renderItem={(d) => (
          <List.Item
            actions={d.availableActions.map((a) => (
              <Button
                key={a}
                danger
                loading={revoke.isBusy(d.id)}
                onClick={() => void revoke.run(d.id, d.id)}
              >
                {t('ratings.revoke')}
              </Button>
            ))}
          >
            <Space wrap>
              <strong>{d.name}</strong>
              <span>{d.stationName}</span>
              {d.windowName && <Tag data-testid="device-window-tag">{d.windowName}</Tag>}
              <Tag color={d.revokedAt ? 'default' : d.pairedAt ? 'green' : 'orange'}>
                {t(
                  d.revokedAt
                    ? 'ratings.deviceRevoked'
                    : d.pairedAt
                      ? 'ratings.devicePaired'
                      : 'ratings.deviceWaiting',
                )}
              </Tag>
            </Space>
          </List.Item>
        )}
      />
    </Space>
  );
}
