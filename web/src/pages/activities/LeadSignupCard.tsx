/**
 * Issue #15 point 4 on the lead's activity page: 代为报名 — sign up a volunteer who cannot do it
 * themselves (no phone, no account), found by name or volunteer number among the town's
 * volunteers. Shown while the activity's `availableActions` offer `sign_up_other`; the place (or
 * the waitlist) follows the same rules as a volunteer's own sign-up, and the lead then checks them
 * in and out by hand on the roster.
 */
import { App, Button, Card, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { findSignupCandidates, signUpOther } from '../../api/activities';
import { ErrorAlert } from '../../components/ErrorAlert';
import { createIdempotencyKeeper } from '../../lib/idempotency';
import { useAction } from '../../lib/use-action';
import { useAsync } from '../../lib/use-async';

export function LeadSignupCard({ activityId, onDone }: { activityId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const [picked, setPicked] = useState<string | undefined>();
  const keeper = useMemo(() => createIdempotencyKeeper(), []);
  const found = useAsync(
    (signal) =>
      q.trim() ? findSignupCandidates(activityId, q.trim(), signal) : Promise.resolve([]),
    `${activityId}|${q.trim()}`,
  );
  const save = useAction(async () => {
    if (!picked) return;
    const s = await signUpOther(activityId, picked, keeper.keyFor({ activityId, picked }));
    keeper.reset();
    void message.success(
      s.status === 'confirmed'
        ? t('activities.leadSignup.doneConfirmed')
        : t('activities.leadSignup.doneWaitlisted'),
    );
    setPicked(undefined);
    setQ('');
    onDone();
  });
  return (
    <Card
      title={t('activities.leadSignup.title')}
      className="lead-signup"
      data-testid="lead-signup"
      style={{ marginBottom: 16 }}
    >
      <Typography.Paragraph type="secondary">
        {t('activities.leadSignup.intro')}
      </Typography.Paragraph>
      <div className="lead-signup-pick">
        <Select
          showSearch={{ filterOption: false, onSearch: setQ }}
          allowClear
          value={picked}
          onChange={(v?: string) => setPicked(v ?? undefined)}
          options={(found.data ?? []).map((v) => ({
            value: v.id,
            label: [
              v.fullName,
              v.volunteerNumber,
              v.homeRegionName,
              v.phoneMasked ?? t('activities.leadSignup.noPhone'),
              v.signedUp ? t('activities.leadSignup.already') : null,
            ]
              .filter(Boolean)
              .join(' · '),
            disabled: v.signedUp,
          }))}
          loading={found.status === 'loading' && q.trim() !== ''}
          placeholder={t('activities.leadSignup.search')}
          notFoundContent={q.trim() ? t('activities.leadSignup.none') : null}
          aria-label={t('activities.leadSignup.search')}
          data-testid="lead-signup-picker"
          className="lead-signup-select"
        />
        <Button
          type="primary"
          size="large"
          disabled={!picked}
          loading={save.busy}
          onClick={() => void save.run()}
          data-testid="lead-signup-submit"
        >
          {t('activities.leadSignup.submit')}
        </Button>
      </div>
      {save.error !== null && <ErrorAlert error={save.error} />}
    </Card>
  );
}
