import { App, Button, Empty, Segmented, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { cancelSignup, pageMyActivities, type MyActivity } from '../../api/activities';
import { CursorPager } from '../../components/CursorPager';
import { useCursorPages } from '../../lib/use-cursor-pages';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageSpinner } from '../../components/FullPageSpinner';
import { PageHeading } from '../../components/PageHeading';
import { errorText } from '../../lib/errors';
import { useKeyedAction } from '../../lib/use-action';
import { useAsync } from '../../lib/use-async';
import { ActivityCard } from './ActivityCard';
import { RECORD_COLOR, SIGNUP_COLOR, signupLabel } from './activity-format';
import './activities.css';

/** The volunteer's phone page: my sign-ups (upcoming / past), waitlist rank, check-in, hours. */
export default function MyActivitiesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [when, setWhen] = useState<'upcoming' | 'past'>('upcoming');
  // One cursor stack per tab (issue #16 p5): switching tabs keeps each one's page.
  const upcomingPages = useCursorPages();
  const pastPages = useCursorPages();
  const pages = when === 'upcoming' ? upcomingPages : pastPages;
  const list = useAsync(
    (signal) => pageMyActivities(when, pages.after, signal),
    `${when}:${pages.after ?? ''}`,
  );

  const leaving = useKeyedAction(async (activityId: string) => {
    try {
      await cancelSignup(activityId);
      void message.success(t('activities.signup.cancelled'));
      list.reload();
    } catch (e) {
      void message.error(errorText(t, e));
    }
  });
  const leave = (m: MyActivity) => void leaving.run(m.activity.id, m.activity.id);

  const rows = (list.data?.items ?? []).filter(
    (m) => when === 'past' || m.signup.status !== 'cancelled',
  );
  return (
    <div className="page">
      <PageHeading
        title={t('activities.mine.title')}
        subtitle={t('activities.mine.subtitle')}
        extra={
          <Link to="/vs/activities">
            <Button size="large">{t('activities.mine.findMore')}</Button>
          </Link>
        }
      />
      <Segmented
        size="large"
        block
        value={when}
        onChange={(v) => setWhen(v as 'upcoming' | 'past')}
        options={[
          { value: 'upcoming', label: t('activities.mine.upcoming') },
          { value: 'past', label: t('activities.mine.past') },
        ]}
      />
      {list.status === 'error' && <ErrorAlert error={list.error} onRetry={list.reload} />}
      {list.status === 'loading' && !list.data && <PageSpinner />}
      {list.data && rows.length === 0 && <Empty description={t('activities.mine.empty')} />}
      <div className="activity-list">
        {rows.map((m) => (
          <ActivityCard
            key={m.signup.id}
            activity={{ ...m.activity, mySignup: null }}
            actions={
              <>
                <Tag color={SIGNUP_COLOR[m.signup.status]}>{signupLabel(t, m.signup)}</Tag>
                {m.record && (
                  <Tag color={RECORD_COLOR[m.record.status]}>
                    {t(`activities.record.${m.record.status}`)}
                    {m.record.checkedOutAt
                      ? ` · ${t('activities.hoursValue', { hours: m.record.hours })}`
                      : ''}
                  </Tag>
                )}
                {m.activity.availableActions.includes('check_in') && (
                  <Link to={`/vs/check-in/${m.activity.id}`}>
                    <Button type="primary" size="large">
                      {m.record?.status === 'checked_in'
                        ? t('activities.checkin.outButton')
                        : t('activities.checkin.button')}
                    </Button>
                  </Link>
                )}
                {m.activity.availableActions.includes('cancel_signup') && !m.record && (
                  <Button
                    size="large"
                    loading={leaving.isBusy(m.activity.id)}
                    onClick={() => leave(m)}
                  >
                    {t('activities.signup.cancel')}
                  </Button>
                )}
              </>
            }
          />
        ))}
      </div>
      {list.data && (
        <CursorPager
          page={pages.page}
          nextCursor={list.data.nextCursor}
          total={list.data.total}
          totalExact={list.data.totalExact}
          onNext={pages.next}
          onPrevious={pages.previous}
          testId="my-activities-pager"
        />
      )}
    </div>
  );
}
