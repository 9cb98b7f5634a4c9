import { App, Button, Card, Checkbox, Input, Radio, Segmented, Select, Space, Tag } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import {
  lookupResident,
  pageVisits,
  requestVisit,
  scheduleVisits,
  type HomeVisit,
  type NewHomeVisit,
  type VisitWindow,
} from '../../api/home-visits';
import { CursorPager } from '../../components/CursorPager';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ExportButton } from '../../components/ExportButton';
import { PageHeading } from '../../components/PageHeading';
import { chinaDay } from '../../lib/china-time';
import { createIdempotencyKeeper } from '../../lib/idempotency';
import { useAction } from '../../lib/use-action';
import { useAsync } from '../../lib/use-async';
import { useCursorPages } from '../../lib/use-cursor-pages';
import './home-visits.css';

const BY = ['staff', 'relative', 'agent', 'resident'] as const;
const REASONS = ['elderly', 'disabled', 'ill'] as const;

/** GS-10 a request taken by phone: find the resident, who asked and why, a contact phone. */
function NewRequestCard({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const keeper = useMemo(() => createIdempotencyKeeper(), []);
  const [idNumber, setIdNumber] = useState('');
  const [resident, setResident] = useState<{ id: string; name: string } | null>(null);
  const [by, setBy] = useState<NewHomeVisit['requestedBy']>('staff');
  const [reason, setReason] = useState<NewHomeVisit['reason']>('elderly');
  const [relation, setRelation] = useState('');
  const [phone, setPhone] = useState('');
  const [note, setNote] = useState('');
  const find = useAction(async () => {
    const r = await lookupResident(idNumber.trim());
    setResident({ id: r.id, name: r.fullName });
  });
  const submit = useAction(async (body: NewHomeVisit) => {
    const v = await requestVisit(body, keeper.keyFor(body));
    keeper.reset();
    void message.success(t('homeVisits.requested', { name: v.residentName }));
    setResident(null);
    setIdNumber('');
    setPhone('');
    setNote('');
    setRelation('');
    onDone();
  });
  const body: NewHomeVisit | null = resident
    ? {
        residentId: resident.id,
        requestedBy: by,
        reason,
        preferredDates: [],
        ...(relation.trim() ? { requesterRelation: relation.trim() } : {}),
        ...(phone.trim() ? { contactPhone: phone.trim() } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      }
    : null;
  return (
    <Card title={<h2>{t('homeVisits.newRequest')}</h2>} className="hv-card">
      <label className="hv-label" htmlFor="hv-id">
        {t('homeVisits.idNumber')}
      </label>
      <div className="hv-row">
        <Input
          id="hv-id"
          data-testid="hv-id"
          value={idNumber}
          onChange={(e) => setIdNumber(e.target.value)}
          autoComplete="off"
        />
        <Button loading={find.busy} onClick={() => void find.run()} data-testid="hv-lookup">
          {t('homeVisits.lookup')}
        </Button>
      </div>
      {find.error !== null && <ErrorAlert error={find.error} />}
      {resident && (
        <div className="hv-form" data-testid="hv-form">
          <p className="hv-resident">{resident.name}</p>
          <label className="hv-label" htmlFor="hv-by">
            {t('homeVisits.requestedBy')}
          </label>
          <Select
            id="hv-by"
            value={by}
            onChange={setBy}
            options={BY.map((b) => ({ value: b, label: t(`homeVisits.by.${b}`) }))}
          />
          <label className="hv-label" htmlFor="hv-relation">
            {t('homeVisits.relation')}
          </label>
          <Input id="hv-relation" value={relation} onChange={(e) => setRelation(e.target.value)} />
          <label className="hv-label" htmlFor="hv-reason">
            {t('homeVisits.reason')}
          </label>
          <Select
            id="hv-reason"
            value={reason}
            onChange={setReason}
            options={REASONS.map((r) => ({ value: r, label: t(`homeVisits.reasons.${r}`) }))}
          />
          <label className="hv-label" htmlFor="hv-phone">
            {t('homeVisits.phone')}
          </label>
          <Input
            id="hv-phone"
            inputMode="tel"
            value={phone}
            onChange={(e) => setPhone(e.target.value)}
          />
          <label className="hv-label" htmlFor="hv-note">
            {t('homeVisits.note')}
          </label>
          <Input.TextArea id="hv-note" value={note} onChange={(e) => setNote(e.target.value)} />
          {submit.error !== null && <ErrorAlert error={submit.error} />}
          <Button
            type="primary"
            size="large"
            block
            loading={submit.busy}
            disabled={body === null}
            onClick={() => body && void submit.run(body)}
            data-testid="hv-submit"
          >
            {t('homeVisits.submit')}
          </Button>
        </div>
      )}
    </Card>
  );
}

const PAGE_SIZE = 30;
/** The visits that may be scheduled: new requests, and those not found at home. */
const SCHEDULABLE = ['requested', 'not_home'] as const;
type Schedulable = (typeof SCHEDULABLE)[number];

/**
 * GS-10 requests to schedule, by status (new / not at home), paged by cursor (issue #16 p5): pick
 * them and a day; the server batches them by village. `refresh` reloads the page shown.
 */
function PendingCard({ refresh, onDone }: { refresh: number; onDone: () => void }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<Schedulable>('requested');
  return (
    <Card
      title={<h2>{t('homeVisits.pending')}</h2>}
      className="hv-card"
      extra={
        <Segmented<Schedulable>
          value={status}
          onChange={setStatus}
          options={SCHEDULABLE.map((s) => ({ value: s, label: t(`homeVisits.status.${s}`) }))}
          data-testid="hv-pending-status"
        />
      }
    >
      <PendingList key={status} status={status} refresh={refresh} onDone={onDone} />
    </Card>
  );
}

function PendingList({
  status,
  refresh,
  onDone,
}: {
  status: Schedulable;
  refresh: number;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const pages = useCursorPages();
  const list = useAsync(
    (signal) => pageVisits({ status, limit: PAGE_SIZE, after: pages.after }, signal),
    `${pages.after ?? ''}|${refresh}`,
  );
  const { message } = App.useApp();
  const keeper = useMemo(() => createIdempotencyKeeper(), []);
  const [picked, setPicked] = useState<string[]>([]);
  const [day, setDay] = useState(chinaDay(new Date()));
  const [visitWindow, setVisitWindow] = useState<VisitWindow>('morning');
  const pending: HomeVisit[] = (list.data?.items ?? []).filter((v) =>
    v.availableActions.includes('schedule'),
  );
  const schedule = useAction(async () => {
    const body = { day, visitIds: picked, window: visitWindow };
    const routes = await scheduleVisits(day, picked, visitWindow, keeper.keyFor(body));
    keeper.reset();
    setPicked([]);
    void message.success(t('homeVisits.scheduled', { n: routes.length }));
    onDone();
  });
  return (
    <>
      {list.status === 'error' && <ErrorAlert error={list.error} onRetry={list.reload} />}
      {list.data && pending.length === 0 && <p className="muted">{t('homeVisits.noPending')}</p>}
      <ul className="hv-list">
        {pending.map((v) => (
          <li key={v.id} className="hv-item" data-testid={`hv-pending-${v.residentName}`}>
            <Checkbox
              checked={picked.includes(v.id)}
              onChange={(e) =>
                setPicked((p) => (e.target.checked ? [...p, v.id] : p.filter((x) => x !== v.id)))
              }
            >
              <span className="hv-name">{v.residentName}</span> · {v.villageName} ·{' '}
              {t(`homeVisits.reasons.${v.reason}`)} <Tag>{t(`homeVisits.status.${v.status}`)}</Tag>
            </Checkbox>
          </li>
        ))}
      </ul>
      {pending.length > 0 && (
        <div className="hv-form">
          <label className="hv-label" htmlFor="hv-day">
            {t('homeVisits.scheduleDay')}
          </label>
          <Input id="hv-day" type="date" value={day} onChange={(e) => setDay(e.target.value)} />
          <span className="hv-label" id="hv-window-label">
            {t('homeVisits.scheduleWindow')}
          </span>
          <Radio.Group
            aria-labelledby="hv-window-label"
            value={visitWindow}
            onChange={(e) => setVisitWindow(e.target.value as VisitWindow)}
            data-testid="hv-window"
          >
            <Radio.Button value="morning" data-testid="hv-window-morning">
              {t('homeVisits.windows.morning')}
            </Radio.Button>
            <Radio.Button value="afternoon" data-testid="hv-window-afternoon">
              {t('homeVisits.windows.afternoon')}
            </Radio.Button>
          </Radio.Group>
          {schedule.error !== null && <ErrorAlert error={schedule.error} />}
          <Button
            type="primary"
            size="large"
            block
            disabled={picked.length === 0}
            loading={schedule.busy}
            onClick={() => void schedule.run()}
            data-testid="hv-schedule"
          >
            {t('homeVisits.schedule')}
          </Button>
        </div>
      )}
      {list.data && list.data.total > 0 && (
        <CursorPager
          page={pages.page}
          nextCursor={list.data.nextCursor}
          total={list.data.total}
          totalExact={list.data.totalExact}
          onNext={pages.next}
          onPrevious={pages.previous}
          testId="hv-pager"
        />
      )}
    </>
  );
}

export default function HomeVisitsPage() {
  const { t } = useTranslation();
  const [refresh, setRefresh] = useState(0);
  const reload = useCallback(() => setRefresh((n) => n + 1), []);
  return (
    <div className="page hv-page" data-testid="home-visits-page">
      <PageHeading
        title={t('homeVisits.title')}
        extra={
          <Space wrap>
            <Link to="/home-visits/route" data-testid="hv-open-route">
              {t('homeVisits.openRoute')}
            </Link>
            <ExportButton listPath="/home-visits" />
          </Space>
        }
      />
      <NewRequestCard onDone={reload} />
      <PendingCard refresh={refresh} onDone={reload} />
    </div>
  );
}
