/**
 * GS-10 the station's day (staff): today's bookings (check-in → an A ticket), walk-in tickets (B),
 * 'call next', the tickets with their wait and service times, and the case filed for a ticket
 * being served through the one intake (channel `appointment` for the appointment lane, `window`
 * for walk-ins; issue #14). Buttons come from the server's
 * `availableActions`; the queue screen link opens the TV page.
 */
import { Alert, Button, Card, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import {
  callNext,
  checkIn,
  fetchMyStations,
  fetchStationDay,
  sitAtWindow,
  ticketStep,
  walkIn,
  type DayBooking,
  type Ticket,
  type TicketStep,
} from '../../api/appointments';
import { PageHeading } from '../../components/PageHeading';
import { errorText } from '../../lib/errors';
import { randomUuid } from '../../lib/idempotency';
import { useAction, useKeyedAction } from '../../lib/use-action';
import { useAsync } from '../../lib/use-async';
import type { Resident } from '../../api/types';
import { StationPicker } from './StationPicker';
import { WalkInResident } from './WalkInResident';

const STEPS: readonly TicketStep[] = ['start', 'recall', 'skip', 'finish'];
/** The window a clerk last sat at, per station (issue #14): preselected the next day. */
const WINDOW_KEY = (stationId: string) => `doorstep.window.${stationId}`;

/**
 * Issue #14: filing for the ticket being served opens the one intake (the workbench: the item's
 * materials checklist, the one-time notice) with the ticket's resident and channel; the workbench
 * links the case to the ticket. Opened on calling, the ticket's service starts now.
 */
function FileCaseForm(props: { ticket: Ticket; stationId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const opening = useAction(async () => {
    if (props.ticket.availableActions.includes('start'))
      await ticketStep(props.ticket.id, 'start', randomUuid());
    const query = new URLSearchParams({ ticket: props.ticket.id, station: props.stationId });
    void navigate(`/cases/new?${query.toString()}`);
  });
  return (
    <Space wrap data-testid="file-case-form">
      <Button
        type="primary"
        size="large"
        loading={opening.busy}
        onClick={() => void opening.run()}
        data-testid="file-case-submit"
      >
        {t('appointments.openIntake')}
      </Button>
      {opening.error !== null && <Alert type="error" message={errorText(t, opening.error)} />}
    </Space>
  );
}

export default function StationDayPage() {
  const { t } = useTranslation();
  const staffed = useAsync((signal) => fetchMyStations(signal), 'my-stations');
  const stations = useMemo(() => staffed.data ?? [], [staffed.data]);
  const [picked, setPicked] = useState<string | null>(null);
  // A clerk's own station first; for a region grant the first station that takes appointments.
  const stationId =
    picked ??
    (stations.find((s) => s.own) ?? stations.find((s) => s.hasTemplate) ?? stations[0])?.id ??
    null;
  const fixed = stations.length === 1 || (stations.length > 0 && stations.every((s) => s.own));
  const day = useAsync(
    (signal) => (stationId ? fetchStationDay(stationId, signal) : Promise.resolve(null)),
    `day-${stationId ?? ''}`,
  );
  const [filingFor, setFilingFor] = useState<string | null>(null);
  const rowAction = useKeyedAction(async (run: () => Promise<unknown>) => {
    await run();
    day.reload();
  });
  const [walkInFor, setWalkInFor] = useState<Resident | null>(null);
  const openWindows = (day.data?.windows ?? []).filter((w) => !w.archived);
  const remembered = stationId ? localStorage.getItem(WINDOW_KEY(stationId)) : null;
  // Her seat of today; else the window she sat at last, if it is free.
  const myWindow =
    day.data?.myWindowId ??
    openWindows.find((w) => w.id === remembered && w.availableActions.includes('sit'))?.id ??
    null;
  const sitting = useAction(async (windowId: string) => {
    await sitAtWindow(windowId, randomUuid());
    if (stationId) localStorage.setItem(WINDOW_KEY(stationId), windowId);
    day.reload();
  });
  const calling = useAction(async () => {
    if (!stationId) return;
    const called = await callNext(
      stationId,
      myWindow ? { windowId: myWindow } : { desk: t('appointments.myDesk') },
      randomUuid(),
    );
    if (myWindow) localStorage.setItem(WINDOW_KEY(stationId), myWindow);
    // A ticket that names its resident opens intake for them at once.
    if (called.ticket?.residentId) setFilingFor(called.ticket.id);
    day.reload();
  });
  const issuing = useAction(async (priority: 'elderly' | 'disabled' | 'pregnant' | null) => {
    if (!stationId) return;
    await walkIn(
      stationId,
      { ...(priority ? { priority } : {}), ...(walkInFor ? { residentId: walkInFor.id } : {}) },
      randomUuid(),
    );
    setWalkInFor(null);
    day.reload();
  });
  const data = day.data ?? null;
  const error = rowAction.error ?? calling.error ?? issuing.error ?? sitting.error;

  const bookingColumns = [
    {
      title: t('appointments.time'),
      key: 'time',
      render: (b: DayBooking) => `${b.start}–${b.end}`,
    },
    { title: t('appointments.resident'), dataIndex: 'residentName', key: 'name' },
    {
      title: t('appointments.channel'),
      key: 'channel',
      render: (b: DayBooking) => t(`appointments.channels.${b.channel}`),
    },
    {
      title: t('appointments.status'),
      key: 'status',
      render: (b: DayBooking) => (
        <Tag data-testid="booking-status">
          {t(`appointments.bookingStatus.${b.status}`)}
          {b.ticketLabel ? ` · ${b.ticketLabel}` : ''}
        </Tag>
      ),
    },
    {
      title: '',
      key: 'act',
      render: (b: DayBooking) =>
        b.availableActions.includes('check_in') && (
          <Button
            size="small"
            data-testid={`check-in-${b.start}`}
            loading={rowAction.isBusy(b.id)}
            onClick={() => void rowAction.run(b.id, () => checkIn(b.id, randomUuid()))}
          >
            {t('appointments.checkIn')}
          </Button>
        ),
    },
  ];

  const ticketColumns = [
    {
      title: t('appointments.ticket'),
      key: 'label',
      render: (x: Ticket) => (
        <Space>
          <strong>{x.label}</strong>
          {x.priority && <Tag color="green">{t(`appointments.priority.${x.priority}`)}</Tag>}
        </Space>
      ),
    },
    {
      title: t('appointments.resident'),
      key: 'name',
      render: (x: Ticket) => x.residentName ?? '—',
    },
    {
      title: t('appointments.status'),
      key: 'status',
      render: (x: Ticket) => (
        <Tag data-testid={`ticket-status-${x.label}`} data-status={x.status}>
          {t(`appointments.ticketStatus.${x.status}`)}
        </Tag>
      ),
    },
    {
      title: t('appointments.minutes'),
      key: 'min',
      render: (x: Ticket) =>
        t('appointments.waitService', {
          wait: x.waitMinutes ?? '—',
          service: x.serviceMinutes ?? '—',
        }),
    },
    {
      title: '',
      key: 'act',
      render: (x: Ticket) => (
        <Space wrap>
          {STEPS.filter((s) => x.availableActions.includes(s)).map((s) => (
            <Button
              key={s}
              size="small"
              data-testid={`ticket-${s}-${x.label}`}
              loading={rowAction.isBusy(`${x.id}:${s}`)}
              onClick={() =>
                void rowAction.run(`${x.id}:${s}`, () => ticketStep(x.id, s, randomUuid()))
              }
            >
              {t(`appointments.steps.${s}`)}
            </Button>
          ))}
          {x.availableActions.includes('file_case') && x.residentId && (
            <Button
              size="small"
              type="link"
              data-testid={`ticket-file-${x.label}`}
              onClick={() => setFilingFor(x.id)}
            >
              {t('appointments.fileCase')}
            </Button>
          )}
          {x.caseId && (
            <Tag color="blue" data-testid={`ticket-case-${x.label}`}>
              {t('appointments.caseFiled')}
            </Tag>
          )}
        </Space>
      ),
    },
  ];
  const filingTicket =
    data?.tickets.find(
      (x) =>
        x.id === filingFor &&
        x.caseId === null &&
        x.residentId !== null &&
        (x.status === 'called' || x.availableActions.includes('file_case')),
    ) ?? null;

  return (
    <div className="page" data-testid="station-day" data-loaded={data ? 'yes' : 'no'}>
      <PageHeading title={t('appointments.title')} subtitle={data?.stationName ?? ''} />
      <StationPicker
        stations={stations}
        value={stationId}
        fixed={fixed}
        onChange={(id) => {
          setPicked(id);
          setFilingFor(null);
        }}
      />
      {staffed.data && stations.length === 0 && (
        <Alert type="info" message={t('appointments.noStation')} />
      )}
      {error !== null && error !== undefined && (
        <Alert type="error" message={errorText(t, error)} />
      )}
      {data && (
        <Space direction="vertical" style={{ width: '100%' }} size="large">
          <Card title={t('appointments.queue')}>
            <Space wrap>
              {openWindows.length > 0 && (
                <Select
                  data-testid="my-window"
                  aria-label={t('appointments.myWindow')}
                  placeholder={t('appointments.pickWindow')}
                  size="large"
                  style={{ minWidth: 180 }}
                  value={myWindow ?? undefined}
                  loading={sitting.busy}
                  onChange={(id: string) => void sitting.run(id)}
                  options={openWindows.map((w) => ({
                    value: w.id,
                    disabled: !w.mine && !w.availableActions.includes('sit'),
                    label:
                      w.sitterName && !w.mine
                        ? t('appointments.windowTaken', { name: w.name, who: w.sitterName })
                        : w.name,
                  }))}
                />
              )}
              <Button
                type="primary"
                size="large"
                data-testid="call-next"
                loading={calling.busy}
                onClick={() => void calling.run()}
              >
                {t('appointments.callNext')}
              </Button>
              <Button
                data-testid="walk-in"
                loading={issuing.busy}
                onClick={() => void issuing.run(null)}
              >
                {t('appointments.walkIn')}
              </Button>
              <Button data-testid="walk-in-priority" onClick={() => void issuing.run('elderly')}>
                {t('appointments.walkInPriority')}
              </Button>
            </Space>
            <div style={{ marginTop: 12 }}>
              <WalkInResident value={walkInFor} onChange={setWalkInFor} />
            </div>
            {filingTicket && (
              <div style={{ marginTop: 16 }}>
                <Typography.Text strong>{filingTicket.label}</Typography.Text>{' '}
                <FileCaseForm ticket={filingTicket} stationId={data.stationId} />
              </div>
            )}
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              scroll={{ x: true }}
              dataSource={data.tickets}
              columns={ticketColumns}
              data-testid="tickets"
            />
          </Card>
          <Card title={t('appointments.bookings', { date: data.date })}>
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              scroll={{ x: true }}
              dataSource={data.bookings}
              columns={bookingColumns}
              data-testid="day-bookings"
            />
          </Card>
        </Space>
      )}
      <Form.Item hidden>
        <Input />
      </Form.Item>
    </div>
  );
}
