import { App, Button, Empty, Segmented, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { pageActivities, signUp, type Activity } from '../../api/activities';
import { CursorPager } from '../../components/CursorPager';
import { useCursorPages } from '../../lib/use-cursor-pages';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ExportButton } from '../../components/ExportButton';
import { PageHeading } from '../../components/PageHeading';
import { PageSpinner } from '../../components/FullPageSpinner';
import { errorText } from '../../lib/errors';
import { useKeyedAction } from '../../lib/use-action';
import { useAsync } from '../../lib/use-async';
import { useMe } from '../../session/session-context';
import { ActivityCard, OpenButton } from './ActivityCard';
import { activityCapabilitiesOf } from '../../lib/page-capabilities';
import { NewActivityDialog } from './NewActivityDialog';
import './activities.css';

/** Open activities to sign up for (volunteers); the activities I run (leaders, centre staff). */
export default function ActivitiesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const caps = activityCapabilitiesOf(useMe());
  const [params, setParams] = useSearchParams();
  const [view, setView] = useState<'open' | 'managed'>(caps.manage ? 'managed' : 'open');
  // One cursor stack per view (issue #16 p5): switching views keeps each one's page.
  const openPages = useCursorPages();
  const managedPages = useCursorPages();
  const pages = view === 'open' ? openPages : managedPages;
  const list = useAsync(
    (signal) => pageActivities(view, pages.after, signal),
    `${view}:${pages.after ?? ''}`,
  );
  const orderId = params.get('orderId');
  const [creating, setCreating] = useState(orderId !== null);

  const joining = useKeyedAction(async (id: string) => {
    try {
      const s = await signUp(id);
      void message.success(
        s.status === 'confirmed'
          ? t('activities.signup.done')
          : t('activities.signup.doneWaitlist', { rank: s.waitlistRank ?? '?' }),
      );
      list.reload();
    } catch (e) {
      void message.error(errorText(t, e));
    }
  });
  const join = (a: Activity) => void joining.run(a.id, a.id);

  return (
    <div className="page">
      <PageHeading
        title={t('activities.title')}
        subtitle={t('activities.subtitle')}
        extra={
          caps.manage && (
            <Space wrap>
              <Button type="primary" size="large" onClick={() => setCreating(true)}>
                {t('activities.create.button')}
              </Button>
              <ExportButton listPath="/vs/activities" filters={{ view }} />
            </Space>
          )
        }
      />
      {caps.manage && caps.volunteer && (
        <Segmented
          size="large"
          value={view}
          onChange={(v) => setView(v as 'open' | 'managed')}
          options={[
            { value: 'managed', label: t('activities.view.managed') },
            { value: 'open', label: t('activities.view.open') },
          ]}
        />
      )}
      {list.status === 'error' && <ErrorAlert error={list.error} onRetry={list.reload} />}
      {list.status === 'loading' && !list.data && <PageSpinner />}
      {list.data?.items.length === 0 && (
        <Empty
          description={view === 'open' ? t('activities.emptyOpen') : t('activities.emptyManaged')}
        />
      )}
      <div className="activity-list">
        {list.data?.items.map((a) => (
          <ActivityCard
            key={a.id}
            activity={a}
            actions={
              <>
                {view === 'open' && a.availableActions.includes('sign_up') && (
                  <Button
                    type="primary"
                    size="large"
                    loading={joining.isBusy(a.id)}
                    onClick={() => join(a)}
                  >
                    {a.confirmedCount < a.capacity
                      ? t('activities.signup.button')
                      : t('activities.signup.waitlistButton')}
                  </Button>
                )}
                <OpenButton id={a.id} />
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
          testId="activities-pager"
        />
      )}
      {caps.manage && (
        <NewActivityDialog
          open={creating}
          orderId={orderId}
          onClose={() => {
            setCreating(false);
            if (orderId) setParams({});
          }}
          onCreated={() => {
            setView('managed');
            list.reload();
          }}
        />
      )}
    </div>
  );
}
