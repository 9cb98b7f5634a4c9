import { App, Button } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { decideProposal, type Proposal } from '../../api/programs-day';
import { ErrorAlert } from '../../components/ErrorAlert';
import { createIdempotencyKeeper } from '../../lib/idempotency';
import { useKeyedAction } from '../../lib/use-action';

/**
 * CP-3 open withdrawal proposals (late pickups and unexcused absences reached the class's limit):
 * the organiser confirms (the seat goes to the waitlist) or dismisses (the strikes count afresh).
 */
export function ProposalsPanel({
  proposals,
  onDecided,
}: {
  proposals: Proposal[];
  onDecided: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const keeper = useMemo(() => createIdempotencyKeeper(), []);
  const decide = useKeyedAction(async (p: Proposal, decision: 'confirm' | 'dismiss') => {
    await decideProposal(p.id, decision, keeper.keyFor({ id: p.id, decision }));
    keeper.reset();
    void message.success(t(`programs.day.proposals.${decision}ed`, { name: p.childName }));
    onDecided();
  });
  const open = proposals.filter((p) => p.status === 'proposed');
  if (open.length === 0) return null;
  return (
    <section className="day-proposals" aria-label={t('programs.day.proposals.title')}>
      <h2>{t('programs.day.proposals.title')}</h2>
      {decide.error !== null && <ErrorAlert error={decide.error} />}
      <ul className="enrolment-list">
        {open.map((p) => (
          <li key={p.id} className="enrolment-row" data-testid={`proposal-${p.childName}`}>
            <div className="enrolment-who">
              <span className="enrolment-name">{p.childName}</span>
              <span className="program-facts">
                {t('programs.day.proposals.counts', { late: p.lateCount, absent: p.absenceCount })}
              </span>
            </div>
            <div className="day-child-actions">
              {p.availableActions.includes('confirm') && (
                <Button
                  danger
                  size="large"
                  loading={decide.isBusy(p.id)}
                  onClick={() => void decide.run(p.id, p, 'confirm')}
                >
                  {t('programs.day.proposals.confirm')}
                </Button>
              )}
              {p.availableActions.includes('dismiss') && (
                <Button
                  size="large"
                  disabled={decide.isBusy(p.id)}
                  onClick={() => void decide.run(p.id, p, 'dismiss')}
                >
                  {t('programs.day.proposals.dismiss')}
                </Button>
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
