import { Alert, App, DatePicker, Empty } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import {
  getClassDay,
  listClassProposals,
  markChildAbsent,
  signInChild,
  type AbsenceKind,
  type DayChild,
} from '../../api/programs-day';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageSpinner } from '../../components/FullPageSpinner';
import { PageHeading } from '../../components/PageHeading';
import { formatChinaDateTime } from '../../lib/china-time';
import { pickedDay } from '../../lib/china-picker';
import { createIdempotencyKeeper } from '../../lib/idempotency';
import { useKeyedAction } from '../../lib/use-action';
import { useAsync } from '../../lib/use-async';
import { useClassDayParam } from './class-day-param';
import { DayChildRow } from './DayChildRow';
import { ProposalsPanel } from './ProposalsPanel';
import { ReleaseDialog } from './ReleaseDialog';
import './programs.css';

type Move = { kind: 'sign_in' } | { kind: 'absent'; absence: AbsenceKind };

/**
 * CP-3 the door screen on a phone: the class's children on one day (today in China unless
 * `?day=` names another), their status and only the actions the server offers each row; the
 * ratio warning (CP-4) when too few staff are present; open withdrawal proposals.
 */
export default function ClassDayPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { id = '', classId = '' } = useParams();
  const { day, setDay } = useClassDayParam();
  const view = useAsync((signal) => getClassDay(classId, day, signal), `${classId}/${day}`);
  const proposals = useAsync((signal) => listClassProposals(classId, signal), classId);
  const [releasing, setReleasing] = useState<DayChild | null>(null);
  const keeper = useMemo(() => createIdempotencyKeeper(), []);

  const move = useKeyedAction(async (c: DayChild, m: Move) => {
    const key = keeper.keyFor({ id: c.id, m });
    try {
      if (m.kind === 'sign_in') await signInChild(c.id, key);
      else await markChildAbsent(c.id, m.absence, key);
    } finally {
      keeper.reset();
    }
    void message.success(
      t(m.kind === 'sign_in' ? 'programs.day.signedIn' : 'programs.day.markedAbsent', {
        name: c.childName,
      }),
    );
    view.reload();
  });

  const data = view.data?.day === day ? view.data : undefined;
  const warnings = data?.ratio.warnings ?? [];
  const time = (iso: string) => formatChinaDateTime(iso, i18n.language).split(' ').pop() ?? iso;
  const present = data?.children.filter((c) => c.status === 'present').length ?? 0;

  return (
    <div className="page class-day" data-testid="class-day">
      <PageHeading
        title={
          data ? t('programs.day.title', { name: data.className }) : t('programs.day.titleBare')
        }
        subtitle={
          <span className="class-day-links">
            <Link to={`/programs/${id}/classes/${classId}`}>{t('programs.day.backToClass')}</Link>
            {' · '}
            <Link to={`/programs/${id}/classes/${classId}/roster?day=${day}`}>
              {t('programs.day.roster')}
            </Link>
          </span>
        }
      />
      <div className="class-day-picker">
        <label htmlFor="class-day-date">{t('programs.day.date')}</label>
        <DatePicker
          id="class-day-date"
          data-testid="class-day-date"
          size="large"
          allowClear={false}
          value={dayjs(day)}
          onChange={(d) => d && setDay(pickedDay(d))}
        />
      </div>
      {data && (
        <p className="program-facts">
          {t('programs.day.hours', { from: time(data.startsAt), to: time(data.endsAt) })}
          {' · '}
          {t('programs.day.presentCount', { present, total: data.children.length })}
          {data.status === 'closed' && ` · ${t('programs.day.closed')}`}
        </p>
      )}
      {warnings.map((w) => (
        <Alert
          key={`${w.from}-${w.to}`}
          type="warning"
          showIcon
          role="alert"
          data-testid="ratio-warning"
          title={t(
            time(w.from) === time(w.to)
              ? 'programs.day.ratioWarningSince'
              : 'programs.day.ratioWarning',
            {
              from: time(w.from),
              to: time(w.to),
              children: w.children,
              staff: w.staff,
              per: data?.ratio.childrenPerStaff ?? 0,
            },
          )}
        />
      ))}
      {proposals.data && (
        <ProposalsPanel
          proposals={proposals.data}
          onDecided={() => {
            proposals.reload();
            view.reload();
          }}
        />
      )}
      {view.status === 'error' && <ErrorAlert error={view.error} onRetry={view.reload} />}
      {move.error !== null && <ErrorAlert error={move.error} />}
      {view.status === 'loading' && !data && <PageSpinner />}
      {data && data.children.length === 0 && <Empty description={t('programs.day.noChildren')} />}
      <ol className="enrolment-list" aria-label={t('programs.day.children')}>
        {data?.children.map((c) => (
          <DayChildRow
            key={c.id}
            child={c}
            busy={move.isBusy(c.id)}
            onSignIn={() => void move.run(c.id, c, { kind: 'sign_in' })}
            onAbsent={(absence) => void move.run(c.id, c, { kind: 'absent', absence })}
            onRelease={() => setReleasing(c)}
          />
        ))}
      </ol>
      {releasing && (
        <ReleaseDialog
          child={releasing}
          onClose={() => setReleasing(null)}
          onReleased={() => {
            void message.success(t('programs.day.released', { name: releasing.childName }));
            setReleasing(null);
            view.reload();
          }}
        />
      )}
    </div>
  );
}
