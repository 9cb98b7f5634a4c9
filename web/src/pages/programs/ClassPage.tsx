import { App, Button, Empty, Input, Modal, Segmented, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { classEnrolments, getProgram, withdrawEnrolment, type Enrolment } from '../../api/programs';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageSpinner } from '../../components/FullPageSpinner';
import { PageHeading } from '../../components/PageHeading';
import { formatChinaDateTime } from '../../lib/china-time';
import { createIdempotencyKeeper } from '../../lib/idempotency';
import { useAction } from '../../lib/use-action';
import { useAsync } from '../../lib/use-async';
import { classCounts, ENROLMENT_COLOR } from './program-format';
import './programs.css';

type View = 'enrolled' | 'waitlist' | 'closed';
const VIEW_OF: Record<Enrolment['status'], View> = {
  enrolled: 'enrolled',
  offered: 'waitlist',
  waitlisted: 'waitlist',
  applied: 'waitlist',
  withdrawn: 'closed',
  declined: 'closed',
  expired: 'closed',
};

/**
 * CP-2 at the door: a class's enrolled children, its open offers and waitlist (in the order seats
 * go to it), and the closed ones. Buttons come only from each row's availableActions.
 */
export default function ClassPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { id = '', classId = '' } = useParams();
  const program = useAsync((signal) => getProgram(id, signal), id);
  const list = useAsync((signal) => classEnrolments(classId, signal), classId);
  const klass = program.data?.classes.find((c) => c.id === classId);
  const [view, setView] = useState<View>('enrolled');
  const [withdrawing, setWithdrawing] = useState<Enrolment | null>(null);
  const [reason, setReason] = useState('');
  // One key per withdrawal body: a retry after a network error replays, a changed reason is new.
  const keeper = useMemo(() => createIdempotencyKeeper(), []);

  const withdraw = useAction(async (e: Enrolment, why: string) => {
    const reasonText = why.trim() || undefined;
    await withdrawEnrolment(e.id, reasonText, keeper.keyFor({ id: e.id, reason: reasonText }));
    keeper.reset();
    setWithdrawing(null);
    setReason('');
    void message.success(t('programs.withdraw.done', { name: e.childName }));
    list.reload();
    program.reload();
  });

  const rows = useMemo(
    () => (list.data ?? []).filter((e) => VIEW_OF[e.status] === view),
    [list.data, view],
  );
  const count = (v: View) => (list.data ?? []).filter((e) => VIEW_OF[e.status] === v).length;
  const counts = klass ? classCounts(klass) : null;

  return (
    <div className="page">
      <PageHeading
        title={klass?.name ?? t('programs.classTitle')}
        subtitle={program.data && <Link to={`/programs/${id}`}>{program.data.title}</Link>}
      />
      <nav className="class-day-links" aria-label={t('programs.day.titleBare')}>
        <Link to={`/programs/${id}/classes/${classId}/day`} data-testid="open-class-day">
          {t('programs.day.open')}
        </Link>
        {' · '}
        <Link to={`/programs/${id}/classes/${classId}/roster`}>{t('programs.day.roster')}</Link>
      </nav>
      {counts && klass && (
        <p className="program-facts">
          {t('programs.counts', {
            enrolled: counts.enrolled,
            capacity: klass.capacity,
            hardMax: counts.hardMax,
          })}
          {' · '}
          {t('programs.offersAndWaitlist', {
            offered: counts.offered,
            waiting: klass.waitlistLength,
          })}
        </p>
      )}
      <Segmented
        className="class-views"
        size="large"
        value={view}
        onChange={(v) => setView(v)}
        options={(['enrolled', 'waitlist', 'closed'] as const).map((v) => ({
          value: v,
          label: `${t(`programs.view.${v}`)} (${count(v)})`,
        }))}
      />
      {list.status === 'error' && <ErrorAlert error={list.error} onRetry={list.reload} />}
      {list.status === 'loading' && !list.data && <PageSpinner />}
      {list.data && rows.length === 0 && <Empty description={t(`programs.emptyView.${view}`)} />}
      <ol className="enrolment-list" aria-label={t(`programs.view.${view}`)}>
        {rows.map((e) => (
          <EnrolmentRow
            key={e.id}
            enrolment={e}
            place={e.status === 'waitlisted' ? waitingPlace(rows, e) : null}
            onWithdraw={() => setWithdrawing(e)}
          />
        ))}
      </ol>
      <Modal
        open={withdrawing !== null}
        title={t('programs.withdraw.title', { name: withdrawing?.childName ?? '' })}
        okText={t('programs.withdraw.confirm')}
        okButtonProps={{ danger: true }}
        confirmLoading={withdraw.busy}
        onOk={() => withdrawing && void withdraw.run(withdrawing, reason)}
        onCancel={() => {
          setWithdrawing(null);
          withdraw.clearError();
        }}
        destroyOnHidden
      >
        {withdraw.error !== null && <ErrorAlert error={withdraw.error} />}
        <p>{t('programs.withdraw.explain')}</p>
        <label htmlFor="withdraw-reason">{t('programs.withdraw.reason')}</label>
        <Input.TextArea
          id="withdraw-reason"
          rows={2}
          maxLength={500}
          value={reason}
          onChange={(ev) => setReason(ev.target.value)}
        />
      </Modal>
    </div>
  );
}

/** A family's place on the waitlist as the list shows it (priority groups first, then time). */
const waitingPlace = (rows: Enrolment[], e: Enrolment) =>
  rows.filter((r) => r.status === 'waitlisted').indexOf(e) + 1;

function EnrolmentRow({
  enrolment: e,
  place,
  onWithdraw,
}: {
  enrolment: Enrolment;
  place: number | null;
  onWithdraw: () => void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <li className="enrolment-row" data-testid={`enrolment-${e.id}`}>
      <div className="enrolment-who">
        <span className="enrolment-name">
          {place !== null && `${place}. `}
          {e.childName}
        </span>
        <span>
          <Tag color={ENROLMENT_COLOR[e.status]}>{t(`programs.status.${e.status}`)}</Tag>
          {e.priorityGroups.map((g) => (
            <Tag key={g.group} color="purple" title={g.evidence}>
              {t(`programs.priority.${g.group}`)}
            </Tag>
          ))}
        </span>
        {e.status === 'offered' && e.offerExpiresAt && (
          <span className="offer-expiry">
            {t('programs.offerExpires', {
              at: formatChinaDateTime(e.offerExpiresAt, i18n.language),
            })}
          </span>
        )}
        <span className="program-facts">
          {t('programs.appliedAt', { at: formatChinaDateTime(e.appliedAt, i18n.language) })}
        </span>
      </div>
      {e.availableActions.includes('withdraw') && (
        <Button danger size="large" onClick={onWithdraw}>
          {t('programs.withdraw.button')}
        </Button>
      )}
    </li>
  );
}
