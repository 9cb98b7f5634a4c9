import type { TFunction } from 'i18next';
import { CheckCircleFilled, FileSearchOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Select, Skeleton } from 'antd';
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { linkCase } from '../../../api/appointments';
import type { CaseView, CatalogItem, CatalogItemSummary, NewCase } from '../../../api/case-types';
import type { Grant } from '../../../api/types';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PageHeading } from '../../../components/PageHeading';
import { useAsync } from '../../../lib/use-async';
import { randomUuid } from '../../../lib/idempotency';
import { catalogCacheFor } from '../../../offline/catalog-cache';
import { isLookedUp, maskName, type Applicant } from '../../../offline/known-residents';
import { OutboxPanel } from '../../../offline/OutboxPanel';
import { useOnline } from '../../../offline/use-outbox';
import { useMe } from '../../../session/session-context';
import { localName, previewNotice } from '../case-format';
import { intakeGrants } from '../../../lib/capabilities';
import { CasePrintLinks } from '../CasePrintLinks';
import { CaseReceipt } from '../CaseReceipt';
import { CaseScans } from '../CaseScans';
import '../cases.css';
import { ApplicantStep } from './ApplicantStep';
import { FileCaseButton } from './FileCaseButton';
import { ChannelChoice, type WindowChannel } from './ChannelChoice';
import { ItemPicker } from './ItemPicker';
import { MaterialChecklist } from './MaterialChecklist';
import { NoticePreview } from './NoticePreview';
import { TicketGone, useTicketIntake, type TicketIntake } from './use-ticket-intake';

function Step({
  n,
  title,
  done,
  children,
  testId,
}: {
  n: number;
  title: string;
  done: boolean;
  children: ReactNode;
  testId: string;
}) {
  return (
    <Card className="wb-step" data-testid={testId}>
      <h2 className="wb-step-title">
        <span className={`wb-step-number${done ? ' is-done' : ''}`} aria-hidden>
          {done ? <CheckCircleFilled /> : n}
        </span>
        {title}
      </h2>
      {children}
    </Card>
  );
}

/** With several station grants the clerk names the station this case is filed at. */
function StationChoice({
  grants,
  value,
  onChange,
}: {
  grants: Grant[];
  value: string | undefined;
  onChange: (stationId: string) => void;
}) {
  const { t } = useTranslation();
  if (grants.length < 2) return null;
  return (
    <Card className="wb-station">
      <label htmlFor="wb-station" className="wb-label">
        {t('cases.workbench.station')}
      </label>
      <Select<string>
        id="wb-station"
        data-testid="wb-station"
        className="wb-station-select"
        value={value}
        onChange={onChange}
        options={grants.map((g) => ({ value: g.stationId ?? '', label: g.stationName ?? '' }))}
      />
      <p className="muted">{t('cases.workbench.stationHelp')}</p>
    </Card>
  );
}

