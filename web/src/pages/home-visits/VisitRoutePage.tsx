import type { TFunction } from 'i18next';
import { Button, Card, Input, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import {
  listRoutes,
  transitionVisit,
  type HomeVisit,
  type VisitRecord,
  type VisitTransition,
} from '../../api/home-visits';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeading } from '../../components/PageHeading';
import { chinaDay } from '../../lib/china-time';
import { createIdempotencyKeeper } from '../../lib/idempotency';
import { useKeyedAction } from '../../lib/use-action';
import { useAsync } from '../../lib/use-async';
import { CheckupForm } from './CheckupForm';
import './home-visits.css';

const TRANSITIONS: { action: HomeVisit['availableActions'][number]; path: VisitTransition }[] = [
  { action: 'depart', path: 'depart' },
  { action: 'complete', path: 'complete' },
  { action: 'not_home', path: 'not-home' },
  { action: 'cancel', path: 'cancel' },
];

/** A checkup's values in words: pressure, glucose with its timing, then the advice. */
function valuesLine(t: TFunction, v: NonNullable<VisitRecord['values']>): string {
  const parts: string[] = [];
  if (v.systolic !== undefined) parts.push(t('homeVisits.bp', { s: v.systolic, d: v.diastolic }));
  if (v.glucose !== undefined)
    parts.push(
      t('homeVisits.glu', {
        v: v.glucose,
        timing: t(`homeVisits.timing.${v.glucoseTiming === 'post_meal' ? 'post_meal' : 'fasting'}`),
      }),
    );
  for (const k of ['medicationAdvice', 'notes'] as const)
    if (v[k] !== undefined) parts.push(String(v[k]));
  return parts.join(' · ');
}

function RecordLine({ record }: { record: VisitRecord }) {
  const { t } = useTranslation();
  return (
    <div className="hv-record" data-testid="hv-record">
      {record.values && <p data-testid="hv-values">{valuesLine(t, record.values)}</p>}
      {record.flags === null ? (
        <p className="muted">{t('homeVisits.hidden')}</p>
      ) : (
        <div className="hv-flags" data-testid="hv-flags" data-flags={record.flags.join(',')}>
          {record.flags.length === 0 && <Tag color="green">{t('homeVisits.normal')}</Tag>}
          {record.flags.map((f) => (
            <Tag key={f} color="red">
              {t(`homeVisits.flags.${f}`)}
            </Tag>
          ))}
        </div>
      )}
    </div>
  );
}

/** One stop on the phone: who, why, the actions the server offers, the checkup and the case. */
function Stop({ visit, onChanged }: { visit: HomeVisit; onChanged: () => void }) {
  const { t } = useTranslation();
  const keeper = useMemo(() => createIdempotencyKeeper(), []);
  const [recording, setRecording] = useState(false);
  const act = useKeyedAction(async (path: VisitTransition) => {
    await transitionVisit(visit.id, path, keeper.keyFor({ id: visit.id, path }));
    keeper.reset();
    onChanged();
  });
  return (
    <li className="hv-item" data-testid={`hv-stop-${visit.stop}`} data-status={visit.status}>
      <div className="hv-stop-head">
        <span>
          <strong>{t('homeVisits.stop', { n: visit.stop })}</strong> ·{' '}
          <span className="hv-name">{visit.residentName}</span>
          {visit.window && (
            <>
              {' · '}
              <span data-testid="hv-promised-window">
                {visit.window.from}–{visit.window.to}
              </span>
            </>
          )}
        </span>
        <Tag data-testid="hv-status">{t(`homeVisits.status.${visit.status}`)}</Tag>
      </div>
      <p className="muted">
        {t(`homeVisits.reasons.${visit.reason}`)} · {t(`homeVisits.by.${visit.requestedBy}`)}
        {visit.requesterRelation ? `（${visit.requesterRelation}）` : ''}
        {visit.contactPhoneMasked ? ` · ${visit.contactPhoneMasked}` : ''}
      </p>
      {visit.note && <p>{visit.note}</p>}
      {visit.caseId && (
        <p>
          <Link to={`/cases/${visit.caseId}`} data-testid="hv-case">
            {t('homeVisits.caseLinked')}
          </Link>
        </p>
      )}
      {visit.records.map((r) => (
        <RecordLine key={r.id} record={r} />
      ))}
      {act.error !== null && <ErrorAlert error={act.error} />}
      <div className="hv-actions">
        {TRANSITIONS.filter((x) => visit.availableActions.includes(x.action)).map((x) => (
          <Button
            key={x.path}
            size="large"
            type={x.action === 'complete' || x.action === 'depart' ? 'primary' : 'default'}
            danger={x.action === 'cancel'}
            loading={act.isBusy(x.path)}
            disabled={act.busy && !act.isBusy(x.path)}
            onClick={() => void act.run(x.path, x.path)}
            data-testid={`hv-${x.path}`}
          >
            {t(`homeVisits.actions.${x.action}`)}
          </Button>
        ))}
        {visit.status === 'on_route' && !visit.caseId && (
          <Link
            to={`/cases/new?channel=home_visit`}
            className="ant-btn ant-btn-lg"
            data-testid="hv-file-case"
          >
            {t('homeVisits.fileCase')}
          </Link>
        )}
        {visit.availableActions.includes('record') && !recording && (
          <Button size="large" onClick={() => setRecording(true)} data-testid="hv-record-open">
            {t('homeVisits.recordCheckup')}
          </Button>
        )}
      </div>
      {recording && (
        <CheckupForm
          visitId={visit.id}
          onSaved={() => {
            setRecording(false);
            onChanged();
          }}
        />
      )}
    </li>
  );
}

export default function VisitRoutePage() {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const day = search.get('day') ?? chinaDay(new Date());
  const routes = useAsync((signal) => listRoutes(day, signal), `routes-${day}`);
  return (
    <div className="page hv-page" data-testid="visit-route-page">
      <PageHeading
        title={t('homeVisits.routeTitle')}
        extra={<Link to="/home-visits">{t('homeVisits.title')}</Link>}
      />
      <label className="hv-label" htmlFor="hv-route-day">
        {t('homeVisits.day')}
      </label>
      <Input
        id="hv-route-day"
        type="date"
        value={day}
        onChange={(e) => setSearch({ day: e.target.value })}
      />
      {routes.status === 'error' && <ErrorAlert error={routes.error} onRetry={routes.reload} />}
      {routes.data?.length === 0 && <p className="muted">{t('homeVisits.noRoutes')}</p>}
      {routes.data?.map((r) => (
        <Card
          key={r.id}
          className="hv-card"
          title={<h2>{r.villageName}</h2>}
          data-testid={`hv-route-${r.villageName}`}
          data-loaded={routes.status === 'success' ? 'yes' : 'no'}
        >
          <ol className="hv-list">
            {r.stops.map((s) => (
              <Stop key={s.id} visit={s} onChanged={routes.reload} />
            ))}
          </ol>
        </Card>
      ))}
    </div>
  );
}
