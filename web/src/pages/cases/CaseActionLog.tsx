import { Empty, Timeline } from 'antd';
import { useTranslation } from 'react-i18next';
import { CASE_ACTIONS, CASE_STATES, type CaseAction, type CaseState } from '../../api/case-types';
import { fetchCaseEvents } from '../../api/cases';
import type { AuditEvent } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { isRole } from '../../lib/role-names';
import { useAsync } from '../../lib/use-async';
import { formatMoment } from './case-format';

interface LogEntry {
  seq: number;
  at: string;
  who: string;
  role: string;
  action: CaseAction | 'file';
  from: CaseState | null;
  to: CaseState | null;
  reason: string | null;
}

const field = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
const asState = (value: unknown): CaseState | null =>
  typeof value === 'string' && (CASE_STATES as readonly string[]).includes(value)
    ? (value as CaseState)
    : null;
const asAction = (value: unknown): CaseAction | null =>
  typeof value === 'string' && (CASE_ACTIONS as readonly string[]).includes(value)
    ? (value as CaseAction)
    : null;

/** A case's audit events as log lines: filed, then each transition with its reason. */
function toEntry(event: AuditEvent): LogEntry | null {
  const action = event.action === 'case.filed' ? 'file' : asAction(field(event.after, 'action'));
  if (!action) return null;
  const reason = field(event.after, 'reason');
  return {
    seq: event.seq,
    at: event.occurredAt,
    who: event.actorName ?? '',
    role: event.actorRole ?? '',
    action,
    from: asState(field(event.before, 'state')),
    to: asState(field(event.after, 'state')),
    reason: typeof reason === 'string' ? reason : null,
  };
}

/**
 * The case's history, read from the audit log (admin and supervisor may read it). There is no
 * case-actions endpoint for the other staff yet.
 */
export function CaseActionLog({ caseId, version }: { caseId: string; version: number }) {
  const { t, i18n } = useTranslation();
  const events = useAsync((signal) => fetchCaseEvents(caseId, signal), `${caseId}|${version}`);
  if (events.status === 'error') return <ErrorAlert error={events.error} onRetry={events.reload} />;
  const entries = (events.data ?? [])
    .map(toEntry)
    .filter((e): e is LogEntry => e !== null)
    .sort((a, b) => a.seq - b.seq);
  if (events.status === 'success' && entries.length === 0)
    return <Empty description={t('cases.detail.logEmpty')} />;
  return (
    <Timeline
      className="case-log"
      data-testid="case-log"
      items={entries.map((e) => ({
        key: e.seq,
        children: (
          <div className="case-log-entry">
            <strong>
              {e.action === 'file' ? t('cases.detail.logFiled') : t(`cases.action.${e.action}`)}
            </strong>
            {e.from && e.to && (
              <span className="muted">
                {' '}
                {t('cases.detail.logTransition', {
                  from: t(`cases.state.${e.from}`),
                  to: t(`cases.state.${e.to}`),
                })}
              </span>
            )}
            <div className="muted">
              {formatMoment(e.at, i18n.language)} ·{' '}
              {t('cases.detail.logBy', {
                who: e.who,
                role: isRole(e.role) ? t(`roles.${e.role}`) : e.role,
              })}
            </div>
            {e.reason && <div>{t('cases.detail.logReason', { reason: e.reason })}</div>}
          </div>
        ),
      }))}
    />
  );
}
