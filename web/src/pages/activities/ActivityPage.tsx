import { App, Button, Descriptions, Input, Modal, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import {
  cancelActivity,
  cancelSignup,
  getActivity,
  getRoster,
  signUp,
  type Activity,
  type ActivityAction,
} from '../../api/activities';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageSpinner } from '../../components/FullPageSpinner';
import { PageHeading } from '../../components/PageHeading';
import { errorText } from '../../lib/errors';
import { useAsync } from '../../lib/use-async';
import { formatWhen, SIGNUP_COLOR, signupLabel } from './activity-format';
import { CodePanel } from './CodePanel';
import { LeadSignupCard } from './LeadSignupCard';
import { RosterTable } from './RosterTable';
import './activities.css';
import { useAction } from '../../lib/use-action';

function Facts({ a }: { a: Activity }) {
  const { t, i18n } = useTranslation();
  return (
    <Descriptions
      column={{ xs: 1, sm: 2 }}
      size="middle"
      items={[
        { key: 'when', label: t('activities.when'), children: formatWhen(a, i18n.language) },
        { key: 'place', label: t('activities.place'), children: a.place },
        { key: 'team', label: t('activities.team'), children: a.teamName },
        { key: 'lead', label: t('activities.lead'), children: a.leadName },
        {
          key: 'places',
          label: t('activities.placesLabel'),
          children: t('activities.places.count', {
            confirmed: a.confirmedCount,
            capacity: a.capacity,
            waiting: a.waitlistCount,
          }),
        },
        ...(a.skills.length
          ? [{ key: 'skills', label: t('activities.skills'), children: a.skills.join('、') }]
          : []),
        ...(a.description
          ? [{ key: 'desc', label: t('activities.description'), children: a.description }]
          : []),
        ...(a.cancelReason
          ? [{ key: 'cancel', label: t('activities.cancelReason'), children: a.cancelReason }]
          : []),
      ]}
    />
  );
}

/** One activity: for its lead the code screen, roster and hours; for a volunteer sign-up. */
export default function ActivityPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const activity = useAsync((signal) => getActivity(id, signal), id);
  const a = activity.data;
  const manage = a?.canManage === true;
  const roster = useAsync(
    (signal) => (manage ? getRoster(id, signal) : Promise.resolve(null)),
    `${id}:${manage}`,
  );
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');

  // Outcomes show as a toast; the error too (the buttons sit on a busy page).
  const action = useAction(async (job: () => Promise<unknown>, done: string) => {
    try {
      await job();
    } catch (e) {
      void message.error(errorText(t, e));
      return;
    }
    void message.success(done);
    activity.reload();
    roster.reload();
  });
  const act = (job: () => Promise<unknown>, done: string) => void action.run(job, done);
  const busy = action.busy;

  if (activity.status === 'error' && !a) return <ErrorAlert error={activity.error} />;
  if (!a) return <PageSpinner />;
  const can = (action: ActivityAction) => a.availableActions.includes(action);
  return (
    <div className="page">
      <PageHeading
        title={a.title}
        subtitle={
          <>
            <Tag color={a.status === 'open' ? 'green' : 'red'}>
              {t(`activities.status.${a.status}`)}
            </Tag>
            {a.mySignup && (
              <Tag color={SIGNUP_COLOR[a.mySignup.status]}>{signupLabel(t, a.mySignup)}</Tag>
            )}
          </>
        }
        extra={
          can('cancel') && (
            <Button danger size="large" onClick={() => setCancelling(true)}>
              {t('activities.cancel.button')}
            </Button>
          )
        }
      />
      <Facts a={a} />
      {(can('sign_up') || can('check_in') || can('cancel_signup')) && (
        <div className="activity-actions">
          {can('sign_up') && (
            <Button
              type="primary"
              size="large"
              loading={busy}
              onClick={() => act(() => signUp(a.id), t('activities.signup.doneShort'))}
            >
              {a.confirmedCount < a.capacity
                ? t('activities.signup.button')
                : t('activities.signup.waitlistButton')}
            </Button>
          )}
          {can('check_in') && (
            <Link to={`/vs/check-in/${a.id}`}>
              <Button type="primary" size="large">
                {t('activities.checkin.button')}
              </Button>
            </Link>
          )}
          {can('cancel_signup') && (
            <Button
              size="large"
              loading={busy}
              onClick={() => act(() => cancelSignup(a.id), t('activities.signup.cancelled'))}
            >
              {t('activities.signup.cancel')}
            </Button>
          )}
        </div>
      )}
      {can('show_code') && <CodePanel activityId={a.id} />}
      {can('sign_up_other') && (
        <LeadSignupCard
          activityId={a.id}
          onDone={() => {
            activity.reload();
            roster.reload();
          }}
        />
      )}
      {manage && roster.status === 'error' && <ErrorAlert error={roster.error} />}
      {manage && roster.data && <RosterTable roster={roster.data} onChange={roster.reload} />}
      <Modal
        open={cancelling}
        title={t('activities.cancel.title')}
        okText={t('activities.cancel.confirm')}
        okButtonProps={{ danger: true, disabled: reason.trim() === '' }}
        onCancel={() => setCancelling(false)}
        onOk={() => {
          setCancelling(false);
          act(() => cancelActivity(a.id, reason.trim()), t('activities.cancel.done'));
        }}
      >
        <label htmlFor="cancel-reason">{t('activities.cancel.reason')}</label>
        <Input.TextArea
          id="cancel-reason"
          rows={3}
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </div>
  );
}
