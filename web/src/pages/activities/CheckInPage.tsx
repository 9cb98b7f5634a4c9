import { Alert, Button, Input, Result, Segmented } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { getActivity, type Direction, type ServiceRecord } from '../../api/activities';
import { ErrorAlert } from '../../components/ErrorAlert';
import { createIdempotencyKeeper } from '../../lib/idempotency';
import { useAsync } from '../../lib/use-async';
import { OutboxPanel } from '../../offline/OutboxPanel';
import { checkInItem } from '../../offline/outbox-items';
import { submitOrQueue } from '../../offline/outbox-runtime';
import { useOutbox } from '../../offline/use-outbox';
import { formatTime, formatWhen } from './activity-format';
import './activities.css';
import { useAction } from '../../lib/use-action';

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
  const [done, setDone] = useState<ServiceRecord | null>(null);
  const [queued, setQueued] = useState(false);
  // Issue #11 point 3: one key per code; during a network cut the check-in waits in the outbox.
  const keeper = useRef(createIdempotencyKeeper());
  const { owner } = useOutbox();

  const checkIn = useAction(async () => {
    const item = checkInItem({
      activityId: id,
      direction,
      code,
      idempotencyKey: keeper.current.keyFor({ id, direction, code }),
      label: activity.data?.title ?? t('activities.checkin.title'),
      scannedAt: new Date(),
    });
    try {
      const outcome = await submitOrQueue<{ record: ServiceRecord }>({ owner, item });
      if (outcome.status === 'sent') setDone(outcome.result.record);
      else setQueued(true);
    } finally {
      keeper.current.reset();
    }
  });
  const submit = () => void checkIn.run();
  const { busy, error } = checkIn;

  if (queued)
    return (
      <div className="page checkin-page">
        <OutboxPanel help="phone" />
        <Result
          status="info"
          data-testid="checkin-queued"
          title={
            direction === 'in'
              ? t('offline.checkin.queuedTitle')
              : t('offline.checkin.queuedOutTitle')
          }
          subTitle={t('offline.checkin.queuedHelp')}
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
      <OutboxPanel help="phone" />
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
