import { Alert, Button, Input, Result, Segmented } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { getActivity, submitCode, type Direction, type ServiceRecord } from '../../api/activities';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAsync } from '../../lib/use-async';
import { formatTime, formatWhen } from './activity-format';
import './activities.css';

/**
 * Where the QR on the lead's screen leads: activity, direction and code filled in, one big button.
 * The code can also be typed from the screen.
 */
export default function CheckInPage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const { t, i18n } = useTranslation();
  const activity = useAsync((signal) => getActivity(id, signal), id);
  const [direction, setDirection] = useState<Direction>(
    params.get('direction') === 'out' ? 'out' : 'in',
  );
  const [code, setCode] = useState((params.get('code') ?? '').replace(/\D/g, '').slice(0, 6));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<ServiceRecord | null>(null);

  const submit = () => {
    setBusy(true);
    setError(null);
    submitCode(id, direction, code)
      .then((r) => setDone(r.record))
      .catch((e: unknown) => setError(e))
      .finally(() => setBusy(false));
  };

  if (done)
    return (
      <div className="page checkin-page">
        <Result
          status="success"
          title={
            direction === 'in' ? t('activities.checkin.doneIn') : t('activities.checkin.doneOut')
          }
          subTitle={
            direction === 'in'
              ? t('activities.checkin.at', { time: formatTime(done.checkedInAt, i18n.language) })
              : t('activities.checkin.hoursPending', { hours: done.hours })
          }
          extra={
            <Link to="/vs/my-activities">
              <Button type="primary" size="large">
                {t('activities.mine.title')}
              </Button>
            </Link>
          }
        />
      </div>
    );
  return (
    <div className="page checkin-page">
      <h1>{t('activities.checkin.title')}</h1>
      {activity.data && (
        <Alert
          type="info"
          title={activity.data.title}
          description={`${formatWhen(activity.data, i18n.language)} · ${activity.data.place}`}
        />
      )}
      {activity.status === 'error' && <ErrorAlert error={activity.error} />}
      <Segmented
        block
        size="large"
        value={direction}
        onChange={(v) => setDirection(v as Direction)}
        options={[
          { value: 'in', label: t('activities.code.in') },
          { value: 'out', label: t('activities.code.out') },
        ]}
      />
      <label htmlFor="checkin-code" className="checkin-label">
        {t('activities.checkin.codeLabel')}
      </label>
      <Input
        id="checkin-code"
        className="checkin-input"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={6}
        value={code}
        onChange={(e) => setCode(e.target.value.replace(/\D/g, '').slice(0, 6))}
        onPressEnter={() => code.length === 6 && submit()}
      />
      <p className="muted">{t('activities.checkin.hint')}</p>
      {error !== null && <ErrorAlert error={error} />}
      <Button
        type="primary"
        size="large"
        disabled={code.length !== 6}
        loading={busy}
        onClick={submit}
        data-testid="checkin-submit"
      >
        {direction === 'in' ? t('activities.checkin.submitIn') : t('activities.checkin.submitOut')}
      </Button>
    </div>
  );
}
