import { CheckCircleFilled, ClockCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseState, TrackView } from '../../api/case-types';
import { formatDay, localName } from '../cases/case-format';
import { yearsText } from '../cases/ProvisionalDue';

type Tone = 'good' | 'wait' | 'act';

const TONE: Record<CaseState, Tone> = {
  awaiting_supplement: 'act',
  accepted: 'wait',
  in_progress: 'wait',
  suspended: 'act',
  decided: 'good',
  delivered: 'good',
  closed: 'good',
  refused: 'act',
  withdrawn: 'wait',
};

const ICON: Record<Tone, ReactNode> = {
  good: <CheckCircleFilled aria-hidden />,
  wait: <ClockCircleFilled aria-hidden />,
  act: <ExclamationCircleFilled aria-hidden />,
};

/** The status in plain words, what comes next, where, by when, and what is still missing. */
export function TrackResult({ view }: { view: TrackView }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const tone =
    view.state === 'decided' && view.result === 'not_approved' ? 'act' : TONE[view.state];
  const words =
    view.state === 'decided' && view.result
      ? t(`cases.track.words.decided_${view.result}`)
      : t(`cases.track.words.${view.state}`);

  return (
    <section className="track-result" data-testid="track-result" aria-live="polite">
      <p
        className={`track-status track-status-${tone}`}
        data-testid="track-state"
        data-state={view.state}
      >
        {ICON[tone]}
        <span>{words}</span>
      </p>
      <p className="track-next">{t(`cases.track.next.${view.state}`)}</p>
      <dl className="track-facts">
        <div>
          <dt>{t('cases.track.number')}</dt>
          <dd className="mono">{view.number}</dd>
        </div>
        <div>
          <dt>{t('cases.track.item')}</dt>
          <dd>{localName(view.item, lang)}</dd>
        </div>
        <div>
          <dt>{t('cases.track.station')}</dt>
          <dd>{view.station}</dd>
        </div>
        <div>
          <dt>{t('cases.track.dueDate')}</dt>
          <dd data-testid="track-due">
            {view.dueDate ? formatDay(view.dueDate, lang) : t('cases.track.noDue')}
          </dd>
        </div>
      </dl>
      {view.dueDateProvisional && (
        <Alert
          type="warning"
          showIcon
          className="track-provisional"
          data-testid="track-due-provisional"
          title={t('cases.track.dueProvisional', {
            years: yearsText(view.provisionalYears, i18n.language),
          })}
        />
      )}
      {view.missing.length > 0 && (
        <div className="track-missing" data-testid="track-missing">
          <h2>{t('cases.track.missingTitle')}</h2>
          <p>{t('cases.track.missingHelp')}</p>
          <ol>
            {view.missing.map((m) => (
              <li key={m.zh}>{localName(m, lang)}</li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}