/** The chosen item's facts under the picker: decider, visits and acceptance conditions. */
function ItemFacts({ item }: { item: CatalogItem }) {
  const { t } = useTranslation();
  return (
    <div className="wb-item-facts">
      <span>{t(`cases.decidedBy.${item.route.decides}`)}</span>
      <span>{t('cases.workbench.visits', { n: item.inPersonVisits })}</span>
      {item.conditions.length > 0 && (
        <details>
          <summary>{t('cases.workbench.conditions')}</summary>
          <ul>
            {item.conditions.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

/** GS-10 issue #14: opened from the queue — whose ticket this intake files for, and the way back. */
function TicketBanner({
  state,
}: {
  state: { status: string; data?: TicketIntake | null | undefined; error?: unknown };
}) {
  const { t } = useTranslation();
  if (state.status === 'error')
    return state.error instanceof TicketGone ? (
      <Alert
        type="warning"
        showIcon
        data-testid="wb-ticket-gone"
        title={t('cases.workbench.ticketGone')}
        action={<Link to="/appointments">{t('cases.workbench.backToQueue')}</Link>}
      />
    ) : (
      <ErrorAlert error={state.error} />
    );
  if (!state.data) return null;
  const { ticket, channel } = state.data;
  return (
    <Alert
      className="wb-ticket"
      type="info"
      showIcon
      data-testid="wb-ticket"
      title={t('cases.workbench.fromTicket', {
        label: ticket.label,
        channel: t(`cases.channel.${channel}`),
      })}
      description={t('cases.workbench.fromTicketHelp')}
      action={<Link to="/appointments">{t('cases.workbench.backToQueue')}</Link>}
    />
  );
}

/** What the clerk does next with the case just filed. */
function nextStepWords(t: TFunction, view: CaseView): string {
  if (!view.notice.complete) return t('cases.workbench.nextSupplement');
  if (view.availableActions.includes('route')) return t('cases.workbench.nextRoute');
  if (view.availableActions.includes('decide')) return t('cases.workbench.nextDecide');
  return t(`cases.state.${view.state}`);
}

/** After filing: the receipt (or notice), its PDFs, a browser print, and the next applicant. */
function FiledResult({
  view,
  item,
  onNext,
}: {
  view: CaseView;
  item: CatalogItem;
  onNext: () => void;
}) {
  const { t } = useTranslation();
  const headingRef = useRef<HTMLDivElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <div className="page wb-result">
      <div ref={headingRef} tabIndex={-1} className="no-print wb-result-banner">
        <Alert
          type={view.notice.complete ? 'success' : 'warning'}
          showIcon
          title={
            view.notice.complete
              ? t('cases.workbench.filed', { number: view.number })
              : t('cases.workbench.filedIncomplete', { number: view.number })
          }
          description={nextStepWords(t, view)}
        />
      </div>
      <CaseReceipt view={view} materials={item.materials} />
      <p className="muted no-print">{t('cases.receipt.pdfHelp')}</p>
      <CasePrintLinks view={view} browserPrint />
      <Card className="no-print wb-scans" title={<h2>{t('cases.scans.title')}</h2>}>
        <CaseScans caseId={view.id} materials={item.materials} canUpload />
      </Card>
      <div className="wb-result-next no-print">
        <Link to={`/cases/${view.id}`} data-testid="receipt-open-case">
          <FileSearchOutlined aria-hidden /> {t('cases.receipt.openCase')}
        </Link>
        <Button
          data-testid="wb-next"
          type="primary"
          icon={<PlusOutlined aria-hidden />}
          onClick={onNext}
        >
          {t('cases.workbench.next')}
        </Button>
      </div>
    </div>
  );
}

/**
 * 一窗受理 (GS-3, GS-5): find the applicant, pick the item, tick the materials, see the one-time
 * notice before filing, file, and hand over the receipt.
 */
export default function WorkbenchPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const grants = useMemo(() => intakeGrants(me), [me]);
  const [search] = useSearchParams();
  const homeVisit = search.get('channel') === 'home_visit';
  // GS-10 issue #14: opened from the queue (/cases/new?ticket=…&station=…) for the ticket served.
  const fromTicket = useTicketIntake(search.get('ticket'), search.get('station'));
  const ticket = fromTicket.data ?? null;
  const navigate = useNavigate();
  const linkKey = useRef(randomUuid()).current;
  const [stationId, setStationId] = useState(grants[0]?.stationId ?? undefined);
  const station = grants.find((g) => g.stationId === stationId);
  const [applicant, setApplicant] = useState<Applicant | null>(null);
  const [summary, setSummary] = useState<CatalogItemSummary | null>(null);
  const [presented, setPresented] = useState<string[]>([]);
  // GS-10: opened from a home visit's stop (/cases/new?channel=home_visit), the channel starts there.
  const [channel, setChannel] = useState<WindowChannel>(homeVisit ? 'home_visit' : 'window');
  const [filed, setFiled] = useState<{ view: CaseView; item: CatalogItem } | null>(null);
  const [round, setRound] = useState(0);

  const online = useOnline();
  const catalog = catalogCacheFor(me.id);
  // The whole catalog is kept for a network cut (refreshed in the background twice a day).
  useEffect(() => {
    if (online) void catalog.refresh();
  }, [catalog, online]);
  const detail = useAsync(
    (signal) => (summary ? catalog.item(summary.code, signal) : Promise.resolve(null)),
    summary?.code ?? '',
  );
  const item = detail.status === 'success' ? detail.data : null;

  // The ticket's resident is the applicant; its lane says the channel; its station files it.
  useEffect(() => {
    if (!ticket) return;
    setApplicant(ticket.resident);
    setChannel(ticket.channel);
    if (grants.some((g) => g.stationId === ticket.stationId)) setStationId(ticket.stationId);
  }, [ticket, grants]);

  // The card reader found the applicant: go straight on to the item — before the applicant is
  // painted, so a clerk who types the item's letters as soon as the name shows types them there.
  useLayoutEffect(() => {
    if (applicant) document.getElementById('wb-item')?.focus();
  }, [applicant]);
  const notice = useMemo(() => (item ? previewNotice(item, presented) : null), [item, presented]);

  if (grants.length === 0) {
    return (
      <div className="page">
        <PageHeading title={t('cases.workbench.title')} />
        <Alert type="warning" showIcon title={t('cases.workbench.noStation')} />
      </div>
    );
  }

  const nextApplicant = () => {
    setFiled(null);
    setApplicant(null);
    setSummary(null);
    setPresented([]);
    setRound((r) => r + 1);
  };

  if (filed) {
    return (
      <FiledResult
        view={filed.view}
        item={filed.item}
        onNext={ticket ? () => void navigate('/appointments') : nextApplicant}
      />
    );
  }

  const body: NewCase | null =
    applicant && item
      ? {
          residentId: applicant.id,
          itemCode: item.code,
          presented,
          ...(grants.length > 1 && stationId ? { stationId } : {}),
          ...(channel !== 'window' ? { channel } : {}),
        }
      : null;
  const blockedBy = !applicant
    ? t('cases.workbench.fileNeedsApplicant')
    : !item
      ? t('cases.workbench.fileNeedsItem')
      : null;

  return (
    <div className="page workbench-page" key={round}>
      <PageHeading
        title={t('cases.workbench.title')}
        subtitle={station?.stationName ?? t('cases.workbench.subtitle')}
      />
      <OutboxPanel />
      {search.get('ticket') && <TicketBanner state={fromTicket} />}
      {!ticket && <StationChoice grants={grants} value={stationId} onChange={setStationId} />}
      <div className="workbench-grid">
        <div className="workbench-steps">
          <Step
            n={1}
            title={t('cases.workbench.stepApplicant')}
            done={!!applicant}
            testId="wb-step-applicant"
          >
            <ApplicantStep
              applicant={applicant}
              stationRegionCode={station?.regionCode}
              onApplicant={setApplicant}
            />
          </Step>
          <Step n={2} title={t('cases.workbench.stepItem')} done={!!item} testId="wb-step-item">
            <label htmlFor="wb-item" className="wb-label">
              {t('cases.workbench.itemLabel')}
            </label>
            <ItemPicker
              id="wb-item"
              value={summary}
              onChange={(next) => {
                setSummary(next);
                setPresented([]);
              }}
            />
            <p className="muted wb-help" data-testid="wb-item-help">
              {t(online ? 'cases.workbench.itemHelp' : 'offline.catalogOffline')}
            </p>
            {detail.status === 'error' && (
              <ErrorAlert error={detail.error} onRetry={detail.reload} />
            )}
            {item && <ItemFacts item={item} />}
          </Step>
          <Step
            n={3}
            title={t('cases.workbench.stepMaterials')}
            done={!!notice?.complete}
            testId="wb-step-materials"
          >
            {summary && !item && detail.status === 'loading' && <Skeleton active />}
            {item ? (
              <MaterialChecklist
                materials={item.materials}
                presented={presented}
                onChange={setPresented}
              />
            ) : (
              <p className="muted">{t('cases.workbench.fileNeedsItem')}</p>
            )}
          </Step>
        </div>
        <aside className="workbench-side" aria-label={t('cases.workbench.stepNotice')}>
          <Step n={4} title={t('cases.workbench.stepNotice')} done={false} testId="wb-step-notice">
            {notice && item && (
              <p className="wb-item-name">
                {localName(item.name, i18n.language)}{' '}
                <span className="muted mono">{item.code}</span>
              </p>
            )}
            {notice && <NoticePreview notice={notice} />}
            {!ticket && (
              <ChannelChoice value={channel} offered={item?.channels ?? []} onChange={setChannel} />
            )}
            <FileCaseButton
              body={body}
              complete={notice?.complete ?? true}
              blockedBy={blockedBy}
              label={
                applicant && item
                  ? `${isLookedUp(applicant) ? maskName(applicant.fullName) : applicant.maskedName} · ${localName(item.name, i18n.language)}`
                  : ''
              }
              onFiled={async (view) => {
                // Filed for a ticket: linked to it before the receipt shows (a retry replays both).
                if (ticket) await linkCase(ticket.ticket.id, view.id, linkKey);
                if (item) setFiled({ view, item });
              }}
              onQueued={nextApplicant}
              onHandedOff={nextApplicant}
            />
          </Step>
        </aside>
      </div>
    </div>
  );
}
